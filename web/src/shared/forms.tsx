/**
 * Form parts that keep every page accessible the same way: a visible label per field, the server's
 * message for a field beside it (aria-invalid + aria-describedby), the problem's detail at the top in
 * an alert, a submit button that says when it is busy.
 */
import { useCallback, useId, useRef, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { ApiError } from '../api/index.js';

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  name: string;
  /** The error whose message for this field (by name) is shown. */
  error?: ApiError | null;
  hint?: ReactNode;
}

export function Field({ label, name, error, hint, ...input }: FieldProps) {
  const id = useId();
  const message = error?.fieldMessage(name);
  const described = [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} aria-invalid={message ? true : undefined} aria-describedby={described} {...input} />
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {message ? (
        <p className="field-error" id={`${id}-error`}>
          {label} {message}
        </p>
      ) : null}
    </div>
  );
}

/** The failure of the last submit: its detail, and a list of field messages the fields do not show. */
export function FormError({ error, fields = [] }: { error: ApiError | null; fields?: readonly string[] }) {
  if (error === null) return null;
  const others = error.fieldErrors.filter((e) => !fields.includes(e.path));
  // When every field message shows beside its field, the alert only points there.
  const summary = error.fieldErrors.length > 0 && others.length === 0 ? `Please check ${error.fieldErrors.length === 1 ? 'the field' : 'the fields'} marked below.` : error.detail;
  return (
    <div className="form-error" role="alert">
      <p>{summary}</p>
      {others.length > 0 ? (
        <ul>
          {others.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              {e.path} {e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function SubmitButton({ pending, children, busyLabel }: { pending: boolean; children: ReactNode; busyLabel?: string }) {
  return (
    <button type="submit" className="button button-primary" disabled={pending} aria-disabled={pending || undefined}>
      {pending ? (busyLabel ?? 'Please wait…') : children}
    </button>
  );
}

/**
 * A form's submit: prevents the page load, runs `action` with the form's fields, keeps `pending`
 * and the last `error` (an ApiError; anything else is rethrown).
 */
export function useSubmit(action: (fields: Record<string, string>) => Promise<void>) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const running = useRef(false);
  const onSubmit = useCallback(
    async (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      if (running.current) return;
      const fields = Object.fromEntries([...new FormData(event.currentTarget).entries()].map(([k, v]) => [k, typeof v === 'string' ? v : '']));
      running.current = true;
      setPending(true);
      setError(null);
      try {
        await action(fields);
      } catch (failure) {
        if (!(failure instanceof ApiError)) throw failure;
        setError(failure);
      } finally {
        running.current = false;
        setPending(false);
      }
    },
    [action],
  );
  return { onSubmit, pending, error };
}
