import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testEngine, testPgUrl } from '../support/db.ts';

/** `regia performance import` and `regia performance scores --json`, as EXCHANGE.md states them. */
describe(`regia performance command line (${testEngine})`, () => {
  const env: NodeJS.ProcessEnv = { ...process.env, REGIA_ADMIN_PASSWORD: 'admin-password-cli-1' };
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => {
    delete env.DATABASE_URL;
    dir = mkdtempSync(join(tmpdir(), 'regia-perf-cli-'));
    env.REGIA_AUDIT_DIR = join(dir, 'audit'); // the key and checkpoints outside the repository
    if (testEngine === 'pglite') {
      env.REGIA_DATA_DIR = join(dir, 'data');
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      const name = `regia_cli_${randomBytes(5).toString('hex')}`;
      const c = new pg.Client({ connectionString: testPgUrl });
      await c.connect();
      await c.query(`CREATE DATABASE ${name}`);
      await c.end();
      const url = new URL(testPgUrl);
      url.pathname = `/${name}`;
      env.DATABASE_URL = url.toString();
      cleanup = async () => {
        rmSync(dir, { recursive: true, force: true });
        const d = new pg.Client({ connectionString: testPgUrl });
        await d.connect();
        await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await d.end();
      };
    }
  });
  after(() => cleanup());

  const regia = (args: string[]) => spawnSync(process.execPath, ['bin/regia.mjs', ...args], { env, encoding: 'utf8' });

  it('imports the seed-2 plan, prints its id, and prints the scores read-out', () => {
    const imported = regia(['performance', 'import', 'reference-data/performance/inrete-2024.json']);
    assert.equal(imported.status, 0, imported.stderr);
    assert.match(imported.stdout, /^\d+\n$/);
    const id = imported.stdout.trim();
    const scores = regia(['performance', 'scores', id, '--json']);
    assert.equal(scores.status, 0, scores.stderr);
    const read = JSON.parse(scores.stdout) as { plan: string; year: number; overall: number; centres: { name: string; objectives: { code: string; score: number | null; status: string }[] }[] };
    assert.equal(read.plan, id);
    assert.equal(read.year, 2024);
    const amministrativa = read.centres.find((c) => c.name === 'Area Amministrativa')!;
    assert.deepEqual(
      amministrativa.objectives.map((o) => [o.code, o.score, o.status]),
      [
        ['2.1', 1, 'achieved'],
        ['2.2', 0.6667, 'partially_achieved'],
        ['2.3', null, 'suspended'],
      ],
    );
  });

  it('answers 1 to an invalid plan, naming the paths, and 2 to a usage error', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ body: 'Ente', year: 2024, centres: [] }));
    const bad = regia(['performance', 'import', file]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /centres: almeno un centro/);
    assert.equal(regia(['performance', 'import', join(dir, 'missing.json')]).status, 1);
    assert.equal(regia(['performance', 'scores', '999999', '--json']).status, 1);
    assert.equal(regia(['performance', 'scores', 'abc', '--json']).status, 2);
    assert.equal(regia(['performance', 'import']).status, 2);
  });
});
