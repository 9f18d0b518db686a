export interface PageRequest {
  page: number;
  pageSize: number;
}

export const MAX_PAGE_SIZE = 200;

export const page = (r: PageRequest) => {
  const limit = Math.min(Math.max(1, r.pageSize), MAX_PAGE_SIZE);
  return { limit, offset: (Math.max(1, r.page) - 1) * limit };
};

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
