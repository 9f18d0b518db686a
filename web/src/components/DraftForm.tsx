/**
 * The shape every "new record" form shares (acts, bodies, users): a draft of text fields, checks
 * in the page with the focus on the first field in error, one request, the server's refusal shown
 * above the fields, and a card with the title, the required-fields note and the two buttons.
 * Field ids are `${idPrefix}-${field}`, so a check can name the field it moves the focus to.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button } from 'design-react-kit';
import { useT } from '../i18n/i18n.tsx';
import { ErrorAlert } from './ErrorAlert.tsx';

export type FieldErrors<Draft> = Partial<Record<keyof Draft, string>>;

interface DraftFormOptions<Draft, Result> {
  empty: Draft;
  idPrefix: string;
  validate: (draft: Draft) => FieldErrors<Draft>;
  send: (draft: Draft) => Promise<Result>;
  onDone: (result: Result) => void;
}

export function useDraftForm<Draft extends Record<string, string>, Result>({ empty, idPrefix, validate, send, onDone }: DraftFormOptions<Draft, Result>) {
  const [draft, setDraft] = useState<Draft>(empty);
  const [errors, setErrors] = useState<FieldErrors<Draft>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof Draft) => (value: string) => setDraft({ ...draft, [field]: value });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate(draft);
    setErrors(found);
    setFailure(null);
    const first = Object.keys(found)[0];
    if (first) {
      document.getElementById(`${idPrefix}-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await send(draft);
      setDraft(empty);
      onDone(result);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return { draft, set, errors, failure, busy, submit };
}

export function DraftFormCard(props: {
  idPrefix: string;
  title: string;
  submitLabel: string;
  failure: unknown;
  busy: boolean;
  onSubmit: (event: FormEvent) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <form onSubmit={props.onSubmit} noValidate className="card card-bg shadow-sm mb-4" aria-labelledby={`${props.idPrefix}-form-title`}>
      <div className="card-body">
        <h2 id={`${props.idPrefix}-form-title`} className="h3">
          {props.title}
        </h2>
        <p className="small text-muted">{t('common.requiredNote')}</p>
        <ErrorAlert error={props.failure} />
        <div className="row">{props.children}</div>
        <div className="d-flex gap-2">
          <Button color="primary" type="submit" disabled={props.busy}>
            {props.busy ? t('common.saving') : props.submitLabel}
          </Button>
          <Button color="secondary" outline type="button" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
        </div>
      </div>
    </form>
  );
}
