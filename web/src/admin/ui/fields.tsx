/**
 * Form fields forms.tsx does not have, built the same way (a visible label, the server's message
 * for the field beside it): a select, a text area and a checkbox.
 *
 *   <SelectField label="Status" name="status" options={[{ value: '', label: 'Any status' }, …]} />
 *   <TextAreaField label="Reason" name="reason" required />
 *   <CheckboxField label="Needs attention only" name="attention" defaultChecked />
 */
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import type { ApiError } from '../../api/index.js';

export interface Option {
  value: string;
  label: string;
}

interface Shared {
  label: string;
  name: string;
  error?: ApiError | null;
  hint?: ReactNode;
}

function described(id: string, hint: ReactNode, message: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : null, message ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function HintAndError({ id, label, hint, message }: { id: string; label: string; hint: ReactNode; message: string | undefined }) {
  return (
    <>
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
    </>
  );
}

export function SelectField({ label, name, error, hint, options, ...select }: Shared & { options: readonly Option[] } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name'>) {
  const id = useId();
  const message = error?.fieldMessage(name);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} aria-invalid={message ? true : undefined} aria-describedby={described(id, hint, message)} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <HintAndError id={id} label={label} hint={hint} message={message} />
    </div>
  );
}

export function TextAreaField({ label, name, error, hint, ...area }: Shared & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'>) {
  const id = useId();
  const message = error?.fieldMessage(name);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} name={name} rows={3} aria-invalid={message ? true : undefined} aria-describedby={described(id, hint, message)} {...area} />
      <HintAndError id={id} label={label} hint={hint} message={message} />
    </div>
  );
}

export function CheckboxField({ label, name, hint, ...input }: Omit<Shared, 'error'> & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'type'>) {
  const id = useId();
  return (
    <div className="field field-checkbox">
      <input id={id} name={name} type="checkbox" aria-describedby={hint ? `${id}-hint` : undefined} {...input} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
