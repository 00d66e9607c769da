/**
 * One return as its customer sees it: the order it belongs to, its status and what happens next,
 * the lines and their reasons, the refund to expect, the label to print once approved, and the
 * return parcel's tracking.
 */
import { Link } from 'react-router-dom';
import type { PortalReturn, ReturnPolicy } from '../../api/index.js';
import { formatDay, formatMoney, statusLabel } from '../../shared/format.js';
import { StatusPill } from '../../track/StatusPill.js';
import { reasonLabel, returnNextStep, returnStatusText } from '../return-words.js';
import { carrierLabel } from '../shipment-words.js';
import { TrackingNumber } from '../../shared/TrackingNumber.js';

export function ReturnCard({ record, policy, fresh }: { record: PortalReturn; policy: ReturnPolicy | null; fresh: boolean }) {
  const heading = `return-${record.id}`;
  const money = (minor: number) => formatMoney(minor, record.currency);
  const shipment = record.shipment;
  return (
    <li className={fresh ? 'card portal-return-card portal-return-card-fresh' : 'card portal-return-card'}>
      <section aria-labelledby={heading} data-testid="return">
        <h2 id={heading}>Return for order {record.order_number}</h2>
        <p className="portal-summary-line">
          <StatusPill subject="Return status" text={returnStatusText(record.status)} />
          <span>Asked for {formatDay(record.created_at)}</span>
          <Link to={`/account/orders/${record.order_id}`}>
            See order {record.order_number}
          </Link>
        </p>
        <p>{returnNextStep(record.status, record.label_url !== null)}</p>
        {record.status === 'rejected' && record.rejection_reason ? <p>Why: {record.rejection_reason}</p> : null}

        <h3 id={`${heading}-items`}>Items</h3>
        <ul className="portal-list" aria-labelledby={`${heading}-items`}>
          {record.lines.map((line, index) => (
            <li key={`${line.sku}:${index}`}>
              {line.quantity} × {line.name} — {reasonLabel(policy, line.reason)}
              {line.exchange_sku ? (line.exchange_sku === line.sku ? ' (exchange for the same item)' : ` (exchange for ${line.exchange_sku})`) : ''}
              {line.quantity_received > 0 ? ` · ${line.quantity_received} received` : ''}
            </li>
          ))}
        </ul>

        {record.status !== 'rejected' ? (
          <p className="portal-refund">
            {record.refunded_amount > 0 ? (
              <>
                Refunded: <strong>{money(record.refunded_amount)}</strong>
                {record.refunded_amount < record.refund_amount ? ` of ${money(record.refund_amount)}` : ''}
              </>
            ) : (
              <>
                Refund to expect: <strong>{money(record.refund_amount)}</strong>
              </>
            )}
            {record.refund_breakdown.restocking_fee > 0 || record.refund_breakdown.return_label > 0 ? (
              <span className="muted">
                {' '}
                (after {[record.refund_breakdown.restocking_fee > 0 ? `a restocking fee of ${money(record.refund_breakdown.restocking_fee)}` : null, record.refund_breakdown.return_label > 0 ? `the label's ${money(record.refund_breakdown.return_label)}` : null].filter(Boolean).join(' and ')})
              </span>
            ) : null}
          </p>
        ) : null}

        {record.label_url ? (
          <p>
            <a href={record.label_url} className="button" type="application/pdf">
              Print the return label (PDF)
            </a>
          </p>
        ) : null}
        {shipment && shipment.tracking_number ? (
          <p className="muted">
            Return parcel: {carrierLabel(shipment.carrier)} · {statusLabel(shipment.status)} ·{' '}
            <TrackingNumber number={shipment.tracking_number} url={shipment.tracking_url} />
          </p>
        ) : null}
      </section>
    </li>
  );
}
