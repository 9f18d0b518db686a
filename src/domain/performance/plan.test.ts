import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { validatePlanInput, type PlanInput } from './plan.ts';

type Raw = Record<string, unknown>;
const indicator = (over: Raw = {}): Raw => ({ name: 'Incontri', description: 'Incontri periodici', unit: 'n.', target: '20', actual: '10', ...over });
const objective = (over: Raw = {}): Raw => ({
  code: '2.2',
  title: 'Percorso formativo in tema di Codice dei Contratti',
  strategicArea: 'Governance, amministrazione e servizi generali.',
  activities: [{ description: 'Formazione ed aggiornamento', planned: 'Aprile', actual: 'Luglio' }],
  indicators: [indicator()],
  ...over,
});
const plan = (centres: Raw[], over: Raw = {}): Raw => ({ body: 'Consorzio IN.RE.TE.', year: 2024, centres, ...over });
const centre = (name: string, objectives: Raw[]): Raw => ({ name, objectives });

const valid = (json: unknown): PlanInput => {
  const r = validatePlanInput(json);
  if (!r.ok) assert.fail(r.errors.join('\n'));
  return r.plan;
};
const accepts = (json: unknown): void => {
  valid(json);
};
const errors = (json: unknown): string[] => {
  const r = validatePlanInput(json);
  assert.equal(r.ok, false, 'expected the plan to be refused');
  return r.ok ? [] : r.errors;
};

describe('validatePlanInput accepts the EXCHANGE.md shape', () => {
  it('fills the optional fields with their defaults', () => {
    const p = valid(plan([centre('Area Amministrativa', [objective()])]));
    assert.equal(p.body, 'Consorzio IN.RE.TE.');
    assert.equal(p.year, 2024);
    const o = p.centres[0]!.objectives[0]!;
    assert.equal(o.id, null);
    assert.equal(o.pegProject, '');
    assert.equal(o.report, '');
    assert.equal(o.revision, null);
    assert.deepEqual(o.indicators[0], { name: 'Incontri', description: 'Incontri periodici', unit: 'n.', target: '20', actual: '10', weight: 1 });
    assert.deepEqual(o.activities[0], { description: 'Formazione ed aggiornamento', planned: 'Aprile', actual: 'Luglio' });
  });
  it('reads a revision by CdA deliberation and normalises its date', () => {
    const p = valid(plan([centre('Area Amministrativa', [objective({ revision: { kind: 'suspended', act: 'Deliberazione CdA n. 49', date: '19/09/2024' } })])]));
    assert.deepEqual(p.centres[0]!.objectives[0]!.revision, { kind: 'suspended', act: 'Deliberazione CdA n. 49', date: '2024-09-19' });
  });
  it('accepts JSON numbers as values and writes them Italian style', () => {
    const p = valid(plan([centre('A', [objective({ indicators: [indicator({ target: 12.5, actual: 6 })] })])]));
    assert.equal(p.centres[0]!.objectives[0]!.indicators[0]!.target, '12,5');
    assert.equal(p.centres[0]!.objectives[0]!.indicators[0]!.actual, '6');
  });
  it('accepts an indicator without a name when it has a description (seed 2, Area Minori e Famiglie 1)', () => {
    accepts(plan([centre('A', [objective({ indicators: [indicator({ name: '' })] })])]));
  });
  it('accepts two objectives with the same code in one centre (seed 2: two "Obiettivo 1")', () => {
    accepts(plan([centre('Area Disabili - Anziani', [objective({ code: '1' }), objective({ code: '1', title: 'Altro' })])]));
  });
  it('accepts a suspended objective without indicators', () => {
    accepts(plan([centre('A', [objective({ indicators: [], revision: { kind: 'suspended', act: 'Deliberazione CdA n. 49', date: '2024-09-19' } })])]));
  });
  it('accepts any written actual value and time (scored or shown as text)', () => {
    accepts(plan([centre('A', [objective({ indicators: [indicator({ actual: 'non rilevato' })], activities: [{ description: 'x', planned: 'boh', actual: 'Rinvio al 2025' }] })])]));
  });
});

