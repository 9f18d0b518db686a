import { openFromEnv, type Database } from '../db/client.ts';
import { FolderLocked } from '../db/folder-lock.ts';
import { folderInUse, type Instead } from './folder-in-use.ts';
import { serviceContext, type ServiceContext } from '../services/context.ts';
import { adminCreatedMessage, adminPasswordFrom, bootstrap } from '../services/bootstrap.ts';
import { addUser } from '../services/users.ts';
import { verifyAudit } from '../services/audit-log.ts';
import { loadDemo } from '../services/demo.ts';
import { importExchange } from '../services/imports.ts';
import { auditCheckMessage } from '../domain/audit/messages.ts';
import { openAuditTrail } from '../services/audit-trail.ts';
import { compliance, siossRows, split, tranche } from '../services/funds/readouts.ts';
import { siossCsv, siossXlsx } from '../documents/sioss.ts';
import { cents } from '../domain/money.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { importPlan, PlanRejected } from '../services/performance/import.ts';
import { scores as performanceScores } from '../services/performance/readouts.ts';
import { UsageError } from './usage.ts';
import type { Actor } from '../domain/auth/actor.ts';
import { userInfo } from 'node:os';
import { parse, readStdinLine } from './usage.ts';
import { errorCount } from '../exchange/issues.ts';

export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

/** A data folder held by another process: the command did nothing (exit 1). */
export class FolderInUse extends Error {}

/** The operator at the server's command line: recorded in the audit trail by OS user name. */
const cliActor = (): Actor => ({ kind: 'system', name: `cli:${safeUser()}` });
const safeUser = () => {
  try {
    return userInfo().username;
  } catch {
    return 'sconosciuto';
  }
};

/**
 * Opens and bootstraps the database, runs the work, always closes it. A PGlite folder another
 * process holds (a running server) is not opened: the command stops before doing anything and
 * says what to do instead. The audit trail is opened as the server opens it (key, seal, a
 * checkpoint at the end when the command wrote); `audit verify` only reads it (`readOnlyAudit`).
 */
const withContext = async <T>(command: string, instead: Instead, work: (ctx: ServiceContext, db: Database) => Promise<T>, options: { readOnlyAudit?: boolean } = {}): Promise<T> => {
  const trail = openAuditTrail(process.env, { write: !options.readOnlyAudit });
  let database: Database;
  try {
    database = await openFromEnv(process.env, { role: 'cli', command });
  } catch (e) {
    if (e instanceof FolderLocked) throw new FolderInUse(folderInUse(e, instead));
    throw e;
  }
  try {
    await trail.attach(database);
    const ctx = serviceContext(database, undefined, trail);
    const boot = await bootstrap(ctx, adminPasswordFrom(process.env, database.engine));
    if (boot.passwordFile) console.error(adminCreatedMessage(boot.passwordFile));
    return await work(ctx, database);
  } finally {
    try {
      await trail.close();
    } finally {
      await database.close();
    }
  }
};

const integerArg = (text: string, what: string) => {
  if (!/^\d+$/.test(text)) throw new UsageError(`${what} non valido: "${text}"`);
  return Number(text);
};

const printJson = (value: unknown) => console.log(JSON.stringify(value, null, 2));

