/**
 * The form fields of every area, built one way: a visible label, an optional hint, and the message
 * for the field beside it (the control gets aria-invalid and aria-describedby naming both).
 *
 * The message comes either from the server's problem (`error`: its message for `name`, shown as
 * "<label> <message>", since the server words it to follow the field's name) or already in words
 * (`message`: a sentence of its own, shown as "<label>: <message>"), for controls whose message
 * comes from somewhere else (the return form's per-line problems).
 *
 *   <Field label="Email" name="email" type="email" error={error} />
 *   <SelectField label="Status" name="status" options={[{ value: '', label: 'Any status' }, …]} />
 *   <SelectField label="Reason" value={reason} onChange={…}><option …/></SelectField>
 *   <TextAreaField label="Reason" name="reason" required />
 *   <CheckboxField label="Needs attention only" name="attention" defaultChecked />
 */
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import type { ApiError } from '../api/index.js';

export interface Option {
  value: string;
  label: string;
}

interface Wiring {
  label: string;
  name?: string;
  /** The failed submit whose message for `name` shows beside the control. */
  error?: ApiError | null;
  /** A message already in words (not from `error`). */
  message?: string | null;
  hint?: ReactNode;
}

/** What every field needs: its id, whether it is invalid, what describes it, and the words under it. */
function useWiring({ label, name, error, message, hint }: Wiring) {
  const id = useId();
  const fromServer = name !== undefined ? error?.fieldMessage(name) : undefined;
  const shown = fromServer ? `${label} ${fromServer}` : message ? `${label}: ${message}` : null;
  const describedBy = [hint ? `${id}-hint` : null, shown ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const below = (
    <>
      {hint ? (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {shown ? (
        <p className="field-error" id={`${id}-error`}>
          {shown}
        </p>
      ) : null}
    </>
  );
  return { id, control: { id, name, 'aria-invalid': shown ? true : undefined, 'aria-describedby': describedBy }, below };
}

export type FieldProps = Wiring & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'>;

/** A text input (or email, password, number, date…). */
export function Field({ label, name, error, message, hint, ...input }: FieldProps) {
  const { id, control, below } = useWiring({ label, name, error, message, hint });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input {...control} {...input} />
      {below}
    </div>
  );
}

export type SelectFieldProps = Wiring &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name'> &
  ({ options: readonly Option[]; children?: never } | { options?: never; children: ReactNode });

/** A select, with its choices as `options` or as <option> children. */
export function SelectField({ label, name, error, message, hint, options, children, ...select }: SelectFieldProps) {
  const { id, control, below } = useWiring({ label, name, error, message, hint });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select {...control} {...select}>
        {options
          ? options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))
          : children}
      </select>
      {below}
    </div>
  );
}

export type TextAreaFieldProps = Wiring & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'>;

export function TextAreaField({ label, name, error, message, hint, rows = 3, ...area }: TextAreaFieldProps) {
  const { id, control, below } = useWiring({ label, name, error, message, hint });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea {...control} rows={rows} {...area} />
      {below}
    </div>
  );
}

export type CheckboxFieldProps = Omit<Wiring, 'message'> & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'type'>;

/** A checkbox with its label after it (the label still names it). */
export function CheckboxField({ label, name, error, hint, ...input }: CheckboxFieldProps) {
  const { id, control, below } = useWiring({ label, name, error, hint });
  return (
    <div className="field field-checkbox">
      <input {...control} type="checkbox" {...input} />
      <label htmlFor={id}>{label}</label>
      {below}
    </div>
  );
}
