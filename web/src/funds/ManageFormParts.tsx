/**
 * What the Region's forms on a fund annuality share (DOMAIN.md "National funds: the life cycle"):
 * their props, the annuality's path parameters, the panel around each form and its buttons.
 * Every step cites its act; the server's Italian refusal is shown as it is.
 */
import type { FormEvent, ReactNode } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import type { AnnualityDetail } from '../../../src/contract/fund-programming.ts';
import { parseCalendarDate } from '../../../src/domain/dates.ts';

export interface FormProps {
  detail: AnnualityDetail;
  districts: string[];
  names: Map<string, string>;
  onDone: (message: string) => void;
  onCancel: () => void;
}

/** The path parameters of the annuality's endpoints. */
export const keyOf = (d: AnnualityDetail) => ({ fund: d.fund, annuality: d.annuality });

export const isCalendarDate = (text: string): boolean => parseCalendarDate(text) !== null;

export function Panel({ id, title, intro, children, onSubmit }: { id: string; title: string; intro?: string; children: ReactNode; onSubmit: (e: FormEvent) => void }) {
  const t = useT();
  return (
    <form id={id} onSubmit={onSubmit} noValidate className="card card-bg shadow-sm mb-4 funds-action" aria-labelledby={`${id}-title`}>
      <div className="card-body">
        <h2 id={`${id}-title`} className="h4">
          {title}
        </h2>
        {intro && <p className="small">{intro}</p>}
        <p className="small text-muted">{t('common.requiredNote')}</p>
        {children}
      </div>
    </form>
  );
}

export function Actions({ busy, submit, onCancel, disabled }: { busy: boolean; submit: string; onCancel: () => void; disabled?: boolean }) {
  const t = useT();
  return (
    <div className="d-flex gap-2 flex-wrap">
      <Button color="primary" type="submit" disabled={busy || disabled}>
        {busy ? t('common.saving') : submit}
      </Button>
      <Button color="secondary" outline type="button" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
    </div>
  );
}
