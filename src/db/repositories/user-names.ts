/** A user as people know it: the display name, or the username when there is none or the account is gone. */
import { eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { users } from '../schema/index.ts';

export const displayNameOf = async (ex: Executor, username: string): Promise<string> => {
  const [u] = await ex.select({ displayName: users.displayName }).from(users).where(eq(users.username, username));
  return u?.displayName || username;
};
