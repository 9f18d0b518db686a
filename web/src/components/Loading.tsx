import { Spinner } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';

export function Loading() {
  const t = useT();
  return (
    <div className="d-flex align-items-center gap-3 my-4" role="status">
      <Spinner active small />
      <span>{t('common.loading')}</span>
    </div>
  );
}
