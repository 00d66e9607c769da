/**
 * The return form: the lines that can go back, a comment, one submit. Sent with an Idempotency-Key
 * (useIdempotentSend), so a double click or a retry after a lost answer makes one return; after a
 * refusal (422 with the policy `rule`) the next try is another request, with another key. The
 * server's messages show beside their fields and in the summary.
 */
import { useRef, useState, type FormEvent } from 'react';
import { api, ApiError, call, type PortalReturn, type ReturnPolicy } from '../../api/index.js';
import { TextAreaField } from '../../shared/fields.js';
import { SubmitButton } from '../../shared/forms.js';
import { useIdempotentSend } from '../../shared/useIdempotentSend.js';
import type { ReturnableLine } from '../returnable.js';
import { buildRequest, emptyChoice, problemsFromServer, type FormProblem, type LineChoice } from './return-form.js';
import { ReturnLineFields } from './ReturnLineFields.js';

const fieldNames: Record<string, string> = { quantity: 'How many', reason: 'Reason', exchange_sku: 'Exchange', lines: 'Items', comment: 'Comment' };

export function ReturnForm({ orderId, currency, lines, policy, onCreated }: { orderId: string; currency: string; lines: readonly ReturnableLine[]; policy: ReturnPolicy; onCreated(created: PortalReturn): void }) {
  const [choices, setChoices] = useState<Record<string, LineChoice>>({});
  const [comment, setComment] = useState('');
  const [problems, setProblems] = useState<FormProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const sendOnce = useIdempotentSend('ret');
  const sending = useRef(false);
  const summary = useRef<HTMLDivElement>(null);

  function show(found: FormProblem[], detail: string) {
    setProblems(found);
    setFailure(detail);
    // Where the eye and the screen reader go next: the summary lists what to fix.
    requestAnimationFrame(() => summary.current?.focus());
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (sending.current) return;
    const built = buildRequest(lines.map((l) => l.sku), choices, comment);
    if (built.problems.length > 0) return show(built.problems, 'Please check the items marked below.');
    sending.current = true;
    setPending(true);
    setProblems([]);
    setFailure(null);
    try {
      const created = await sendOnce((key) => call(api.portalApi.POST('/portal/orders/{id}/returns', { params: { path: { id: orderId } }, body: built.body, headers: { 'Idempotency-Key': key } })));
      onCreated(created);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      const found = problemsFromServer(error.fieldErrors, built.skus);
      // The server's detail repeats the field paths: with every message beside its line, the summary says where to look.
      show(found, found.length > 0 && found.every((p) => p.sku !== null) ? 'The shop cannot take the return as it is: please check what is marked below.' : error.detail);
    } finally {
      sending.current = false;
      setPending(false);
    }
  }

  const nameOf = (sku: string | null) => (sku === null ? null : (lines.find((l) => l.sku === sku)?.name ?? sku));
  return (
    <form className="form portal-return-form" onSubmit={onSubmit} noValidate id="return-form">
      {failure ? (
        <div className="form-error" role="alert" tabIndex={-1} ref={summary}>
          <p>{failure}</p>
          {problems.length > 0 ? (
            <ul>
              {problems.map((p, i) => (
                <li key={`${p.sku}:${p.field}:${i}`}>
                  {nameOf(p.sku) ? `${nameOf(p.sku)} — ` : ''}
                  {fieldNames[p.field] ?? p.field}: {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {lines.map((line) => (
        <ReturnLineFields
          key={line.sku}
          line={line}
          currency={currency}
          reasons={policy.reasons}
          choice={choices[line.sku] ?? emptyChoice}
          problems={problems}
          onChange={(choice) => setChoices((all) => ({ ...all, [line.sku]: choice }))}
        />
      ))}
      <TextAreaField
        label="Anything we should know? (optional)"
        name="comment"
        rows={3}
        maxLength={2000}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        message={problems.find((p) => p.sku === null && p.field === 'comment')?.message}
      />
      <SubmitButton pending={pending} busyLabel="Sending your request…">
        Ask for the return
      </SubmitButton>
    </form>
  );
}
