/**
 * A form's own parts, the same on every page: the problem's detail at the top in an alert, a submit
 * button that says when it is busy, and the submit itself. The fields are in fields.tsx.
 */
import { useCallback, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../api/index.js';

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

/** A form's footer: its submit button, and a Cancel button when the form can be closed unsaved. */
export function FormActions({ pending, busyLabel, onCancel, children }: { pending: boolean; busyLabel?: string; onCancel?: () => void; children: ReactNode }) {
  return (
    <div className="button-row">
      <SubmitButton pending={pending} busyLabel={busyLabel}>
        {children}
      </SubmitButton>
      {onCancel ? (
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      ) : null}
    </div>
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