describe('validatePlanInput names the JSON path of each error, in Italian', () => {
  it('refuses what is not an object', () => assert.deepEqual(errors([]), ['piano: oggetto JSON atteso']));
  it('lists every error at once', () => {
    const e = errors(
      plan(
        [
          centre('Area Direzione', [objective()]),
          centre('Area Amministrativa', [objective()]),
          centre('Area Minori e Famiglie', [objective({ indicators: [indicator(), indicator({ target: 'molti' })] })]),
        ],
        { year: 24, body: '' },
      ),
    );
    assert.deepEqual(e, ['body: campo obbligatorio', 'year: anno non valido (intero tra 2000 e 2100)', 'centres[2].objectives[0].indicators[1].target: valore non riconosciuto']);
  });
  it('refuses a missing, negative or partial target', () => {
    const e = errors(plan([centre('A', [objective({ indicators: [indicator({ target: '' }), indicator({ target: '-2' }), indicator({ target: 'si parzialmente' })] })])]));
    assert.deepEqual(e, [
      'centres[0].objectives[0].indicators[0].target: valore atteso mancante',
      'centres[0].objectives[0].indicators[1].target: valore negativo: "-2"',
      'centres[0].objectives[0].indicators[2].target: valore non riconosciuto',
    ]);
  });
  it('refuses a bad weight, a nameless indicator and a missing code and title', () => {
    const e = errors(plan([centre('A', [objective({ code: '', title: undefined, indicators: [indicator({ weight: 0 }), { target: '1' }] })])]));
    assert.deepEqual(e, [
      'centres[0].objectives[0].code: campo obbligatorio',
      'centres[0].objectives[0].title: campo obbligatorio',
      'centres[0].objectives[0].indicators[0].weight: numero maggiore di zero atteso',
      'centres[0].objectives[0].indicators[1]: indicatore senza nome né descrizione',
    ]);
  });
  it('refuses a bad revision', () => {
    const e = errors(plan([centre('A', [objective({ revision: { kind: 'cancelled', act: '', date: '31/02/2024' } })])]));
    assert.deepEqual(e, [
      'centres[0].objectives[0].revision.kind: valore non riconosciuto (updated o suspended)',
      'centres[0].objectives[0].revision.act: campo obbligatorio',
      'centres[0].objectives[0].revision.date: data non valida: "31/02/2024" (usare AAAA-MM-GG o GG/MM/AAAA)',
    ]);
  });
  it('refuses an objective without indicators unless suspended', () =>
    assert.deepEqual(errors(plan([centre('A', [objective({ indicators: [] })])])), ['centres[0].objectives[0].indicators: almeno un indicatore richiesto (salvo obiettivo sospeso)']));
  it('refuses a plan without centres, a repeated centre and wrong types', () => {
    assert.deepEqual(errors(plan([])), ['centres: almeno un centro di responsabilità richiesto']);
    assert.deepEqual(errors({ body: 'B', year: 2024 }), ['centres: campo obbligatorio']);
    assert.deepEqual(errors(plan([centre('Area A', [objective()]), centre('area a', [objective()])])), ['centres[1].name: centro già presente in centres[0]']);
    assert.deepEqual(errors(plan([centre('A', [objective({ activities: 'x', report: 3 })])])), [
      'centres[0].objectives[0].report: testo atteso',
      'centres[0].objectives[0].activities: elenco atteso',
    ]);
    assert.deepEqual(errors(plan(['x' as unknown as Raw])), ['centres[0]: oggetto atteso']);
  });
});

describe('validatePlanInput: the same id in two centres is one shared objective', () => {
  const adi = objective({ id: 'adi', code: '2.2', title: 'Consolidare … A.D.I.', report: 'Nell’anno 2024 si è consolidato…' });
  it('a later occurrence may give only its id and its own code', () => {
    const p = valid(plan([centre('Area Minori e Famiglie - Adulti', [adi]), centre('Area Inclusione e Reti Territoriali', [{ id: 'adi', code: '2.1' }])]));
    const [a, b] = [p.centres[0]!.objectives[0]!, p.centres[1]!.objectives[0]!];
    assert.equal(b.id, 'adi');
    assert.equal(b.code, '2.1');
    assert.deepEqual({ ...b, code: a.code }, a);
  });
  it('a later occurrence without a code takes the first one’s', () => {
    const p = valid(plan([centre('A', [adi]), centre('B', [{ id: 'adi' }])]));
    assert.equal(p.centres[1]!.objectives[0]!.code, '2.2');
  });
  it('a later occurrence may repeat the content unchanged', () => accepts(plan([centre('A', [adi]), centre('B', [{ ...adi, code: '2.1' }])])));
  it('refuses a later occurrence with different content', () =>
    assert.deepEqual(errors(plan([centre('A', [adi]), centre('B', [{ id: 'adi', title: 'Altro', indicators: [indicator({ actual: '11' })] }])])), [
      'centres[1].objectives[0].title: diverso dall\'obiettivo condiviso "adi" definito in centres[0].objectives[0] (ometterlo o ripeterlo uguale)',
      'centres[1].objectives[0].indicators: diverso dall\'obiettivo condiviso "adi" definito in centres[0].objectives[0] (ometterlo o ripeterlo uguale)',
    ]));
  it('refuses the same shared objective twice in one centre and an empty id', () => {
    assert.deepEqual(errors(plan([centre('A', [adi, { id: 'adi' }])])), ['centres[0].objectives[1].id: obiettivo condiviso "adi" già presente nello stesso centro (centres[0].objectives[0])']);
    assert.deepEqual(errors(plan([centre('A', [objective({ id: ' ' })])])), ['centres[0].objectives[0].id: testo non vuoto atteso']);
  });
});
