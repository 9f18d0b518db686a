import { useT } from '../i18n/i18n.tsx';
import type { PlanStatus } from '../../../src/domain/performance/plan.ts';

export function PlanStatusBadge({ status }: { status: PlanStatus }) {
  const t = useT();
  return status === 'validated' ? (
    <span className="perf-badge perf-badge-validated">{t('perf.plan.status.validated')}</span>
  ) : (
    <span className="perf-badge perf-badge-draft">{t('perf.plan.status.draft')}</span>
  );
}
