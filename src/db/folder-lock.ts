/**
 * One embedded data folder, one process. PGlite keeps the whole database in the memory of the
 * process that opened it and writes the folder back as it goes: two processes on one folder each
 * see their own copy and overwrite each other's work. So whoever opens a folder first creates
 * `regia.lock` in it (O_EXCL: of two at once, exactly one succeeds) holding who it is; everyone
 * else is refused with a `FolderLocked` naming the holder, until the holder closes the database
 * or exits.
 *
 * A lock whose process is gone (killed, power cut) is stale and is taken over. On Linux a process
 * is named by its pid and its start time since boot, so a pid reused by an unrelated process does
 * not keep a dead holder's lock alive. The takeover is itself guarded by a second O_EXCL file, so
 * two processes finding the same stale lock cannot both take it.
 */
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export const LOCK_FILE = 'regia.lock';

/** Who holds a data folder. */
export interface FolderHolder {
  /** `server` for a running Regia server, otherwise the CLI command (`user add`, `import`…). */
  role: 'server' | 'cli';
  command?: string;
  /** Where a server listens, once it does. */
  url?: string;
}

interface LockContent extends FolderHolder {
  pid: number;
  host: string;
  /** Linux: the process's start time in clock ticks since boot (/proc/PID/stat field 22). */
  processStart: string | null;
  bootId: string | null;
  startedAt: string;
  token: string;
}

export interface FolderLock {
  readonly path: string;
  /** Records where the server listens, for the messages of those refused. */
  update(fields: Pick<FolderHolder, 'url'>): void;
  release(): void;
}

/** The folder is open in another process: the holder as its lock file says. */
export class FolderLocked extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: (FolderHolder & { pid: number; host: string; startedAt: string }) | null,
  ) {
    super(describeHolder(dataDir, holder));
    this.name = 'FolderLocked';
  }
}

const describeHolder = (dataDir: string, holder: FolderLocked['holder']): string => {
  if (!holder) return `La cartella dati ${dataDir} è in uso da un altro processo Regia (file ${join(dataDir, LOCK_FILE)} appena creato).`;
  const since = new Date(holder.startedAt).toLocaleString('it-IT', { timeZone: 'Europe/Rome' });
  const who =
    holder.role === 'server'
      ? `dal server Regia${holder.url ? ` in ascolto su ${holder.url}` : ''}`
      : holder.command
        ? `dal comando "regia ${holder.command}"`
        : 'da un comando regia';
  const where = holder.host === hostname() ? `pid ${holder.pid}` : `pid ${holder.pid} sul computer ${holder.host}`;
  return `La cartella dati ${dataDir} è in uso ${who} (${where}, dal ${since}).`;
};

const readProc = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

/** Field 22 of /proc/PID/stat; the command name (field 2) may hold spaces, so count after its ')'. */
const processStart = (pid: number): string | null => {
  const stat = readProc(`/proc/${pid}/stat`);
  if (stat === null) return null;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
};

const bootId = (): string | null => readProc('/proc/sys/kernel/random/boot_id')?.trim() ?? null;

const pidAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Whether the lock's holder is certainly gone. A holder on another computer is never judged. */
const isStale = (content: LockContent): boolean => {
  if (content.host !== hostname()) return false;
  const boot = bootId();
  if (content.bootId && boot && content.bootId !== boot) return true;
  if (!pidAlive(content.pid)) return true;
  if (content.processStart) {
    const now = processStart(content.pid);
    if (now !== null && now !== content.processStart) return true;
  }
  return false;
};

const readLock = (path: string): LockContent | null => {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as LockContent;
    return typeof parsed.pid === 'number' && typeof parsed.token === 'string' ? parsed : null;
  } catch {
    return null;
  }
};

const createExclusive = (path: string, text: string): boolean => {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
};

const unlinkQuietly = (path: string) => {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
};

// A lock file being written has no content for a moment; one still unreadable after this long was
// left by a process that died between creating and writing it.
const UNREADABLE_GRACE_MS = 10_000;

/**
 * Removes the lock at `path` if it is stale, under the takeover guard. Answers whether the caller
 * should try to create the lock again.
 */
const takeOverStale = (path: string): boolean => {
  const guard = `${path}.takeover`;
  if (!createExclusive(guard, String(process.pid))) {
    // Someone else is taking over; a guard left by a process that died mid-takeover is removed.
    if (existsSync(guard) && Date.now() - statSync(guard).mtimeMs > UNREADABLE_GRACE_MS) unlinkQuietly(guard);
    return true;
  }
  try {
    // Read again under the guard: the lock may have been taken over and be live by now.
    const content = readLock(path);
    if (content === null) {
      if (!existsSync(path)) return true;
      if (Date.now() - statSync(path).mtimeMs <= UNREADABLE_GRACE_MS) return false;
      unlinkQuietly(path);
      return true;
    }
    if (!isStale(content)) return false;
    unlinkQuietly(path);
    return true;
  } finally {
    unlinkQuietly(guard);
  }
};

const held = new Set<FolderLock>();
let exitHookInstalled = false;
const installExitHook = () => {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // An exit without close (an uncaught error, process.exit) still frees the folder.
  process.on('exit', () => {
    for (const lock of held) lock.release();
  });
};

/**
 * Takes the lock of `dataDir` (which must exist) for this process, or throws `FolderLocked`.
 */
export const lockFolder = (dataDir: string, holder: FolderHolder): FolderLock => {
  const path = join(dataDir, LOCK_FILE);
  const content: LockContent = {
    ...holder,
    pid: process.pid,
    host: hostname(),
    processStart: processStart(process.pid),
    bootId: bootId(),
    startedAt: new Date().toISOString(),
    token: randomBytes(12).toString('hex'),
  };
  for (let attempt = 0; ; attempt++) {
    if (createExclusive(path, JSON.stringify(content))) break;
    if (attempt >= 5 || !takeOverStale(path)) {
      const other = readLock(path);
      throw new FolderLocked(dataDir, other && { role: other.role, command: other.command, url: other.url, pid: other.pid, host: other.host, startedAt: other.startedAt });
    }
  }

  let current = content;
  const ours = () => readLock(path)?.token === content.token;
  const lock: FolderLock = {
    path,
    update: (fields) => {
      if (!ours()) return;
      current = { ...current, ...fields };
      // Written aside and renamed: a reader never sees a half-written lock.
      const tmp = `${path}.${process.pid}.tmp`;
      const fd = openSync(tmp, 'w', 0o644);
      try {
        writeSync(fd, JSON.stringify(current));
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, path);
    },
    release: () => {
      if (!held.delete(lock)) return;
      if (ours()) unlinkQuietly(path);
    },
  };
  held.add(lock);
  installExitHook();
  return lock;
};
