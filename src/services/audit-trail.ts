/**
 * The audit trail's outside world: the key, kept outside the database, and the checkpoints of the
 * chain's head, written outside it (src/domain/audit/ holds the pure rules).
 *
 * The key is REGIA_AUDIT_KEY (hex or base64), else the file REGIA_AUDIT_KEY_FILE names, else
 * `audit.key` in the audit folder, generated at first start (32 random bytes, mode 0600, never
 * printed). The audit folder is REGIA_AUDIT_DIR, else `<REGIA_DATA_DIR>-audit` beside a PGlite data
 * folder (deleting the data folder or restoring a database backup leaves it alone), else
 * `./regia-audit` with DATABASE_URL. It also holds `checkpoints.jsonl`, appended to every
 * REGIA_AUDIT_CHECKPOINT_SECONDS (default 300) when the head moved, and at shutdown; each
 * checkpoint also goes to REGIA_AUDIT_SYSLOG (host:port, UDP, RFC 5424) and REGIA_AUDIT_CHECKPOINT_URL
 * (POST JSON) when set. Those two may fail: it is logged, and no request ever fails for it.
 */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { createReadStream, existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { isIP } from 'node:net';
import { unkeyedHash } from '../domain/audit/chain.ts';
import { checkpointLine, checkpointReader, makeCheckpoint, type Checkpoint, type CheckpointSeries } from '../domain/audit/checkpoint.ts';
import { auditKey, markerKeyId, parseAuditKey, type AuditKey } from '../domain/audit/keying.ts';
import { conflict, invalid } from '../domain/errors.ts';
import { migrateDatabase, type Database } from '../db/client.ts';
import { appendKeyedMarker, lockAuditHead, readEntry, readHead, readMarkerSeq } from '../db/repositories/audit.ts';

export interface AuditTrail {
  /** Null only when no key was found and the trail was opened to verify, which then says so. */
  readonly key: AuditKey | null;
  /** The audit folder; null for the in-process trail of tools and tests that keep nothing. */
  readonly dir: string | null;
  /** The key every new entry is hashed with. */
  writingKey(): AuditKey;
  /** The checkpoints written so far, or null when there are none (no file yet). */
  readCheckpoints(): Promise<CheckpointSeries | null>;
  /**
   * Joins the trail to the database at start: generates the key if this is the first start,
   * refuses a key that is not the chain's, seals an older unkeyed chain with the marker, writes the
   * first checkpoint and, for a server, starts the periodic ones.
   */
  attach(database: Database, options?: { periodic?: boolean }): Promise<void>;
  /** Writes a checkpoint if the head moved since the last one. */
  checkpoint(): Promise<void>;
  /** Stops the periodic checkpoints and writes the last one. */
  close(): Promise<void>;
}

export const KEY_FILE = 'audit.key';
export const CHECKPOINT_FILE = 'checkpoints.jsonl';

/** The audit folder the environment names (see the file's head). */
export const auditDirOf = (env: NodeJS.ProcessEnv): string => {
  if (env.REGIA_AUDIT_DIR) return resolve(env.REGIA_AUDIT_DIR);
  if (env.DATABASE_URL) return resolve('./regia-audit');
  return `${resolve(env.REGIA_DATA_DIR || './data')}-audit`;
};

const checkpointSeconds = (env: NodeJS.ProcessEnv): number => {
  const text = env.REGIA_AUDIT_CHECKPOINT_SECONDS;
  if (text === undefined || text === '') return 300;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw invalid('audit_checkpoint_seconds', `REGIA_AUDIT_CHECKPOINT_SECONDS non valido: "${text}" (un numero intero di secondi, almeno 1)`);
  return Number(text);
};

const keyOf = (text: string, where: string): AuditKey => {
  const parsed = parseAuditKey(text);
  if ('error' in parsed) throw invalid('audit_key_invalid', `${where}: ${parsed.error}`);
  return parsed;
};

/** Writes a new key file, unless another process starting at the same time wrote one first. */
const generateKeyFile = (file: string, dir: string): AuditKey => {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(tmp, file); // atomic, and fails if the file exists: the first writer's key wins
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  } finally {
    unlinkSync(tmp);
  }
  return keyOf(readFileSync(file, 'utf8'), file);
};

/** `host:port` or `[v6]:port`. */
const syslogTarget = (text: string): { host: string; port: number } => {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(text) ?? /^([^:]+):(\d+)$/.exec(text);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 65535) throw invalid('audit_syslog', `REGIA_AUDIT_SYSLOG non valido: "${text}" (host:porta)`);
  return { host: m[1]!, port: Number(m[2]) };
};

/** RFC 5424: facility 13 (log audit), severity 6 (informational). */
const syslogMessage = (c: Checkpoint) => `<110>1 ${new Date().toISOString()} ${hostname() || '-'} regia ${process.pid} checkpoint - ${JSON.stringify(c)}`;

