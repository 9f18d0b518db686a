/** Italian wording of the report: percentages, statuses, revisions, slippage. */
import { formatItalianDate } from '../../domain/dates.ts';
import type { RevisionInput } from '../../domain/performance/plan.ts';
import type { ObjectiveStatus } from '../../domain/performance/scoring.ts';
import type { TimelineRow } from '../../domain/performance/timeline.ts';

/** 0.6667 → "66,7%"; null → "—". */
export const formatPercent = (score: number | null): string =>
  score === null ? '—' : `${(Math.round(score * 1000) / 10).toFixed(1).replace('.', ',')}%`;

export const STATUS_LABELS: Readonly<Record<ObjectiveStatus, string>> = {
  achieved: 'Raggiunto',
  partially_achieved: 'Parzialmente raggiunto',
  not_achieved: 'Non raggiunto',
  suspended: 'Sospeso',
};

/**
 * "Obiettivo aggiornato con Deliberazione CdA n. 49 del 19/09/2024"; when the revision takes effect
 * after the act: "Obiettivo sospeso dal 01/12/2024 con Deliberazione CdA n. 62 del 28/11/2024".
 */
export const revisionLine = (r: RevisionInput): string => {
  const from = r.effective !== undefined && r.effective !== r.date ? ` dal ${formatItalianDate(r.effective)}` : '';
  return `Obiettivo ${r.kind === 'suspended' ? 'sospeso' : 'aggiornato'}${from} con ${r.act} del ${formatItalianDate(r.date)}`;
};

/** "Grado di raggiungimento: 66,7% – Parzialmente raggiunto"; suspended objectives are not scored (DOMAIN.md). */
export const scoreLine = (score: number | null, status: ObjectiveStatus): string =>
  status === 'suspended' ? 'Esito: Sospeso (obiettivo non valutato)' : `Grado di raggiungimento: ${formatPercent(score)} – ${STATUS_LABELS[status]}`;

const months = (n: number) => `${n} ${n === 1 ? 'mese' : 'mesi'}`;

/** The timeline's last column: what happened compared with the plan. */
export const outcomeLabel = (row: TimelineRow): string => {
  switch (row.outcome) {
    case 'on_time':
      return 'nei tempi';
    case 'early':
      return `in anticipo di ${months(-row.slippage!)}`;
    case 'late':
      return `in ritardo di ${months(row.slippage!)}`;
    case 'postponed':
      return row.actual.kind === 'postponed' ? `rinviata al ${row.actual.toYear}` : `rinviata all'anno successivo`;
    case 'recurring':
      return 'ricorrente';
    case 'not_done':
      return 'non rilevata';
    case 'unknown':
      return '—';
  }
};

export const MONTH_ABBREVIATIONS = ['Gen', 'Feb', 'Mar', 'Apr', 'Mag', 'Giu', 'Lug', 'Ago', 'Set', 'Ott', 'Nov', 'Dic'] as const;

export type GanttMark = 'planned' | 'actual' | 'both' | null;

/** What a month cell of the timeline says; a letter too, so that colour is not the only carrier. */
export const ganttMarks = (row: TimelineRow): GanttMark[] =>
  row.plannedMonths.map((p, i) => {
    const a = row.actualMonths[i] ?? false;
    return p && a ? 'both' : p ? 'planned' : a ? 'actual' : null;
  });

export const GANTT_LETTERS: Readonly<Record<Exclude<GanttMark, null>, string>> = { planned: 'P', actual: 'C', both: 'P/C' };
export const GANTT_COLOURS: Readonly<Record<Exclude<GanttMark, null>, string>> = { planned: 'BDD7EE', actual: 'F8CBAD', both: 'A9D18E' };
export const GANTT_LEGEND = 'P = previsto (Tempi), C = consuntivo, P/C = previsto e realizzato nello stesso mese. Le attività ricorrenti sono segnate su tutto l’anno.';

/** An image's size scaled, proportions kept, to fit a box (the cover's emblem). */
export const fitWithin = (width: number, height: number, box: number): { width: number; height: number } => {
  const scale = Math.min(1, box / width, box / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
};
