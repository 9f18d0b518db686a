/** Form fields in bootstrap-italia markup: a visible label tied to the control, help and error text announced with it. */
import type { ChangeEvent, ReactNode } from 'react';
import { useT } from '../i18n/i18n.tsx';

interface Common {
  id: string;
  label: string;
  required?: boolean;
  error?: string | null;
  help?: string;
  className?: string;
}

function describedBy(id: string, error?: string | null, help?: string): string | undefined {
  const ids = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function LabelText({ label, required }: { label: string; required?: boolean }) {
  const t = useT();
  return (
    <>
      {label}
      {required && (
        <>
          <span aria-hidden="true"> *</span>
          <span className="visually-hidden"> ({t('common.required')})</span>
        </>
      )}
    </>
  );
}

function Feedback({ id, error, help }: { id: string; error?: string | null; help?: string }) {
  return (
    <>
      {help && (
        <small id={`${id}-help`} className="form-text">
          {help}
        </small>
      )}
      {error && (
        <div id={`${id}-error`} className="invalid-feedback d-block">
          {error}
        </div>
      )}
    </>
  );
}

type TextFieldProps = Common & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password' | 'search' | 'date' | 'number';
  autoComplete?: string;
  inputMode?: 'numeric' | 'text';
  maxLength?: number;
};

export function TextField({ id, label, required, error, help, className, value, onChange, type = 'text', autoComplete, inputMode, maxLength }: TextFieldProps) {
  return (
    <div className={`form-group regia-field ${className ?? ''}`}>
      <label htmlFor={id} className="active">
        <LabelText label={label} required={required} />
      </label>
      <input
        id={id}
        type={type}
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, help)}
        autoComplete={autoComplete}
        inputMode={inputMode}
        maxLength={maxLength}
      />
      <Feedback id={id} error={error} help={help} />
    </div>
  );
}

export function TextAreaField({ id, label, required, error, help, className, value, onChange }: Common & { value: string; onChange: (value: string) => void }) {
  return (
    <div className={`form-group regia-field ${className ?? ''}`}>
      <label htmlFor={id} className="active">
        <LabelText label={label} required={required} />
      </label>
      <textarea
        id={id}
        rows={3}
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, help)}
      />
      <Feedback id={id} error={error} help={help} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({ id, label, required, error, help, className, value, onChange, options }: Common & { value: string; onChange: (value: string) => void; options: Option[]; children?: ReactNode }) {
  return (
    <div className={`select-wrapper select-field ${className ?? ''}`}>
      <label htmlFor={id}>
        <LabelText label={label} required={required} />
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={error ? 'is-invalid' : undefined}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, help)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Feedback id={id} error={error} help={help} />
    </div>
  );
}
