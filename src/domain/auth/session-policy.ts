/**
 * How long a session lives (ASVS 4 V3.3): at most `SESSION_HOURS` from sign-in, and it ends
 * sooner when unused for the idle limit an installation sets (REGIA_SESSION_IDLE_MINUTES).
 */
export const SESSION_HOURS = 8;
export const DEFAULT_IDLE_MINUTES = 30;
export const IDLE_MINUTES_RANGE = { min: 1, max: SESSION_HOURS * 60 } as const;
/** The last use is written at most this often per session: one write a minute, not one per request. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;
/** Bound of the user agent stored with a session (it is the client's to choose). */
export const USER_AGENT_MAX = 200;

/** REGIA_SESSION_IDLE_MINUTES: a whole number of minutes in the range; unset means the default. */
export const parseIdleMinutes = (value: string | undefined): { ok: true; minutes: number } | { ok: false; message: string } => {
  if (value === undefined || value.trim() === '') return { ok: true, minutes: DEFAULT_IDLE_MINUTES };
  const text = value.trim();
  const minutes = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(minutes) || minutes < IDLE_MINUTES_RANGE.min || minutes > IDLE_MINUTES_RANGE.max)
    return {
      ok: false,
      message: `REGIA_SESSION_IDLE_MINUTES non valido: "${value}". Indicare un numero intero di minuti da ${IDLE_MINUTES_RANGE.min} a ${IDLE_MINUTES_RANGE.max} (predefinito ${DEFAULT_IDLE_MINUTES}).`,
    };
  return { ok: true, minutes };
};

/** A session unused for longer than the limit has ended. */
export const isIdle = (lastSeenAt: Date, now: Date, idleMinutes: number): boolean => now.getTime() - lastSeenAt.getTime() > idleMinutes * 60_000;

/** Whether this use should be written as the session's last one. */
export const shouldTouch = (lastSeenAt: Date, now: Date): boolean => now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS;
