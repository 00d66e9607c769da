/**
 * What was ordered: each line with what became of its units (shipped, cancelled, returned, waiting
 * for stock and when it is expected), then the totals. A list rather than a table: it reads the
 * same on a phone.
 */
import type { PortalOrder, PortalOrderLine } from '../../api/index.js';
import { formatDay, formatMoney } from '../../shared/format.js';

function lineNotes(line: PortalOrderLine): string[] {
  const notes: string[] = [];
  if (line.quantity_shipped > 0) notes.push(`${line.quantity_shipped} shipped`);
  if (line.quantity_cancelled > 0) notes.push(`${line.quantity_cancelled} cancelled`);
  if (line.quantity_returned > 0) notes.push(`${line.quantity_returned} returned`);
  if (line.quantity_backordered > 0) {
    notes.push(line.backorder_expected_at ? `${line.quantity_backordered} on backorder, expected ${formatDay(line.backorder_expected_at)}` : `${line.quantity_backordered} on backorder`);
  }
  return notes;
}

export function OrderLines({ order }: { order: PortalOrder }) {
  const money = (minor: number) => formatMoney(minor, order.currency);
  return (
    <section className="card" aria-labelledby="items-heading">
      <h2 id="items-heading">Items</h2>
      <ul className="portal-lines" aria-labelledby="items-heading">
        {order.lines.map((line, index) => {
          const notes = lineNotes(line);
          return (
            <li key={`${line.sku}:${index}`} className="portal-line">
              <div className="portal-line-main">
                <span className="portal-line-name">{line.name}</span>
                <span className="portal-line-total">{money(line.unit_price * line.quantity)}</span>
              </div>
              <p className="muted portal-line-detail">
                {line.quantity} × {money(line.unit_price)} · SKU {line.sku}
              </p>
              {notes.length > 0 ? <p className="portal-line-notes">{notes.join(' · ')}</p> : null}
            </li>
          );
        })}
      </ul>
      <dl className="portal-totals">
        <div>
          <dt>Subtotal</dt>
          <dd>{money(order.subtotal)}</dd>
        </div>
        <div>
          <dt>Shipping</dt>
          <dd>{money(order.shipping_total)}</dd>
        </div>
        <div>
          <dt>Tax</dt>
          <dd>{money(order.tax_total)}</dd>
        </div>
        <div className="portal-totals-total">
          <dt>Total</dt>
          <dd>{money(order.total)}</dd>
        </div>
      </dl>
    </section>
  );
}

export function ShippingAddress({ address }: { address: PortalOrder['shipping_address'] }) {
  const cityLine = [address.postal_code, address.city, address.region].filter(Boolean).join(' ');
  return (
    <section className="card" aria-labelledby="address-heading">
      <h2 id="address-heading">Delivery address</h2>
      <address className="portal-address">
        {address.name}
        <br />
        {address.line1}
        {address.line2 ? (
          <>
            <br />
            {address.line2}
          </>
        ) : null}
        <br />
        {cityLine}
        <br />
        {address.country}
      </address>
    </section>
  );
}
