/** Data the funds pages share: district names and the funds with their annualities. */
import { useMemo } from 'react';
import { useEndpoint } from '../query.ts';
import { listDistricts } from '../../../src/contract/registry.ts';
import { listFunds } from '../../../src/contract/fund-programming.ts';

/** District code → name (a Region has a few dozen: one page of 100 holds them). */
export function useDistrictNames(): Map<string, string> {
  const { data } = useEndpoint(listDistricts, { query: { page: 1, pageSize: 100 } });
  return useMemo(() => new Map((data?.items ?? []).map((d) => [d.code, d.name])), [data]);
}

export function useFunds() {
  return useEndpoint(listFunds, {});
}
