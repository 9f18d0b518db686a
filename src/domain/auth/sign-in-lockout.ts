/**
 * Progressive sign-in lockout (ASVS 4 V2.2.1): a few failures are free, then each further one
 * makes the next attempt wait twice as long as the last wait, up to a cap. Failures are remembered
 * for a day. There is never a permanent lockout: an attacker who guesses at someone's account can
 * make its owner wait at most `maxWaitMs`, never shut them out.
 *
 * The same rule applies to an account (whoever guesses at it) and to an address (whatever names
 * it guesses): a guesser spread over many addresses meets the account's waits, one guessing many
 * names meets the address's. An address is given more free failures than an account: the whole
 * staff of a municipality or a Region often signs in through one address (a proxy, a NAT), and
 * their forgotten passwords must not make all of them wait; a guesser of many names from that
 * address still meets the waits after a few dozen tries.
 */
export interface LockoutPolicy {
  /** Failures against one account within the memory that cost no wait. */
  readonly freeFailures: number;
  /** Failures from one address within the memory that cost no wait. */
  readonly addressFreeFailures: number;
  /** The wait after the first failure past the free ones; each further failure doubles it. */
  readonly firstWaitMs: number;
  readonly maxWaitMs: number;
  /** How long a failure counts. */
  readonly memoryMs: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { freeFailures: 5, addressFreeFailures: 20, firstWaitMs: 60_000, maxWaitMs: 30 * 60_000, memoryMs: 24 * 3_600_000 };

/** Whose failures are counted: an account's or an address's (they have different free failures). */
export type Counted = 'account' | 'address';

/** The wait that `failures` failures (within the memory) impose after the last of them: 0, 1, 2, 4 … minutes, capped. */
export const waitAfter = (failures: number, policy: LockoutPolicy = DEFAULT_LOCKOUT, counted: Counted = 'account'): number => {
  const past = failures - (counted === 'account' ? policy.freeFailures : policy.addressFreeFailures);
  if (past < 0) return 0;
  // 2 ** 40 already exceeds any cap in milliseconds; bounding the exponent keeps it finite.
  return Math.min(policy.firstWaitMs * 2 ** Math.min(past, 40), policy.maxWaitMs);
};

/** Failures of one account or one address within the memory, as counted before an attempt. */
export interface FailureRecord {
  readonly count: number;
  /** The latest of them; null when there is none. */
  readonly last: Date | null;
}

/** When the next attempt may come; null when it may come now. */
export const lockedUntil = (record: FailureRecord, now: Date, policy: LockoutPolicy = DEFAULT_LOCKOUT, counted: Counted = 'account'): Date | null => {
  if (record.last === null) return null;
  const until = record.last.getTime() + waitAfter(record.count, policy, counted);
  return until > now.getTime() ? new Date(until) : null;
};

/** Seconds to wait, for the Retry-After header: rounded up, at least 1. */
export const retryAfterSeconds = (until: Date, now: Date): number => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

/** The Italian answer to a refused attempt, saying when to retry. */
export const lockedMessage = (seconds: number): string => {
  if (seconds < 60) return `Troppi tentativi di accesso non riusciti: riprovare tra ${seconds} ${seconds === 1 ? 'secondo' : 'secondi'}`;
  const minutes = Math.ceil(seconds / 60);
  return `Troppi tentativi di accesso non riusciti: riprovare tra ${minutes} ${minutes === 1 ? 'minuto' : 'minuti'}`;
};
