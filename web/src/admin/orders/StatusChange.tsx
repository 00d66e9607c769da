/**
 * Moving an order along its lifecycle by hand (POST /orders/{id}/status): the moves the server
 * says it accepts now (`next_statuses`; cancelling has its own action), a note, and a confirmation. A refused move (409 invalid_transition:
 * someone else moved it meanwhile) shows where the server says it may go now.
 */
import { useState, type FormEvent } from 'react';
import { api, ApiError, call, type AdminOrder, type AdminOrderStatus } from '../../api/index.js';
import { SelectField, TextAreaField } from '../../shared/fields.js';
import { statusLabel } from '../../shared/format.js';
import { ConfirmDialog } from '../ui/index.js';

/** A refused move in words, with where the order may go now when the server says (`allowed`). */
function withAllowedMoves(error: ApiError): ApiError {
  if (error.status === 0) return error;
  const { allowed } = error.problem;
  const moves = Array.isArray(allowed) ? allowed.filter((s): s is string => typeof s === 'string') : null;
  const where = moves === null ? '' : moves.length === 0 ? ' It cannot be moved by hand from where it is now.' : ` From where it is now it may move to: ${moves.map(statusLabel).join(', ')}.`;
  return new ApiError(error.status, { ...error.problem, detail: `${error.detail}.${where}`.replace('..', '.') });
}

export async function changeStatus(order: AdminOrder, status: AdminOrderStatus, note: string): Promise<void> {
  try {
    await call(api.staffApi.POST('/api/v1/orders/{id}/status', { params: { path: { id: order.id } }, body: { status, ...(note.trim() ? { note: note.trim() } : {}) } }));
  } catch (failure) {
    throw failure instanceof ApiError ? withAllowedMoves(failure) : failure;
  }
}

export function StatusChange({ order, onDone }: { order: AdminOrder; onDone(message: string): void }) {
  const moves = order.next_statuses.filter((s) => s !== 'cancelled');
  const [asking, setAsking] = useState<{ status: AdminOrderStatus; note: string } | null>(null);
  if (moves.length === 0) return <p className="muted">An order that is {statusLabel(order.status).toLowerCase()} cannot be moved by hand.</p>;

  function ask(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setAsking({ status: String(form.get('status')) as AdminOrderStatus, note: String(form.get('note') ?? '') });
  }

  return (
    <>
      <form className="inline-form" aria-label="Change the status" onSubmit={ask}>
        <SelectField label="Move to" name="status" options={moves.map((s) => ({ value: s, label: statusLabel(s) }))} />
        <TextAreaField label="Note (optional)" name="note" maxLength={1000} rows={2} />
        <div className="button-row">
          <button type="submit" className="button">
            Change status…
          </button>
        </div>
      </form>
      <ConfirmDialog
        open={asking !== null}
        title={`Move order ${order.number} to “${asking ? statusLabel(asking.status) : ''}”?`}
        confirmLabel="Change the status"
        onCancel={() => setAsking(null)}
        onConfirm={async () => {
          if (asking === null) return;
          await changeStatus(order, asking.status, asking.note);
          setAsking(null);
          onDone(`Order ${order.number} is now ${statusLabel(asking.status).toLowerCase()}.`);
        }}
      >
        <p>
          From “{statusLabel(order.status)}” to “{asking ? statusLabel(asking.status) : ''}”.
          {asking?.status === 'shipped' ? ' Every unit still open ships now: it leaves the stock.' : null}
          {asking?.status === 'returned' ? ' The order ends as returned.' : null}
        </p>
      </ConfirmDialog>
    </>
  );
}
