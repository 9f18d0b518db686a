import { useT } from '../i18n/i18n.tsx';
import { roleLabel } from '../i18n/labels.ts';
import { Link } from '../router.tsx';
import { PageHeading } from '../components/PageHeading.tsx';
import { navEntries } from '../shell/Layout.tsx';
import { TodoList } from '../todo/TodoList.tsx';
import type { User } from '../types.ts';

export function HomePage({ user }: { user: User }) {
  const t = useT();
  const name = user.displayName || user.username;
  return (
    <>
      <PageHeading title={t('home.title', { name })} />
      <p className="lead mb-1">{t('home.role', { role: roleLabel(t, user.role) })}</p>
      <p>{t('home.districts', { districts: user.districts.length ? user.districts.join(', ') : t('home.allDistricts') })}</p>
      <TodoList />
      <h2 className="h3 mt-5 mb-3">{t('home.sectionsTitle')}</h2>
      <div className="row g-4">
        {navEntries(user).map((entry) => (
          <div className="col-md-6 col-lg-4" key={entry.to}>
            <div className="card-wrapper card-space h-100">
              <div className="card card-bg home-card h-100">
                <div className="card-body">
                  <h3 className="card-title h5">
                    <Link to={entry.to}>{t(entry.label)}</Link>
                  </h3>
                  {entry.text && <p className="card-text">{t(entry.text)}</p>}
                </div>
              </div>
            </div>
          </div>
        ))}
      </div>
    </>
  );
}
