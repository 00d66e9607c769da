/**
 * One parcel of the order (outbound or return): the carrier and service, the tracking number on
 * the carrier's own site, the ETA, the progress bar and the scans. A region named by its heading.
 */
import { formatDay, formatMoment } from '../../shared/format.js';
import { EventList } from '../../track/EventList.js';
import { progressOf } from '../../track/progress.js';
import { StatusProgress } from '../../track/StatusProgress.js';
import { serviceLabel } from '../shipment-words.js';
import type { Parcel } from './parcels.js';
import { TrackingNumber } from '../../shared/TrackingNumber.js';

export function ParcelCard({ parcel, index }: { parcel: Parcel; index: number }) {
  const { shipment, heading } = parcel;
  const id = `parcel-${index}`;
  const progress = progressOf(shipment.status, shipment.events.map((e) => e.status), shipment.incident_reason);
  return (
    <section className="card shipment portal-parcel" aria-labelledby={id} data-testid="shipment">
      <h3 id={id}>{heading}</h3>
      <p className="muted">
        {shipment.carrier_name} · {serviceLabel(shipment.service)}
        {shipment.tracking_number ? (
          <>
            {' · '}
            <TrackingNumber number={shipment.tracking_number} url={shipment.tracking_url} className="portal-tracking-number" />
          </>
        ) : null}
      </p>
      <StatusProgress progress={progress} labelledBy={id} />
      {shipment.status !== 'delivered' && shipment.estimated_delivery ? <p data-testid="eta">Estimated delivery {formatDay(shipment.estimated_delivery)}</p> : null}
      {shipment.delivered_at ? <p>Delivered {formatMoment(shipment.delivered_at)}</p> : null}
      <h4 id={`${id}-updates`}>Updates</h4>
      <EventList events={parcel.scans} labelledBy={`${id}-updates`} />
    </section>
  );
}
