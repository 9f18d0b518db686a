import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { rowsOf } from '../../src/db/client.ts';
import { freshDatabase, testEngine, testPgUrl } from '../support/db.ts';

describe(`database connection (${testEngine})`, () => {
  it('keeps serving after the server ends an idle connection', { skip: testEngine !== 'postgres' && 'PGlite has no server to end a connection' }, async () => {
    const database = await freshDatabase();
    try {
      const name = rowsOf<{ name: string }>(await database.db.execute(sql`select current_database() as name`))[0]!.name;
      const admin = new pg.Client({ connectionString: testPgUrl });
      await admin.connect();
      const ended = await admin.query('select pg_terminate_backend(pid) as ended from pg_stat_activity where datname = $1', [name]);
      await admin.end();
      assert.ok(ended.rows.length >= 1 && ended.rows.every((r: { ended: boolean }) => r.ended));
      await new Promise((resolve) => setTimeout(resolve, 200)); // the pool hears of it
      const again = rowsOf<{ one: number }>(await database.db.execute(sql`select 1 as one`));
      assert.equal(again[0]!.one, 1);
    } finally {
      await database.close();
    }
  });
});
