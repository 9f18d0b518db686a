/** Scores, statuses and revision kinds as the users read them: `66,7%`, "Parzialmente raggiunto". */
import type { Translate } from '../i18n/i18n.tsx';
import type { ObjectiveStatus } from '../../../src/domain/performance/scoring.ts';
import type { RevisionKind } from '../../../src/domain/performance/plan.ts';
import { useT } from '../i18n/i18n.tsx';

const percent = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1, minimumFractionDigits: 0 });

/** A score (a fraction 0…1) as an Italian percentage with at most one decimal: 0.6667 → `66,7%`. */
export const formatScore = (score: number | null | undefined): string | null =>
  score === null || score === undefined ? null : `${percent.format(Math.round(score * 1000) / 10)}%`;

export const statusLabel = (t: Translate, status: ObjectiveStatus): string =>
  ({
    achieved: t('perf.status.achieved'),
    partially_achieved: t('perf.status.partially_achieved'),
    not_achieved: t('perf.status.not_achieved'),
    suspended: t('perf.status.suspended'),
  })[status];

export const revisionKindLabel = (t: Translate, kind: RevisionKind): string => (kind === 'suspended' ? t('perf.revision.kind.suspended') : t('perf.revision.kind.updated'));

const statusClass: Record<ObjectiveStatus, string> = {
  achieved: 'perf-badge perf-badge-achieved',
  partially_achieved: 'perf-badge perf-badge-partial',
  not_achieved: 'perf-badge perf-badge-not',
  suspended: 'perf-badge perf-badge-suspended',
};

/** The status as a badge; colour is never the only cue (the word is always there). */
export function StatusBadge({ status }: { status: ObjectiveStatus }) {
  const t = useT();
  return <span className={statusClass[status]}>{statusLabel(t, status)}</span>;
}

/** The score, or "non valutato" for a suspended objective (DOMAIN.md: shown but not scored). */
export function ScoreText({ score, status }: { score: number | null; status?: ObjectiveStatus }) {
  const t = useT();
  const text = formatScore(score);
  if (status === 'suspended' || text === null) return <span className="text-muted fst-italic">{t('perf.notScored')}</span>;
  return <span className="perf-score">{text}</span>;
}
