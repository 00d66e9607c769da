/**
 * A modal confirmation (the native <dialog>, so focus stays inside it and Escape cancels). Its
 * body may hold form fields (a reason, an amount): `onConfirm` gets them by name. While
 * `onConfirm` runs the buttons wait; an ApiError it throws is shown in the dialog (which stays
 * open), anything else propagates; on success the dialog closes. (useAction runs it: one at a time.)
 *
 *   <ConfirmDialog
 *     open={asking}
 *     title="Cancel order W-000123?"
 *     confirmLabel="Cancel the order"
 *     destructive
 *     onCancel={() => setAsking(false)}
 *     onConfirm={async ({ reason }) => { await call(…); setAsking(false); }}
 *   >
 *     <p>The stock is released and the payment voided.</p>
 *     <Field label="Reason" name="reason" required />
 *   </ConfirmDialog>
 *
 * ConfirmButton (below) is the button and the dialog together.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { FormError } from '../../shared/forms.js';
import { useAction } from './useAction.js';

export interface ConfirmDialogProps {
  open: boolean;
  /** The dialog's heading and accessible name: a question ("Cancel order W-000123?"). */
  title: string;
  /** What the action does, and any fields it needs (by `name`). */
  children?: ReactNode;
  /** The confirming button: says what happens ("Cancel the order"), never just "OK". */
  confirmLabel: string;
  cancelLabel?: string;
  /** A red confirming button (it cannot be undone). */
  destructive?: boolean;
  /** Field names shown beside their fields (the error summary leaves them out). */
  fields?: readonly string[];
  onConfirm(fields: Record<string, string>): Promise<void> | void;
  onCancel(): void;
}

export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel = 'Cancel', destructive = false, fields = [], onConfirm, onCancel }: ConfirmDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const action = useAction();
  const { pending, error, clearError } = action;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      clearError();
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open, clearError]);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = Object.fromEntries([...new FormData(event.currentTarget).entries()].map(([k, v]) => [k, typeof v === 'string' ? v : '']));
    await action.run(() => Promise.resolve(onConfirm(values)));
  }

  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: the parent decides (it owns `open`).
        event.preventDefault();
        if (!pending) onCancel();
      }}
    >
      {open ? (
        <form onSubmit={(event) => void submit(event)} className="confirm-dialog-form">
          <h2 id={titleId}>{title}</h2>
          {children}
          <FormError error={error} fields={fields} />
          <div className="button-row">
            <button type="submit" className={destructive ? 'button button-danger' : 'button button-primary'} disabled={pending}>
              {pending ? 'Please wait…' : confirmLabel}
            </button>
            <button type="button" className="button" onClick={onCancel} disabled={pending}>
              {cancelLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}

export interface ConfirmButtonProps extends Omit<ConfirmDialogProps, 'open' | 'onCancel' | 'onConfirm'> {
  /** The button that opens the dialog. */
  label: ReactNode;
  /** Runs on confirm; the dialog closes when it resolves. */
  onConfirm(fields: Record<string, string>): Promise<void> | void;
  disabled?: boolean;
  /** Class of the opening button (default: a plain button, red when destructive). */
  buttonClassName?: string;
}

/** A button that asks first: opens a ConfirmDialog and runs `onConfirm` once confirmed. */
export function ConfirmButton({ label, onConfirm, disabled = false, buttonClassName, destructive, ...dialog }: ConfirmButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={buttonClassName ?? (destructive ? 'button button-danger-outline' : 'button')} onClick={() => setOpen(true)} disabled={disabled}>
        {label}
      </button>
      <ConfirmDialog
        {...dialog}
        destructive={destructive}
        open={open}
        onCancel={() => setOpen(false)}
        onConfirm={async (fields) => {
          await onConfirm(fields);
          setOpen(false);
        }}
      />
    </>
  );
}
