/**
 * Server state through TanStack Query: an endpoint's answer is cached under its path and input,
 * and every change sent to the server marks every cached answer stale, so what is on screen is
 * fetched again instead of reloaded by hand after each change.
 */
import { QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Endpoint, InputOf, ReplyOf } from '../../src/contract/endpoint.ts';
import { call } from './api.ts';

export const queryClient = new QueryClient({
  defaultOptions: {
    // an officer's screen shows what the server said last; a failed read is shown, not retried blindly
    queries: { retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** The answer of a GET endpoint; `null` input: not asked yet (e.g. no district chosen). */
export function useEndpoint<E extends Endpoint>(endpoint: E, input: InputOf<E> | null): Loaded<ReplyOf<E>> {
  const result = useQuery({
    queryKey: [endpoint.method, endpoint.url, input],
    queryFn: ({ signal }) => call(endpoint, input!, signal),
    enabled: input !== null,
  });
  return {
    data: result.error ? null : (result.data ?? null),
    error: result.error,
    loading: result.isFetching,
    reload: () => void result.refetch(),
  };
}

export interface Sent<E extends Endpoint> {
  send: (input: InputOf<E>) => Promise<ReplyOf<E>>;
  busy: boolean;
  error: unknown;
  reset: () => void;
}

/** A change sent to an endpoint; on success every cached answer is fetched again. */
export function useSend<E extends Endpoint>(endpoint: E): Sent<E> {
  const client = useQueryClient();
  const mutation = useMutation({
    mutationFn: (input: InputOf<E>) => call(endpoint, input),
    onSuccess: () => client.invalidateQueries(),
  });
  return { send: mutation.mutateAsync, busy: mutation.isPending, error: mutation.error, reset: mutation.reset };
}
