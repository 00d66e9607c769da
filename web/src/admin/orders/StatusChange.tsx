/**
 * Moving an order along its lifecycle by hand (POST /orders/{id}/status): the moves the lifecycle
 * offers from where it is, a note, and a confirmation. A refused move (409 invalid_transition:
 * someone else moved it meanwhile) shows where the server says it may go now.
 */
import { useState, type FormEvent } from 'react';
import { api, ApiError, type AdminOrder, type AdminOrderStatus } from '../../api/index.js';
import { statusLabel } from '../../shared/format.js';
import { ConfirmDialog, SelectField, TextAreaField } from '../ui/index.js';
import { manualMoves } from './order-statuses.js';

/** The problem's `allowed` list, when the server sent one (ApiError keeps only the common fields). */
function refusal(status: number, body: unknown): ApiError {
  const problem = (body ?? {}) as { detail?: string; code?: string; allowed?: unknown };
  const allowed = Array.isArray(problem.allowed) ? problem.allowed.filter((s): s is string => typeof s === 'string') : null;
  const where = allowed === null ? '' : allowed.length === 0 ? ' It cannot be moved by hand from where it is now.' : ` From where it is now it may move to: ${allowed.map(statusLabel).join(', ')}.`;
  return new ApiError(status, { ...problem, detail: `${problem.detail ?? `The server answered ${status}`}.${where}`.replace('..', '.') });
}

export async function changeStatus(order: AdminOrder, status: AdminOrderStatus, note: string): Promise<void> {
  let answer;
  try {
    answer = await api.staffApi.POST('/api/v1/orders/{id}/status', { params: { path: { id: order.id } }, body: { status, ...(note.trim() ? { note: note.trim() } : {}) } });
  } catch {
    throw new ApiError(0, { code: 'network_error', detail: 'Could not reach the server. Check your connection and try again.' });
  }
  if (!answer.response.ok) throw refusal(answer.response.status, answer.error);
}

export function StatusChange({ order, onDone }: { order: AdminOrder; onDone(message: string): void }) {
  const moves = manualMoves(order.status);
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
