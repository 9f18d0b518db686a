import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testEngine, testPgUrl } from '../support/db.ts';

/** Runs the real `regia` binary against a database of its own, as an operator would. */
describe(`regia command line (${testEngine})`, () => {
  const env: NodeJS.ProcessEnv = { ...process.env, REGIA_ADMIN_PASSWORD: 'admin-password-cli-1' };
  let cleanup: () => Promise<void>;
  before(async () => {
    delete env.DATABASE_URL;
    const auditDir = mkdtempSync(join(tmpdir(), 'regia-cli-audit-'));
    env.REGIA_AUDIT_DIR = auditDir; // the key and checkpoints outside the repository
    if (testEngine === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'regia-cli-'));
      env.REGIA_DATA_DIR = join(dir, 'data');
      cleanup = async () => (rmSync(dir, { recursive: true, force: true }), rmSync(auditDir, { recursive: true, force: true }));
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
        const d = new pg.Client({ connectionString: testPgUrl });
        await d.connect();
        await d.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await d.end();
        rmSync(auditDir, { recursive: true, force: true });
      };
    }
  });
  after(() => cleanup());

  const regia = (args: string[], input = '') => spawnSync(process.execPath, ['bin/regia.mjs', ...args], { env, input, encoding: 'utf8' });

  it('prints help and answers 2 to a usage error', () => {
    const help = regia(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /user add USERNAME --role ROLE/);
    assert.equal(regia(['nonesiste']).status, 2);
    assert.equal(regia(['import']).status, 2);
  });

  it('migrates, imports the demo, and adds users with the checks of EXCHANGE.md', () => {
    assert.equal(regia(['db', 'migrate']).status, 0);
    assert.equal(regia(['demo']).status, 0, 'demo');
    const ok = regia(['user', 'add', 'mario', '--role', 'district_officer', '--district', 'LT2'], 'password-di-mario\n');
    assert.equal(ok.status, 0, ok.stderr);
    const unknownRole = regia(['user', 'add', 'anna', '--role', 'sindaco'], 'password-di-anna\n');
    assert.equal(unknownRole.status, 1);
    assert.match(unknownRole.stderr, /Ruolo sconosciuto/);
    assert.equal(regia(['user', 'add', 'anna', '--role', 'district_officer'], 'password-di-anna\n').status, 1);
    assert.equal(regia(['user', 'add', 'anna', '--role', 'district_officer', '--district', 'ZZ9'], 'password-di-anna\n').status, 1);
    const short = regia(['user', 'add', 'anna', '--role', 'auditor'], 'corta\n');
    assert.equal(short.status, 1);
    assert.match(short.stderr, /12 caratteri/);
    const area = regia(['user', 'add', 'lucia', '--role', 'area_manager', '--body', 'Consorzio IN.RE.TE.', '--centre', 'Area Amministrativa', '--centre', 'Area Finanziaria'], 'password-di-lucia\n');
    assert.equal(area.status, 0, area.stderr);
    assert.match(area.stdout, /\(centri: Area Amministrativa, Area Finanziaria\)/);
    const noCentre = regia(['user', 'add', 'paolo', '--role', 'area_manager', '--body', 'Consorzio IN.RE.TE.'], 'password-di-paolo\n');
    assert.equal(noCentre.status, 1);
    assert.match(noCentre.stderr, /almeno un centro di responsabilità \(--centre\)/);
  });

  it('answers the read-outs of EXCHANGE.md on the demo: compliance, tranche, split, SIOSS export', () => {
    const c = regia(['compliance', 'FNPS', '2022', '--json']);
    assert.equal(c.status, 0, c.stderr);
    const compliance = JSON.parse(c.stdout) as { fund: string; annuality: number; allocated: number; assigned: number; recognised: number; ratio: number; districts: { district: string; residual: number; disbursed: number; recognised: number }[] };
    assert.equal(compliance.fund, 'FNPS');
    assert.equal(compliance.districts.length, 22);
    assert.deepEqual(compliance.districts.map((d) => d.district), [...compliance.districts.map((d) => d.district)].sort());
    for (const d of compliance.districts) assert.equal(d.residual, Math.max(0, d.disbursed - d.recognised));
    assert.equal(compliance.recognised, compliance.districts.reduce((s, d) => s + d.recognised, 0));
    const t = regia(['tranche', 'FNPS', '2024', '--json']);
    assert.equal(t.status, 0, t.stderr);
    const tranche = JSON.parse(t.stdout) as { gatingAnnuality: number; allocated: number; recognised: number; eligible: boolean; missingToThreshold: number };
    assert.equal(tranche.gatingAnnuality, 2022);
    assert.equal(tranche.allocated, compliance.allocated);
    assert.equal(tranche.recognised, compliance.recognised);
    assert.equal(tranche.missingToThreshold, Math.max(0, Math.ceil((0.75 * tranche.allocated)) - tranche.recognised));
    const s = regia(['split', '--total', '100000001', '--criterion', 'fixed_plus_population', '--fixed-percent', '20', '--json']);
    assert.equal(s.status, 0, s.stderr);
    const split = JSON.parse(s.stdout) as { total: number; shares: { amount: number }[] };
    assert.equal(split.shares.reduce((x, y) => x + y.amount, 0), 100_000_001);
    assert.equal(regia(['split', '--total', '12,5', '--criterion', 'population']).status, 2);
    const csv = regia(['export', 'sioss', 'FNPS', '2021']);
    assert.equal(csv.status, 0, csv.stderr);
    assert.match(csv.stdout, /^fondo;annualita;distretto;area;importo_riconosciuto\r\nFNPS;2021;FR\.A;A1;\d+,\d{2}\r\n/);
    assert.equal(regia(['compliance', 'NOPE', '2022', '--json']).status, 1);
  });

  it('imports a folder, and answers 1 with file:line errors when a line is wrong', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regia-cli-import-'));
    writeFileSync(join(dir, 'distretti.csv'), 'codice;nome;ente_capofila;forma_gestione\nX1;Distretto X;Comune X;altro\n');
    writeFileSync(join(dir, 'comuni.csv'), 'istat;nome;distretto;popolazione\n099001;Uno;X1;10\n099002;Due;X1;dieci\n');
    const bad = regia(['import', dir]);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^comuni\.csv:3: popolazione: /m);
    writeFileSync(join(dir, 'comuni.csv'), 'istat;nome;distretto;popolazione\n099001;Uno;X1;10\n099002;Due;X1;20\n');
    const good = regia(['import', dir]);
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /comuni: 2 aggiunti/);
  });

  it('verifies the audit chain, and names the entry when one is altered', async () => {
    const ok = regia(['audit', 'verify']);
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /Registro integro: \d+ voci/);
    if (testEngine === 'postgres') {
      const c = new pg.Client({ connectionString: env.DATABASE_URL });
      await c.connect();
      await c.query(`UPDATE audit_entries SET after = '{"forged":true}' WHERE seq = 5`);
      await c.end();
    } else {
      const { PGlite } = await import('@electric-sql/pglite');
      const db = await PGlite.create(env.REGIA_DATA_DIR!);
      await db.query(`UPDATE audit_entries SET after = '{"forged":true}' WHERE seq = 5`);
      await db.close();
    }
    const broken = regia(['audit', 'verify']);
    assert.equal(broken.status, 1);
    assert.match(broken.stderr, /Voce n\. 5 alterata/);
  });
});