const sendSyslog = (target: { host: string; port: number }, c: Checkpoint): Promise<void> =>
  new Promise((done) => {
    const socket = createSocket(isIP(target.host) === 6 ? 'udp6' : 'udp4');
    const fail = (e: Error) => {
      console.error(`Registro attività: punto di controllo non inviato a syslog ${target.host}:${target.port}: ${e.message}`);
      socket.close();
      done();
    };
    socket.once('error', fail);
    socket.send(syslogMessage(c), target.port, target.host, (e) => (e ? fail(e) : (socket.close(), done())));
  });

const postCheckpoint = async (url: string, c: Checkpoint): Promise<void> => {
  try {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(c), signal: AbortSignal.timeout(5000) });
    if (!res.ok) console.error(`Registro attività: punto di controllo rifiutato da ${new URL(url).origin} (HTTP ${res.status})`);
  } catch (e) {
    console.error(`Registro attività: punto di controllo non inviato a ${new URL(url).origin}: ${(e as Error).message}`);
  }
};

/** Appends one line and syncs it: a checkpoint is worth keeping only once it is on disk. */
const appendLine = async (file: string, line: string) => {
  const handle = await open(file, 'a', 0o600);
  try {
    await handle.appendFile(line);
    await handle.sync();
  } finally {
    await handle.close();
  }
};

const readSeries = async (file: string, key: AuditKey): Promise<CheckpointSeries | null> => {
  if (!existsSync(file)) return null;
  const reader = checkpointReader(key);
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) reader.push(line);
  return reader.result();
};

/** True when the chain already has keyed entries: a key found nowhere is then lost, not new. */
const chainIsKeyed = async (database: Database): Promise<boolean> => {
  const db = database.db;
  const head = await readHead(db);
  if (head.lastSeq === 0) return false;
  if ((await readMarkerSeq(db)) !== null) return true;
  const last = await readEntry(db, head.lastSeq);
  return last !== null && unkeyedHash(last, last.prevHash) !== last.hash;
};

/**
 * Opens the trail the environment describes. `write: false` (for verify) never creates anything:
 * a missing key is left null for the verification to report.
 */
