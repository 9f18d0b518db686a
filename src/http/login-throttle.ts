/**
 * Throttles sign-in per address and per account, through the database, so that every Regia
 * process on one PostgreSQL counts the same failures. Past `maxFailures` failures in the window
 * from one address, or against one account from anywhere, an attempt answers 429 until the
 * oldest of them leaves the window.
 *
 * Each attempt is written before its password is checked and counted with the rows it can see;
 * of two attempts that overlap, the later one to count always sees the other's row, so even
 * attempts racing through several processes never pass the limit together. A refused attempt
 * leaves no row (refusals are not failures), nor does one that ended in an error.
 *
 * A success clears only that account's failures from that address: the typing mistakes of the
 * person who just proved to know the password. It leaves alone the failures against other
 * accounts from that address (signing in to one's own account must not reset a guesser's count),
 * and the failures against this account from elsewhere (they may be someone else guessing).
 */
import type { ServiceContext } from '../services/context.ts';
import { clearFailures, countRecent, forgetAttempt, pruneFailures, recordAttempt } from '../db/repositories/sign-in-failures.ts';

export interface SignInAttempt {
  /** The password was right. */
  succeeded(): Promise<void>;
  /** The attempt failed for another reason than the password (not counted). */
  abandoned(): Promise<void>;
}

export interface LoginThrottle {
  /** Starts an attempt (counted as a failure unless it ends otherwise); null when over the limit. */
  begin(address: string, username: string): Promise<SignInAttempt | null>;
}

export const loginThrottle = (ctx: ServiceContext, maxFailures = 10, windowMs = 15 * 60_000): LoginThrottle => ({
  begin: async (address, typed) => {
    const db = ctx.database.db;
    const username = typed.trim().toLowerCase();
    const now = ctx.now();
    const since = new Date(now.getTime() - windowMs);
    await pruneFailures(db, since);
    const id = await recordAttempt(db, { address, username, at: now });
    const recent = await countRecent(db, address, username, since);
    if (recent.byAddress > maxFailures || recent.byAccount > maxFailures) {
      await forgetAttempt(db, id);
      return null;
    }
    return {
      succeeded: () => clearFailures(db, address, username),
      abandoned: () => forgetAttempt(db, id),
    };
  },
});
