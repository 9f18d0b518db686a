/** Data the funds pages share: district names and the funds with their annualities. */
import { useMemo } from 'react';
import { useApi } from '../useApi.ts';
import type { DistrictRow, Page } from '../types.ts';
import type { FundSummary } from './types.ts';

/** District code → name (a Region has a few dozen: one page of 100 holds them). */
export function useDistrictNames(): Map<string, string> {
  const { data } = useApi<Page<DistrictRow>>('/api/districts', { page: 1, pageSize: 100 });
  return useMemo(() => new Map((data?.items ?? []).map((d) => [d.code, d.name])), [data]);
}

export function useFunds() {
  return useApi<FundSummary[]>('/api/funds');
}
