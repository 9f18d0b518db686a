/**
 * Counts failed sign-ins per address in a sliding window; past the limit the address
 * answers 429 until the window passes. In memory: one server process serves the API.
 */
export interface LoginThrottle {
  blocked(ip: string, now: Date): boolean;
  failed(ip: string, now: Date): void;
  succeeded(ip: string): void;
}

export const loginThrottle = (maxFailures = 10, windowMs = 15 * 60_000): LoginThrottle => {
  const failures = new Map<string, number[]>();
  const recent = (ip: string, now: Date) => (failures.get(ip) ?? []).filter((t) => now.getTime() - t < windowMs);
  return {
    blocked: (ip, now) => recent(ip, now).length >= maxFailures,
    failed: (ip, now) => {
      const list = recent(ip, now);
      list.push(now.getTime());
      failures.set(ip, list);
      if (failures.size > 10_000) failures.delete(failures.keys().next().value!);
    },
    succeeded: (ip) => void failures.delete(ip),
  };
};
