import type { FormEvent, ReactNode } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';

/** A search/filter form: applied on submit (Enter or "Cerca"), cleared with one button. */
export function FilterBar({ label, onSubmit, onReset, children }: { label: string; onSubmit: () => void; onReset: () => void; children: ReactNode }) {
  const t = useT();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form role="search" aria-label={label} onSubmit={submit} className="filter-bar mb-3" noValidate>
      <div className="row align-items-start">{children}</div>
      <div className="d-flex gap-2 flex-wrap">
        <Button color="primary" type="submit">
          {t('common.search')}
        </Button>
        <Button color="secondary" outline type="button" onClick={onReset}>
          {t('common.resetFilters')}
        </Button>
      </div>
    </form>
  );
}
