/** The order's parcels, outbound and return, and buying a label for what is still waiting to ship. */
import type { AdminOrder, AdminShipment } from '../../api/index.js';
import { Section } from '../ui/index.js';
import { BuyLabel } from './BuyLabel.js';
import { ShipmentCard } from './ShipmentCard.js';

/** Statuses in which a label can still be bought for waiting units. */
const shippable: ReadonlySet<string> = new Set(['placed', 'processing', 'ready_to_ship', 'partially_shipped']);

function waitingUnits(order: AdminOrder, shipments: readonly AdminShipment[]): number {
  const open = order.lines.reduce((n, l) => n + l.quantity - l.quantity_shipped - l.quantity_cancelled - l.quantity_backordered, 0);
  const labelled = shipments
    .filter((s) => s.kind === 'outbound' && s.shipped_at === null && (s.label_state === 'purchased' || s.label_state === 'purchasing'))
    .reduce((n, s) => n + s.lines.reduce((m, l) => m + l.quantity, 0), 0);
  return Math.max(0, open - labelled);
}

export function ShipmentsSection({ order, shipments, canWrite, onDone }: { order: AdminOrder; shipments: readonly AdminShipment[]; canWrite: boolean; onDone(message: string): void }) {
  const outbound = shipments.filter((s) => s.kind === 'outbound');
  const back = shipments.filter((s) => s.kind === 'return');
  const waiting = waitingUnits(order, shipments);
  const titleOf = (s: AdminShipment, i: number, list: readonly AdminShipment[], kind: string) => `${kind}${list.length > 1 ? ` ${i + 1} of ${list.length}` : ''}: ${s.tracking_number ?? 'no tracking number yet'}`;
  return (
    <Section title="Shipments" testId="order-shipments">
      {shipments.length === 0 ? <p className="muted">No shipment yet.</p> : null}
      {outbound.map((s, i) => (
        <ShipmentCard key={s.id} shipment={s} title={titleOf(s, i, outbound, 'Parcel')} canWrite={canWrite} onDone={onDone} />
      ))}
      {back.map((s, i) => (
        <ShipmentCard key={s.id} shipment={s} title={titleOf(s, i, back, 'Return parcel')} canWrite={canWrite} onDone={onDone} />
      ))}
      {canWrite && shippable.has(order.status) && waiting > 0 ? (
        <>
          <h3>Labels</h3>
          <p className="muted">
            {waiting} {waiting === 1 ? 'unit is' : 'units are'} waiting for a label. The worker buys labels itself; buy one here to ship now or with another carrier.
          </p>
          <BuyLabel order={order} onDone={onDone} />
        </>
      ) : null}
    </Section>
  );
}
