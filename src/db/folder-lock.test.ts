import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FolderLocked, LOCK_FILE, lockFolder } from './folder-lock.ts';

const dirs: string[] = [];
const folder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'regia-lock-'));
  dirs.push(dir);
  return dir;
};
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A lock file as another process would have left it. */
const leave = (dir: string, fields: Record<string, unknown>) =>
  writeFileSync(join(dir, LOCK_FILE), JSON.stringify({ role: 'server', pid: process.pid, host: hostname(), processStart: null, bootId: null, startedAt: new Date().toISOString(), token: 'other', ...fields }));

const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('one process per data folder', () => {
  it('refuses a second holder and names the first, until it releases', () => {
    const dir = folder();
    const first = lockFolder(dir, { role: 'server' });
    first.update({ url: 'http://127.0.0.1:3000/' });
    assert.throws(
      () => lockFolder(dir, { role: 'cli', command: 'user add' }),
      (e: unknown) => e instanceof FolderLocked && e.holder?.role === 'server' && e.holder.pid === process.pid && /in uso dal server Regia in ascolto su http:\/\/127\.0\.0\.1:3000\/ \(pid \d+, dal /.test(e.message),
    );
    first.release();
    assert.equal(existsSync(join(dir, LOCK_FILE)), false);
    lockFolder(dir, { role: 'cli', command: 'import' }).release();
  });

  it('names a command that holds the folder', () => {
    const dir = folder();
    const held = lockFolder(dir, { role: 'cli', command: 'import' });
    assert.throws(() => lockFolder(dir, { role: 'server' }), /in uso dal comando "regia import"/);
    held.release();
  });

  it('takes over a lock whose process is gone', () => {
    const dir = folder();
    leave(dir, { pid: deadPid() });
    const lock = lockFolder(dir, { role: 'server' });
    assert.equal((JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number }).pid, process.pid);
    lock.release();
  });

  it('takes over a lock whose pid now names another process (a reused pid) or a previous boot', { skip: !existsSync('/proc/self/stat') && 'needs /proc' }, () => {
    const reused = folder();
    leave(reused, { pid: process.ppid, processStart: '1' });
    lockFolder(reused, { role: 'server' }).release();
    const rebooted = folder();
    leave(rebooted, { pid: process.ppid, bootId: 'an-earlier-boot' });
    lockFolder(rebooted, { role: 'server' }).release();
  });

  it('keeps a lock of a live process, and one held on another computer', () => {
    const live = folder();
    leave(live, { pid: process.ppid });
    assert.throws(() => lockFolder(live, { role: 'server' }), FolderLocked);
    const remote = folder();
    leave(remote, { pid: deadPid(), host: 'another-computer' });
    assert.throws(() => lockFolder(remote, { role: 'server' }), /sul computer another-computer/);
  });

  it('does not release a lock another process has taken over since', () => {
    const dir = folder();
    const mine = lockFolder(dir, { role: 'server' });
    leave(dir, { token: 'someone-else' });
    mine.release();
    assert.equal(existsSync(join(dir, LOCK_FILE)), true);
  });

  it('lets exactly one of several processes racing for a stale lock take it', async () => {
    const dir = folder();
    leave(dir, { pid: deadPid() });
    const script = `
      import { lockFolder } from ${JSON.stringify(new URL('./folder-lock.ts', import.meta.url).href)};
      try { lockFolder(process.argv[1], { role: 'cli', command: 'race' }); console.log('won'); await new Promise((r) => setTimeout(r, 3000)); }
      catch { console.log('lost'); }`;
    const racers = Array.from({ length: 5 }, () =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('exit', () => resolve(out.trim()));
      }),
    );
    const results = await Promise.all(racers);
    assert.deepEqual(results.filter((r) => r === 'won').length, 1, results.join(' '));
    assert.equal(existsSync(join(dir, LOCK_FILE)), false, 'the winner released it at exit');
  });
});
