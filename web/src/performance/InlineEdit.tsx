/**
 * A value shown in a table cell with a "Modifica" button; editing opens a small labelled form in
 * place. The server's Italian message is shown under the field when it refuses the value.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { errorText } from '../components/ErrorAlert.tsx';

interface InlineEditProps {
  id: string;
  /** The field's label, naming what is edited ("Valore consuntivo di Incontri"). */
  label: string;
  value: string;
  display?: ReactNode;
  help?: string;
  editable: boolean;
  onSave: (value: string) => Promise<void>;
}

export function InlineEdit({ id, label, value, display, help, editable, onSave }: InlineEditProps) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (editing) input.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      button.current?.focus();
    }
  }, [editing]);

  const open = () => {
    setDraft(value);
    setError(null);
    setEditing(true);
  };
  const close = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSave(draft);
      close();
    } catch (reason) {
      setError(errorText(reason, t));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  if (!editing) {
    return (
      <div className="d-flex flex-column align-items-start gap-1">
        <span>{display ?? (value || <span className="text-muted">{t('common.dash')}</span>)}</span>
        {editable && (
          <Button innerRef={button} color="primary" outline size="xs" type="button" onClick={open}>
            {t('perf.edit')}
            <span className="visually-hidden"> — {label}</span>
          </Button>
        )}
      </div>
    );
  }
  const describedBy = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <form onSubmit={submit} noValidate className="perf-edit-form">
      <label htmlFor={id} className="small fw-semibold d-block mb-1">
        {label}
      </label>
      <input
        ref={input}
        id={id}
        type="text"
        className={`form-control form-control-sm${error ? ' is-invalid' : ''}`}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
      />
      {help && (
        <small id={`${id}-help`} className="form-text d-block">
          {help}
        </small>
      )}
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block" role="alert">
          {error}
        </div>
      )}
      <div className="d-flex gap-2 mt-2">
        <Button color="primary" size="xs" type="submit" disabled={busy}>
          {busy ? t('common.saving') : t('perf.save')}
        </Button>
        <Button color="secondary" outline size="xs" type="button" onClick={close} disabled={busy}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
