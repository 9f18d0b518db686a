import { randomBytes } from 'node:crypto';
import { regions } from '../db/schema/index.ts';
import { migrateDatabase, withStartupLock } from '../db/client.ts';
import type { Actor } from '../domain/auth/actor.ts';
import type { ServiceContext } from './context.ts';
import { addUser, userExists } from './users.ts';

export const SYSTEM: Actor = { kind: 'system', name: 'installazione' };

export const HOME_REGION = { code: 'LAZIO', name: 'Regione Lazio' } as const;

/**
 * Brings a database to a usable state: migrations, the Region, and the first administrator.
 * The administrator's password comes from REGIA_ADMIN_PASSWORD or is generated and returned once.
 * Several processes starting at once on one PostgreSQL do this one after the other (the startup
 * lock): the first migrates and creates the administrator, the others find both done.
 */
export const bootstrap = (ctx: ServiceContext, adminPassword: string | undefined) =>
  withStartupLock(ctx.database, async () => {
    await migrateDatabase(ctx.database);
    await ctx.database.db.insert(regions).values(HOME_REGION).onConflictDoNothing();
    if (await userExists(ctx, 'admin')) return { adminCreated: false as const };
    const password = adminPassword || randomBytes(12).toString('base64url');
    await addUser(ctx, SYSTEM, { username: 'admin', password, role: 'admin', displayName: 'Amministratore' });
    return { adminCreated: true as const, generatedPassword: adminPassword ? undefined : password };
  });