export const commands: Command[] = [
  {
    name: 'db migrate',
    usage: 'db migrate',
    summary: 'crea o aggiorna il database',
    run: async (args) => {
      parse(args, {}, 0);
      await withContext('db migrate', { migrate: true }, async (_ctx, db) => console.log(`Database aggiornato (${db.engine}).`));
      return 0;
    },
  },
  {
    name: 'demo',
    usage: 'demo',
    summary: 'carica i dati dimostrativi (ripetibile senza duplicati)',
    run: async (args) => {
      parse(args, {}, 0);
      const summary = await withContext('demo', { demo: true }, (ctx) => loadDemo(ctx));
      console.log(summary.join('\n'));
      return 0;
    },
  },
  {
    name: 'user add',
    usage: 'user add USERNAME --role ROLE [--district CODE]… [--body NAME] [--centre NAME]…',
    summary: 'crea un utente; la password si legge da standard input (una riga)',
    run: async (args) => {
      const { values, positionals } = parse(
        args,
        { role: { type: 'string' }, district: { type: 'string', multiple: true }, body: { type: 'string' }, centre: { type: 'string', multiple: true } },
        1,
      );
      if (!values.role) {
        console.error('Indicare il ruolo con --role');
        return 1;
      }
      const password = await readStdinLine();
      const user = await withContext('user add', { page: ['Utenti', '/utenti'], api: 'POST /api/users' }, (ctx) =>
        addUser(ctx, cliActor(), { username: positionals[0]!, password, role: values.role!, districts: values.district ?? [], centres: values.centre ?? [], body: values.body ?? null }),
      );
      const scope = user.districts.length ? ` (distretti: ${user.districts.join(', ')})` : user.centres.length ? ` (centri: ${user.centres.join(', ')})` : '';
      console.log(`Utente "${user.username}" creato con ruolo ${user.role}${scope}.`);
      return 0;
    },
  },
  {
    name: 'audit verify',
    usage: 'audit verify',
    summary: "verifica il registro delle attività con la chiave e con l'ultimo punto di controllo (uscita 1 se alterato)",
    run: async (args) => {
      parse(args, {}, 0);
      const r = await withContext('audit verify', { page: ['Registro attività', '/registro-attivita'], api: 'GET /api/audit/verify' }, (ctx) => verifyAudit(ctx, cliActor()), { readOnlyAudit: true });
      if (r.intact) {
        console.log(`${auditCheckMessage(r)}.`);
        return 0;
      }
      console.error(auditCheckMessage(r));
      return 1;
    },
  },
  {
    name: 'import',
    usage: 'import PATH',
    summary: 'importa una cartella (o .zip) di file CSV del formato di scambio, in una transazione',
    run: async (args) => {
      const { positionals } = parse(args, {}, 1);
      const result = await withContext('import', { page: ['Importazioni', '/importazioni'], api: 'POST /api/imports' }, (ctx) => importExchange(ctx, cliActor(), { kind: 'path', path: positionals[0]! }));
      if (!result.ok) {
        for (const e of result.errors) console.error(e);
        console.error(`Importazione annullata: ${errorCount(result.count)}, nessun dato salvato.`);
        return 1;
      }
      for (const line of result.summary) console.log(line);
      return 0;
    },
  },
  {
    name: 'compliance',
    usage: 'compliance FUND ANNUALITY --json',
    summary: 'conformità di un fondo e annualità: assegnato, liquidato, rendicontato, riconosciuto, residui per distretto',
    run: async (args) => {
      const { positionals } = parse(args, { json: { type: 'boolean' } }, 2);
      const annuality = integerArg(positionals[1]!, 'Annualità');
      printJson(await withContext('compliance', { page: ['Fondi', `/fondi/${positionals[0]!}/${annuality}`], api: `GET /api/compliance/${positionals[0]!}/${annuality}` }, (ctx) => compliance(ctx, cliActor(), positionals[0]!, annuality)));
      return 0;
    },
  },
  {
    name: 'tranche',
    usage: 'tranche FUND YEAR --json',
    summary: 'tranche ministeriale dell\'anno: verifica del 75% dell\'annualità YEAR−2 (art. 89 DL 34/2020)',
    run: async (args) => {
      const { positionals } = parse(args, { json: { type: 'boolean' } }, 2);
      const year = integerArg(positionals[1]!, 'Anno');
      printJson(await withContext('tranche', { page: ['Fondi', '/fondi'], api: `GET /api/tranches/${positionals[0]!}/${year}` }, (ctx) => tranche(ctx, cliActor(), positionals[0]!, year)));
      return 0;
    },
  },
  {
    name: 'split',
    usage: 'split --total CENTS --criterion population|fixed_plus_population [--fixed-percent P] --json',
    summary: 'anteprima del riparto di un importo fra tutti i distretti (resti maggiori, al centesimo)',
    run: async (args) => {
      const { values } = parse(args, { total: { type: 'string' }, criterion: { type: 'string' }, 'fixed-percent': { type: 'string' }, json: { type: 'boolean' } }, 0);
      if (!values.total || !values.criterion) throw new UsageError('Indicare --total e --criterion');
      const total = cents(BigInt(integerArg(values.total, 'Totale in centesimi')));
      const criterion = values.criterion;
      if (criterion !== 'population' && criterion !== 'fixed_plus_population') throw new UsageError(`Criterio sconosciuto: ${criterion}`);
      printJson(await withContext('split', { page: ['Fondi', '/fondi'], api: 'POST /api/allocations/preview' }, (ctx) => split(ctx, cliActor(), total, criterion, values['fixed-percent'])));
      return 0;
    },
  },
  {
    name: 'export sioss',
    usage: 'export sioss FUND ANNUALITY [--format csv|xlsx] [--out FILE]',
    summary: 'esportazione per il SIOSS: importi riconosciuti per distretto e area di intervento',
    run: async (args) => {
      const { values, positionals } = parse(args, { format: { type: 'string' }, out: { type: 'string' } }, 2);
      const format = values.format ?? 'csv';
      if (format !== 'csv' && format !== 'xlsx') throw new UsageError(`Formato sconosciuto: ${format}`);
      if (format === 'xlsx' && !values.out) throw new UsageError('Per il formato xlsx indicare --out FILE');
      const annuality = integerArg(positionals[1]!, 'Annualità');
      const rows = await withContext('export sioss', { page: ['Fondi', `/fondi/${positionals[0]!}/${annuality}`], api: `GET /api/exports/sioss/${positionals[0]!}/${annuality}` }, (ctx) => siossRows(ctx, cliActor(), positionals[0]!, annuality));
      const content = format === 'csv' ? siossCsv(rows) : await siossXlsx(rows);
      if (values.out) {
        writeFileSync(values.out, content);
        console.error(`Scritte ${rows.length} righe in ${values.out}`);
      } else process.stdout.write(content);
      return 0;
    },
  },
  {
    name: 'performance import',
    usage: 'performance import FILE.json',
    summary: 'importa un piano della performance (formato JSON di EXCHANGE.md); stampa l\'id del piano',
    run: async (args) => {
      const { positionals } = parse(args, {}, 1);
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(positionals[0]!, 'utf8'));
      } catch (e) {
        console.error(`${positionals[0]}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file inesistente' : `JSON non valido (${(e as Error).message})`}`);
        return 1;
      }
      try {
        const result = await withContext('performance import', { page: ['Performance', '/performance'], api: 'POST /api/performance/plans' }, (ctx) => importPlan(ctx, cliActor(), json));
        for (const note of result.notes) console.error(note);
        console.log(result.id);
        return 0;
      } catch (e) {
        if (!(e instanceof PlanRejected)) throw e;
        for (const error of e.errors) console.error(`${positionals[0]}: ${error}`);
        console.error(`Importazione annullata: ${errorCount(e.errors.length)}, nessun dato salvato.`);
        return 1;
      }
    },
  },
  {
    name: 'performance scores',
    usage: 'performance scores PLAN_ID --json',
    summary: 'punteggi di un piano della performance per centro e obiettivo (EXCHANGE.md)',
    run: async (args) => {
      const { positionals } = parse(args, { json: { type: 'boolean' } }, 1);
      const id = integerArg(positionals[0]!, 'Id del piano');
      printJson(await withContext('performance scores', { page: ['Performance', `/performance/${id}`], api: `GET /api/performance/plans/${id}/scores` }, (ctx) => performanceScores(ctx, cliActor(), id)));
      return 0;
    },
  },
];
