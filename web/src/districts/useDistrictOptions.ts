import { useEndpoint } from '../query.ts';
import { listDistricts } from '../../../src/contract/registry.ts';
import type { Option } from '../components/Fields.tsx';

/** Districts as select options (code — name). A Region has a few dozen: one page of 100 holds them. */
export function useDistrictOptions(): Option[] {
  const { data } = useEndpoint(listDistricts, { query: { page: 1, pageSize: 100 } });
  return (data?.items ?? []).map((d) => ({ value: d.code, label: `${d.code} — ${d.name}` }));
}
