import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { regions } from '../db/schema/index.ts';
import { migrateDatabase, withStartupLock, type Engine } from '../db/client.ts';
import type { Actor } from '../domain/auth/actor.ts';
import type { ServiceContext } from './context.ts';
import { addUser, userExists } from './users.ts';

export const SYSTEM: Actor = { kind: 'system', name: 'installazione' };

export const HOME_REGION = { code: 'LAZIO', name: 'Regione Lazio' } as const;

/**
 * The first administrator's password: given (REGIA_ADMIN_PASSWORD, tests), or generated and
 * written to `file`, never to a log.
 */
export type AdminPassword = string | { file: string };

export const ADMIN_PASSWORD_FILE = 'admin-password.txt';

/**
 * Where a generated first password goes: REGIA_ADMIN_PASSWORD_FILE, otherwise the data folder
 * (PGlite) or the working directory (PostgreSQL, where there is no folder of Regia's own).
 */
export const adminPasswordFrom = (env: NodeJS.ProcessEnv, engine: Engine): AdminPassword => {
  if (env.REGIA_ADMIN_PASSWORD) return env.REGIA_ADMIN_PASSWORD;
  if (env.REGIA_ADMIN_PASSWORD_FILE) return { file: resolve(env.REGIA_ADMIN_PASSWORD_FILE) };
  return { file: engine === 'pglite' ? resolve(env.REGIA_DATA_DIR || './data', ADMIN_PASSWORD_FILE) : resolve(ADMIN_PASSWORD_FILE) };
};

/** Where the first administrator's password is: never the password itself, which a log would keep. */
export const adminCreatedMessage = (file: string) =>
  `Primo amministratore creato: utente "admin", password nel file ${file} (leggibile solo dal proprietario). Accedere, cambiare la password, poi eliminare il file.`;

export interface Bootstrapped {
  adminCreated: boolean;
  /** The file holding the generated password, when this process created the administrator. */
  passwordFile?: string;
}

/**
 * Writes the password readable by its owner only (0600), whole or not at all: a temporary file
 * renamed over any file an earlier, since removed, installation left there.
 */
const writeSecretFile = (file: string, content: string) => {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, content, { mode: 0o600, flag: 'wx' });
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw new Error(`Impossibile scrivere la password del primo amministratore in ${file}: ${(error as Error).message}`, { cause: error });
  }
};

/**
 * Brings a database to a usable state: migrations, the Region, and the first administrator.
 * Several processes starting at once on one PostgreSQL do this one after the other (the startup
 * lock): the first migrates, creates the administrator and writes its password file, the others
 * find both done. The file is written before the administrator exists, so a password is never
 * lost; if creating the administrator fails, the file goes too.
 */
export const bootstrap = (ctx: ServiceContext, admin: AdminPassword): Promise<Bootstrapped> =>
  withStartupLock(ctx.database, async () => {
    await migrateDatabase(ctx.database);
    await ctx.database.db.insert(regions).values(HOME_REGION).onConflictDoNothing();
    if (await userExists(ctx, 'admin')) return { adminCreated: false };
    if (typeof admin === 'string') {
      await addUser(ctx, SYSTEM, { username: 'admin', password: admin, role: 'admin', displayName: 'Amministratore' });
      return { adminCreated: true };
    }
    const password = randomBytes(18).toString('base64url');
    writeSecretFile(admin.file, `${password}\n`);
    try {
      await addUser(ctx, SYSTEM, { username: 'admin', password, role: 'admin', displayName: 'Amministratore' });
    } catch (error) {
      rmSync(admin.file, { force: true });
      throw error;
    }
    return { adminCreated: true, passwordFile: admin.file };
  });
