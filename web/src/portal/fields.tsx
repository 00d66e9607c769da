/**
 * The form parts shared/forms.tsx has no kind of: a labelled <select> and a <textarea>, with the
 * same hint and error wiring as its Field (a message beside the control, aria-invalid,
 * aria-describedby), for controls whose error comes from somewhere other than one ApiError field.
 */
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface Wiring {
  label: string;
  /** The message beside the control (already in words, without the label). */
  error?: string | null;
  hint?: ReactNode;
}

function described(id: string, hint: ReactNode, error: string | null | undefined): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function Extras({ id, label, hint, error }: Wiring & { id: string }) {
  return (
    <>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {label}: {error}
        </p>
      ) : null}
    </>
  );
}

export function SelectField({ label, error, hint, children, ...select }: Wiring & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { children: ReactNode }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={described(id, hint, error)} {...select}>
        {children}
      </select>
      <Extras id={id} label={label} hint={hint} error={error} />
    </div>
  );
}

export function TextAreaField({ label, error, hint, ...area }: Wiring & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={described(id, hint, error)} {...area} />
      <Extras id={id} label={label} hint={hint} error={error} />
    </div>
  );
}

/** A text input whose message comes as a string (shared/forms.tsx's Field reads it from an ApiError). */
export function InputField({ label, error, hint, ...input }: Wiring & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described(id, hint, error)} {...input} />
      <Extras id={id} label={label} hint={hint} error={error} />
    </div>
  );
}
