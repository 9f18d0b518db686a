import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { testApp, type TestApp } from '../support/app.ts';
import { testEngine } from '../support/db.ts';
import { rowsOf } from '../../src/db/client.ts';
import { expenseStaging } from '../../src/services/funds/import-funds.ts';
import { readExchangeFile } from '../../src/exchange/read-file.ts';
import { expensesFile } from '../../src/exchange/files.ts';

const HEADER = 'distretto;documento;fondo;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto';
const file = (name: string, content: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'regia-fast-')), name);
  writeFileSync(path, content);
  return path;
};

/** What the fast route staged, and what the row-by-row reader reads from the same file. */
const bothRoutes = async (t: TestApp, path: string) => {
  let staged: string[] | null = null;
  await t.database.db
    .transaction(async (tx) => {
      const staging = expenseStaging(t.database, tx);
      const summary = await staging.addFile({ name: 'spese.csv', open: () => path });
      if (summary) {
        staged = rowsOf<Record<string, unknown>>(await tx.execute(sql`select line, district_code, document, fund_code, annuality, area, description, amount, paid_on, recognised from expense_stage order by line`)).map(
          (r) => [r.line, r.district_code, r.document, r.fund_code, r.annuality, r.area, r.description, String(r.amount), String(r.paid_on).slice(0, 10), r.recognised === null ? null : String(r.recognised)].join('|'),
        );
      }
      throw new Error('rollback');
    })
    .catch((e: Error) => {
      if (e.message !== 'rollback') throw e;
    });
  const read: string[] = [];
  const errors: string[] = [];
  for await (const batch of readExchangeFile(expensesFile, path)) {
    errors.push(...batch.errors);
    for (const r of batch.records) read.push([r.line, r.districtCode, r.document, r.fundCode, r.annuality, r.area, r.description, String(r.amount), r.paymentDate, r.recognisedAmount === null ? null : String(r.recognisedAmount)].join('|'));
  }
  return { staged: staged as string[] | null, read, errors };
};

describe(`fast route for clean expense files (${testEngine})`, () => {
  let t: TestApp;
  before(async () => {
    t = await testApp();
  });
  after(() => t.close());

  it('stores exactly what the row-by-row reader reads, for every amount and date form', async () => {
    const path = file(
      'spese.csv',
      '\uFEFFDistretto;Documento;FONDO;annualita;area;descrizione;importo;data_pagamento;importo_riconosciuto\r\n' +
        'D01;F-1;FNPS;2022;A1;Assistenza è domiciliare;1234.56;2023-01-31;\r\n' +
        'D01;F-2;FNPS;2022;A1;x;1234,5;31/01/2023;1000\r\n' +
        'D01;F-3;FNPS;2022;B2; spazi ;1.234.567,89;1/2/2024;1.234.567,89\r\n' +
        'D02;F-4;FNA;2023;C3;;1.234;29/02/2024;0\r\n' +
        'D02;F-5;FNA;2023;C3;y;0,01;2024-12-31;0,01\r\n',
    );
    const { staged, read, errors } = await bothRoutes(t, path);
    assert.deepEqual(errors, []);
    assert.ok(staged, 'a clean file takes the fast route');
    assert.deepEqual(staged, read);
  });

  it('reads a comma-separated file with columns in another order the same way', async () => {
    const path = file('spese.csv', 'importo,documento,distretto,fondo,annualita,area,descrizione,data_pagamento\n10.5,A,D01,FNPS,2022,A1,z,2023-03-01\n7,B,D01,FNPS,2022,A1,,2023-03-02');
    const { staged, read } = await bothRoutes(t, path);
    assert.ok(staged);
    assert.deepEqual(staged, read);
  });

  for (const [why, line] of [
    ['three decimals', 'D01;F-9;FNPS;2022;A1;x;12,345;2023-01-01;'],
    ['an amount in euro sign form', 'D01;F-9;FNPS;2022;A1;x;€ 12,34;2023-01-01;'],
    ['a quoted field', 'D01;F-9;FNPS;2022;A1;"x; y";12;2023-01-01;'],
    ['an impossible date', 'D01;F-9;FNPS;2022;A1;x;12;2023-02-30;'],
    ['a recognised amount above the amount', 'D01;F-9;FNPS;2022;A1;x;12;2023-02-03;13'],
    ['a missing area', 'D01;F-9;FNPS;2022;;x;12;2023-02-03;'],
    ['an annuality out of range', 'D01;F-9;FNPS;1999;A1;x;12;2023-02-03;'],
    ['a blank line', '\nD01;F-9;FNPS;2022;A1;x;12;2023-02-03;'],
    ['a missing field', 'D01;F-9;FNPS;2022;A1;x;12;2023-02-03'],
    ['a non-breaking space around a value', 'D01;F-9\u00a0;FNPS;2022;A1;x;12;2023-02-03;'],
  ] as const) {
    it(`leaves a file with ${why} to the row-by-row reader`, async () => {
      const path = file('spese.csv', `${HEADER}\nD01;OK-1;FNPS;2022;A1;x;1;2023-01-01;\n${line}\n`);
      const { staged } = await bothRoutes(t, path);
      assert.equal(staged, null);
    });
  }
});
