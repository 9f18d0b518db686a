import { Alert } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { roleLabel } from '../i18n/labels.ts';
import { Link } from '../router.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import type { User } from '../types.ts';

export function NotAllowed({ user }: { user: User }) {
  const t = useT();
  return (
    <>
      <PageHeading title={t('notAllowed.title')} />
      <Alert fade={false} color="danger">{t('notAllowed.body', { role: roleLabel(t, user.role) })}</Alert>
      <Link to="/">{t('notAllowed.back')}</Link>
    </>
  );
}

export function NotFound() {
  const t = useT();
  return (
    <>
      <PageHeading title={t('notFound.title')} />
      <p>{t('notFound.body')}</p>
      <Link to="/">{t('notAllowed.back')}</Link>
    </>
  );
}
