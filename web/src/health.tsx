/** `GET /api/health`, read once: the start page needs `demo`, the footer the version. */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { call } from './api.ts';
import { getHealth, type Health } from '../../src/contract/health.ts';

const HealthContext = createContext<Health | null>(null);

export function HealthProvider({ children }: { children: ReactNode }) {
  const [health, setHealth] = useState<Health | null>(null);
  useEffect(() => {
    call(getHealth, {}).then(setHealth, () => setHealth(null));
  }, []);
  return <HealthContext.Provider value={health}>{children}</HealthContext.Provider>;
}

export const useHealth = (): Health | null => useContext(HealthContext);
