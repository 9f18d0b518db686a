/**
 * Loads a GET resource by its path and reloads it when the path or query change; aborts stale requests.
 * Left for the pages not yet on the contract (funds, performance): a converted page uses
 * `useEndpoint` (query.ts), whose answer type comes from src/contract. Remove once none imports it.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, type Query } from './api.ts';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

export function useApi<T>(path: string | null, query?: Query): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(path !== null);
  const [version, setVersion] = useState(0);
  const key = JSON.stringify(query ?? {});

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<T>(path, JSON.parse(key) as Query, controller.signal)
      .then((value) => {
        setData(value);
        setLoading(false);
      })
      .catch((reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(reason);
        setData(null);
        setLoading(false);
      });
    return () => controller.abort();
  }, [path, key, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload };
}
