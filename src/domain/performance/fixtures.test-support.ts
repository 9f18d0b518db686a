/**
 * Builders of plan fragments for tests (STYLE.md: fixtures are built, not pasted),
 * with the objectives of seed 2 that DOMAIN.md uses as worked examples.
 */
import type { CalendarDate } from '../dates.ts';
import type { ActivityInput, CentreInput, IndicatorInput, ObjectiveInput, PlanInput } from './plan.ts';

export const indicator = (target: string, actual: string, over: Partial<IndicatorInput> = {}): IndicatorInput => ({
  name: 'Incontri',
  description: '',
  unit: 'n.',
  target,
  actual,
  weight: 1,
  ...over,
});

export const activity = (planned: string, actual: string, description = 'Attività'): ActivityInput => ({ description, planned, actual });

export const objective = (code: string, indicators: IndicatorInput[], over: Partial<ObjectiveInput> = {}): ObjectiveInput => ({
  id: null,
  code,
  title: `Obiettivo ${code}`,
  strategicArea: '',
  operationalObjective: '',
  pegProject: '',
  services: '',
  endUsers: '',
  networks: '',
  description: '',
  revision: null,
  activities: [],
  indicators,
  report: '',
  ...over,
});

export const centre = (name: string, objectives: ObjectiveInput[]): CentreInput => ({ name, objectives });
export const plan = (centres: CentreInput[], year = 2024): PlanInput => ({ body: 'Consorzio IN.RE.TE.', year, centres });

export const cda49 = (kind: 'updated' | 'suspended') => ({ kind, act: 'Deliberazione CdA n. 49', date: '2024-09-19' as CalendarDate });

/** Area Amministrativa 2.1: every indicator met or exceeded. */
export const amministrativa21 = () =>
  objective('2.1', [indicator('2', '2'), indicator('4', '5'), indicator('5', '5', { name: 'Operatori formati' }), indicator('2', '2', { name: 'Elaborati' }), indicator('1', '1')], {
    title: 'Processo civile telematico per il deposito di atti e documenti',
    activities: [activity('Gennaio', 'Gennaio'), activity('Febbraio', 'Gennaio'), activity('Febbraio', 'Febbraio'), activity('Marzo', 'Febbraio'), activity('Aprile', 'Marzo')],
  });

/** Area Amministrativa 2.2: (1 + 10/20 + 0.5)/3. */
export const amministrativa22 = () =>
  objective(
    '2.2',
    [
      indicator('si', 'si', { name: 'Formazione', unit: 'si/no' }),
      indicator('20', '10', { name: 'Incontri' }),
      indicator('si', 'si parzialmente', { name: 'Formazione', unit: 'si/no' }),
    ],
    {
      title: "Percorso formativo in tema di Codice dei Contratti (D.L.gs. 36/2023) per l'aggiornamento e l'implementazione dell'ufficio gare consortile.",
      activities: [activity('Febbraio', 'Febbraio'), activity('Marzo', 'Febbraio'), activity('Marzo', 'Febbraio'), activity('Aprile', 'Luglio')],
    },
  );

/** Area Amministrativa 2.3: suspended by CdA resolution 49 of 19.9.2024, no actual values. */
export const amministrativa23 = () =>
  objective('2.3', [indicator('4', ''), indicator('1', '', { name: 'Elaborati' }), indicator('1', '')], {
    title: 'Predisposizione di un vademecum destinato a tutto il personale dipendente',
    revision: cda49('suspended'),
    activities: [activity('Febbraio', ''), activity('Marzo', ''), activity('Marzo', ''), activity('Maggio', '')],
    report: 'Il presente obiettivo è stato sospeso con deliberazione del Consiglio di Amministrazione n. 49 del 19.9.2024',
  });

/** Area Minori e Famiglie - Adulti 1: (1 + 1 + 4/6 + 0/20)/4. */
export const minori1 = () =>
  objective(
    '1',
    [
      indicator('30', '40', { name: 'Soggetti coinvolti' }),
      indicator('20', '20', { name: '', description: 'Soggetti formali ed informali coinvolti nella realizzazione della misura' }),
      indicator('6', '4', { name: 'Incontri' }),
      indicator('20', '0', { name: 'Documenti', description: 'Progetti educativi familiari realizzati' }),
    ],
    {
      title: 'Garantire la realizzazione delle attività volte alla promozione della "genitorialità positiva"',
      activities: [
        activity('Febbraio', 'Marzo'),
        activity('Marzo', 'Marzo'),
        activity('Maggio', 'Giugno'),
        activity('Giugno', 'Ottobre'),
        activity('Novembre', 'Novembre'),
        activity('Dicembre', 'Rinvio al 2025'),
      ],
    },
  );