export const openAuditTrail = (env: NodeJS.ProcessEnv, options: { write: boolean; now?: () => Date }): AuditTrail => {
  const now = options.now ?? (() => new Date());
  const dir = auditDirOf(env);
  const keyFile = join(dir, KEY_FILE);
  const checkpointFile = join(dir, CHECKPOINT_FILE);
  const seconds = checkpointSeconds(env);
  const syslog = env.REGIA_AUDIT_SYSLOG ? syslogTarget(env.REGIA_AUDIT_SYSLOG) : null;
  const url = env.REGIA_AUDIT_CHECKPOINT_URL || null;
  if (url && !/^https?:\/\//.test(url)) throw invalid('audit_checkpoint_url', 'REGIA_AUDIT_CHECKPOINT_URL deve essere un indirizzo http:// o https://');

  let key: AuditKey | null = null;
  if (env.REGIA_AUDIT_KEY) key = keyOf(env.REGIA_AUDIT_KEY, 'REGIA_AUDIT_KEY');
  else if (env.REGIA_AUDIT_KEY_FILE) {
    if (!existsSync(env.REGIA_AUDIT_KEY_FILE)) throw conflict('audit_key_missing', `REGIA_AUDIT_KEY_FILE: il file ${resolve(env.REGIA_AUDIT_KEY_FILE)} non esiste`);
    key = keyOf(readFileSync(env.REGIA_AUDIT_KEY_FILE, 'utf8'), 'REGIA_AUDIT_KEY_FILE');
  } else if (existsSync(keyFile)) key = keyOf(readFileSync(keyFile, 'utf8'), keyFile);
  const generated = !env.REGIA_AUDIT_KEY && !env.REGIA_AUDIT_KEY_FILE;

  let database: Database | null = null;
  let last: { seq: number; hash: string } | null = null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let warned = false;

  const writeCheckpoint = async () => {
    if (!database || !key || !options.write) return;
    const db = database.db;
    const head = await readHead(db);
    if (last && head.lastSeq === last.seq && head.lastHash === last.hash) return;
    if (last && head.lastSeq <= last.seq) {
      // Never overwrite the evidence: a head behind the last checkpoint is for verify to report.
      if (!warned) console.error(`Registro attività: la catena termina alla voce n. ${head.lastSeq}, l'ultimo punto di controllo registra la n. ${last.seq}; eseguire "regia audit verify"`);
      warned = true;
      return;
    }
    const c = makeCheckpoint(key, { seq: head.lastSeq, hash: head.lastHash, at: now().toISOString(), keyedFrom: (await readMarkerSeq(db)) ?? 1 });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    await appendLine(checkpointFile, checkpointLine(c));
    last = { seq: c.seq, hash: c.hash };
    await Promise.all([syslog ? sendSyslog(syslog, c) : null, url ? postCheckpoint(url, c) : null]);
  };
  // One checkpoint at a time: the timer and a shutdown never interleave their reads and appends.
  const checkpoint = () => (running = running.then(writeCheckpoint, writeCheckpoint));

  const trail: AuditTrail = {
    get key() {
      return key;
    },
    dir,
    writingKey() {
      if (!key) throw conflict('audit_key_missing', `Chiave del registro mancante: indicarla con REGIA_AUDIT_KEY o REGIA_AUDIT_KEY_FILE, oppure ripristinare ${keyFile}`);
      return key;
    },
    readCheckpoints: async () => (key ? readSeries(checkpointFile, key) : null),
    async attach(db, attachOptions = {}) {
      database = db;
      if (!options.write) return;
      await migrateDatabase(db); // the audit tables first (idempotent; bootstrap runs it again for nothing)
      // Another process starting at the same time (instances on one PostgreSQL) may have made it since.
      if (!key && generated && existsSync(keyFile)) key = keyOf(readFileSync(keyFile, 'utf8'), keyFile);
      if (!key) {
        if (!generated || (await chainIsKeyed(db)) || existsSync(checkpointFile)) {
          throw conflict('audit_key_missing', `Chiave del registro mancante: le voci sono già protette da una chiave che non si trova (cercata in ${generated ? keyFile : 'REGIA_AUDIT_KEY_FILE'}). Indicarla con REGIA_AUDIT_KEY o REGIA_AUDIT_KEY_FILE, oppure ripristinare il file della chiave; non se ne genera una nuova, che renderebbe il registro non verificabile.`);
        }
        key = generateKeyFile(keyFile, dir);
      }
      const writing = key;
      const series = await readSeries(checkpointFile, writing);
      if (series?.otherKey) throw conflict('audit_key_different', `Chiave del registro diversa da quella dei punti di controllo in ${checkpointFile}: usare la stessa chiave su ogni server (REGIA_AUDIT_KEY o REGIA_AUDIT_KEY_FILE).`);
      last = series?.latest ? { seq: series.latest.seq, hash: series.latest.hash } : null;
      await db.db.transaction(async (tx) => {
        const head = await lockAuditHead(tx);
        const markerSeq = await readMarkerSeq(tx);
        if (markerSeq !== null) {
          const marker = await readEntry(tx, markerSeq);
          const named = marker ? markerKeyId(marker) : null;
          if (named !== null && named !== writing.id) throw conflict('audit_key_different', 'Chiave del registro diversa da quella con cui il registro è stato protetto: usare la stessa chiave su ogni server (REGIA_AUDIT_KEY o REGIA_AUDIT_KEY_FILE).');
          return;
        }
        if (head.lastSeq === 0) return;
        const tail = await readEntry(tx, head.lastSeq);
        if (!tail || unkeyedHash(tail, tail.prevHash) !== tail.hash) return; // keyed already, or broken: verify says which
        if (series) {
          // Checkpoints exist, so this chain was keyed: an unkeyed tail is a rewrite, not an old installation.
          console.error(`Registro attività: la voce n. ${head.lastSeq} non è protetta dalla chiave ma esistono punti di controllo in ${checkpointFile}; eseguire "regia audit verify"`);
          return;
        }
        // An older installation's first keyed start: the marker seals entries 1…lastSeq as they are.
        await appendKeyedMarker(tx, writing, head, now());
      });
      await checkpoint();
      if (attachOptions.periodic && !timer) {
        timer = setInterval(() => void checkpoint().catch((e: unknown) => console.error(`Registro attività: punto di controllo non scritto: ${(e as Error).message}`)), seconds * 1000);
        timer.unref();
      }
    },
    checkpoint,
    async close() {
      if (timer) clearInterval(timer);
      timer = null;
      try {
        await checkpoint();
      } catch (e) {
        // A stop must still close the database and exit: the head is checkpointed at the next start.
        console.error(`Registro attività: ultimo punto di controllo non scritto: ${(e as Error).message}`);
      }
      database = null;
    },
  };
  return trail;
};

let processTrail: AuditTrail | null = null;

/**
 * The trail of a context made without one (tools, benchmarks, tests that never verify): a key
 * made in memory for this process, no folder, no checkpoints. A server and the CLI always open
 * the real one (openAuditTrail).
 */
export const processAuditTrail = (): AuditTrail => {
  if (processTrail) return processTrail;
  const key = auditKey(new Uint8Array(randomBytes(32)));
  processTrail = {
    key,
    dir: null,
    writingKey: () => key,
    readCheckpoints: () => Promise.resolve(null),
    attach: () => Promise.resolve(),
    checkpoint: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
  return processTrail;
};
