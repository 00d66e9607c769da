/**
 * What the return refunds and why: the policy's quote (items, their tax, the original shipping when
 * it was the shop's fault, less a restocking fee and the return label when the customer pays them),
 * quoted from the requested lines until the parcel is received and from what arrived after; what
 * the provider confirmed so far; and each refund.
 */
import type { AdminReturn } from '../../api/index.js';
import { formatMoment, formatMoney } from '../../shared/format.js';
import { DataTable, Facts, Section, StatusPill } from '../ui/index.js';

export function RefundQuote({ ret }: { ret: AdminReturn }) {
  const money = (minor: number) => formatMoney(minor, ret.currency);
  const b = ret.refund_breakdown;
  const rows: Array<{ name: string; amount: number; minus?: boolean; total?: boolean }> = [
    { name: 'Items', amount: b.items },
    { name: 'Tax on them', amount: b.tax },
    { name: 'Original shipping', amount: b.shipping },
    { name: 'Restocking fee', amount: b.restocking_fee, minus: true },
    { name: 'Return label', amount: b.return_label, minus: true },
    { name: 'Refund', amount: b.total, total: true },
  ];
  return (
    <Section title="Refund" testId="refund-quote">
      <p className="muted">{ret.received_at ? 'Quoted from what arrived.' : 'Quoted from the lines asked back; quoted again from what arrives.'}</p>
      <DataTable
        caption="Refund quote"
        captionHidden
        rows={rows}
        rowKey={(r) => r.name}
        columns={[
          { key: 'name', header: 'Part', rowHeader: true, cell: (r) => (r.total ? <strong>{r.name}</strong> : r.name) },
          { key: 'amount', header: 'Amount', align: 'end', cell: (r) => (r.total ? <strong>{money(r.amount)}</strong> : r.minus && r.amount > 0 ? `− ${money(r.amount)}` : money(r.amount)) },
        ]}
      />
      <Facts
        items={[
          ['Quoted refund', money(ret.refund_amount)],
          ['Refunded (confirmed)', money(ret.refunded_amount)],
        ]}
      />
      {ret.refunds.length > 0 ? (
        <ul className="plain-list">
          {ret.refunds.map((r) => (
            <li key={r.id}>
              {money(r.amount)} <StatusPill status={r.status} /> <span className="muted">{formatMoment(r.created_at)}</span>
              {r.failure_message ? <span className="field-error"> — {r.failure_message}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}
