/**
 * Throttles sign-in per address and per account, through the database, so that every Regia
 * process on one PostgreSQL counts the same failures. The rule is the progressive lockout of
 * src/domain/auth/sign-in-lockout.ts: a few free failures, then waits that double up to a cap,
 * failures remembered for a day. An attempt that comes during a wait answers 429 with the
 * seconds left; it is not a failure and does not lengthen the wait.
 *
 * Each attempt is written before its password is checked and counts the rows it can see, its
 * own left out; of two attempts that overlap, the later one to count always sees the other's row
 * (as a failure, which is what it most likely is), so even attempts racing through several
 * processes never get more tries than the rule gives. A refused attempt leaves no row, nor does
 * one that ended in an error.
 *
 * A success clears only that account's failures from that address: the typing mistakes of the
 * person who just proved to know the password. It leaves alone the failures against other
 * accounts from that address (signing in to one's own account must not reset a guesser's count),
 * and the failures against this account from elsewhere (they may be someone else guessing).
 */
import type { ServiceContext } from '../services/context.ts';
import { clearFailures, failuresBefore, forgetAttempt, pruneFailures, recordAttempt } from '../db/repositories/sign-in-failures.ts';
import { DEFAULT_LOCKOUT, lockedUntil, retryAfterSeconds, waitAfter, type LockoutPolicy } from '../domain/auth/sign-in-lockout.ts';

/** What a failed attempt started: a wait on the account, on the address, or neither. */
export interface FailureOutcome {
  accountLocked: boolean;
  addressLocked: boolean;
}

export interface SignInAttempt {
  /** The password was right. */
  succeeded(): Promise<void>;
  /** The password was wrong (the attempt stays counted): which waits this failure starts. */
  failed(): FailureOutcome;
  /** The attempt failed for another reason than the password (not counted). */
  abandoned(): Promise<void>;
}

export type ThrottleAnswer = { allowed: true; attempt: SignInAttempt } | { allowed: false; retryAfterSeconds: number };

export interface LoginThrottle {
  /** Starts an attempt (counted as a failure unless it ends otherwise), or says how long to wait. */
  begin(address: string, username: string): Promise<ThrottleAnswer>;
}

/**
 * `freeFailures` overrides the policy's free failures of an account, and gives an address four
 * times as many, as the default policy does (AppOptions.maxLoginFailures; tests that sign in often).
 */
export const loginThrottle = (ctx: ServiceContext, freeFailures?: number, base: LockoutPolicy = DEFAULT_LOCKOUT): LoginThrottle => {
  const policy: LockoutPolicy = freeFailures === undefined ? base : { ...base, freeFailures, addressFreeFailures: 4 * freeFailures };
  return {
    begin: async (address, typed) => {
      const db = ctx.database.db;
      const username = typed.trim().toLowerCase();
      const now = ctx.now();
      const since = new Date(now.getTime() - policy.memoryMs);
      await pruneFailures(db, since);
      const id = await recordAttempt(db, { address, username, at: now });
      const prior = await failuresBefore(db, id, address, username, since);
      const until = [lockedUntil(prior.account, now, policy, 'account'), lockedUntil(prior.address, now, policy, 'address')].filter((d): d is Date => d !== null);
      if (until.length) {
        await forgetAttempt(db, id);
        return { allowed: false, retryAfterSeconds: retryAfterSeconds(new Date(Math.max(...until.map((d) => d.getTime()))), now) };
      }
      return {
        allowed: true,
        attempt: {
          succeeded: () => clearFailures(db, address, username),
          failed: () => ({ accountLocked: waitAfter(prior.account.count + 1, policy, 'account') > 0, addressLocked: waitAfter(prior.address.count + 1, policy, 'address') > 0 }),
          abandoned: () => forgetAttempt(db, id),
        },
      };
    },
  };
};
