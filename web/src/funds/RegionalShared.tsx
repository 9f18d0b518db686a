/**
 * What the regional-funds pages share (DOMAIN.md "Regional funds"): their paths, a form panel,
 * and the breadcrumb back to the chapters. The answers' shapes are the contract's
 * (src/contract/regional-funds.ts).
 */
import type { FormEvent, ReactNode } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { Link } from '../router.tsx';

export const chapterPath = (id: number): string => `/fondi-regionali/capitoli/${id}`;
export const reservationPath = (id: number): string => `/fondi-regionali/prenotazioni/${id}`;

/** A titled form card, as in the national funds' action forms. */
export function RegionalPanel({ id, title, intro, children, onSubmit }: { id: string; title: string; intro?: string; children: ReactNode; onSubmit: (e: FormEvent) => void }) {
  const t = useT();
  return (
    <form id={id} onSubmit={onSubmit} noValidate className="card card-bg shadow-sm mb-4 funds-action" aria-labelledby={`${id}-title`}>
      <div className="card-body">
        <h3 id={`${id}-title`} className="h4">
          {title}
        </h3>
        {intro && <p className="small">{intro}</p>}
        <p className="small text-muted">{t('common.requiredNote')}</p>
        {children}
      </div>
    </form>
  );
}

export function SubmitButton({ busy, label }: { busy: boolean; label: string }) {
  const t = useT();
  return (
    <Button color="primary" type="submit" disabled={busy}>
      {busy ? t('common.saving') : label}
    </Button>
  );
}

/** Breadcrumb: Fondi regionali / … / current page. */
export function RegionalBreadcrumb({ trail, current }: { trail: { to: string; label: string }[]; current: string }) {
  const t = useT();
  return (
    <nav aria-label={t('common.breadcrumb')} className="breadcrumb-container">
      <ol className="breadcrumb">
        <li className="breadcrumb-item">
          <Link to="/fondi-regionali">{t('funds.regional.title')}</Link>
          <span className="separator">/</span>
        </li>
        {trail.map((step) => (
          <li key={step.to} className="breadcrumb-item">
            <Link to={step.to}>{step.label}</Link>
            <span className="separator">/</span>
          </li>
        ))}
        <li className="breadcrumb-item active" aria-current="page">
          {current}
        </li>
      </ol>
    </nav>
  );
}
