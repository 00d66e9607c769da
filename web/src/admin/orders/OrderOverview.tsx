/**
 * The top of the order page: whether it needs attention (and why, since when), who ordered and
 * where it goes, money and payment, and the customer's delivery feedback when there is some.
 */
import type { AdminOrder } from '../../api/index.js';
import { formatMoment, formatMoney, statusLabel } from '../../shared/format.js';
import { Facts, Section, StatusPill } from '../ui/index.js';
import { attentionText } from './attention.js';

export function AttentionBanner({ order }: { order: AdminOrder }) {
  if (order.attention === null) return null;
  return (
    <div className="attention-banner" data-testid="order-attention">
      <h2>Needs attention</h2>
      <p>
        <strong>{attentionText(order.attention)}</strong> since <time dateTime={order.attention.since}>{formatMoment(order.attention.since)}</time>.
      </p>
    </div>
  );
}

export function CustomerSection({ order }: { order: AdminOrder }) {
  const a = order.shipping_address;
  return (
    <Section title="Customer and delivery">
      <Facts
        items={[
          ['Customer', order.customer.name],
          ['Email', <a href={`mailto:${order.customer.email}`}>{order.customer.email}</a>],
          ['Phone', order.customer.phone ?? '—'],
          [
            'Ship to',
            <address className="address">
              {[a.name, a.line1, a.line2, [a.postal_code, a.city].filter(Boolean).join(' '), a.region, a.country].filter(Boolean).map((line, i) => (
                <span key={i}>
                  {line}
                  <br />
                </span>
              ))}
            </address>,
          ],
          ['Shipping', `${statusLabel(order.shipping.strategy)}${order.shipping.carrier ? ` · ${order.shipping.carrier}${order.shipping.service ? ` ${order.shipping.service}` : ''}` : ''}${order.shipping.deliver_by ? ` · by ${order.shipping.deliver_by}` : ''}`],
          ['Placed', formatMoment(order.created_at)],
          ['Last change', formatMoment(order.updated_at)],
        ]}
      />
    </Section>
  );
}

export function PaymentSection({ order }: { order: AdminOrder }) {
  const money = (minor: number) => formatMoney(minor, order.currency);
  return (
    <Section title="Money">
      <Facts
        items={[
          ['Subtotal', money(order.subtotal)],
          ['Shipping', money(order.shipping_total)],
          ['Tax', money(order.tax_total)],
          ['Total', <strong>{money(order.total)}</strong>],
          ['Payment', <StatusPill status={order.payment_status} />],
        ]}
      />
      {order.payments.length > 0 ? (
        <ul className="plain-list">
          {order.payments.map((p) => (
            <li key={p.id}>
              {p.provider} payment of {formatMoney(p.amount, p.currency)}: {statusLabel(p.status)}; captured {formatMoney(p.amount_captured, p.currency)}, refunded{' '}
              {formatMoney(p.amount_refunded, p.currency)}
              {p.failure_message ? <span className="field-error"> — {p.failure_message}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

/** The delivery rating the customer left, if any. */
export function FeedbackSection({ order }: { order: AdminOrder }) {
  const feedback = order.feedback;
  if (feedback === null) return null;
  return (
    <Section title="Delivery feedback">
      <p>
        <span className="rating" aria-hidden="true">
          {'★'.repeat(feedback.rating)}
          {'☆'.repeat(5 - feedback.rating)}
        </span>
        <span className="visually-hidden">{feedback.rating} of 5 stars</span>{' '}
        <span className="muted">{formatMoment(feedback.updated_at)}</span>
      </p>
      {feedback.comment ? <blockquote className="feedback-comment">{feedback.comment}</blockquote> : <p className="muted">No comment.</p>}
    </Section>
  );
}
