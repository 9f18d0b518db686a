import { useT } from '../i18n/i18n.tsx';
import { formatDateTime } from '../format.ts';
import type { Validation } from '../../../src/contract/performance/schemas.ts';

/** "Piano validato": who validated, when, with what comment; nothing can be changed any more. */
export function ValidatedNotice({ validation }: { validation: Validation }) {
  const t = useT();
  return (
    <div className="perf-validated-note my-3" role="note" aria-labelledby="perf-validated-title">
      <h2 id="perf-validated-title" className="h5 mb-2">
        {t('perf.validated.title')}
      </h2>
      <p className="mb-1">{t('perf.validation.byAt', { by: validation.by, at: formatDateTime(validation.at) })}</p>
      {validation.comment && (
        <p className="mb-1 perf-text">
          <strong>{t('perf.validated.comment')}</strong> {validation.comment}
        </p>
      )}
      <p className="mb-0 small">{t('perf.validated.frozen')}</p>
    </div>
  );
}
