/**
 * One shipment of the order: carrier, tracking (the carrier's page), the label PDF, where it is,
 * when it is due, its attention, its latest scans; and the operator's actions on it: ask the
 * carrier now (POST /shipments/{id}/refresh) and record a scan by hand.
 */
import { useState } from 'react';
import { api, call, type AdminShipment } from '../../api/index.js';
import { FormError } from '../../shared/forms.js';
import { formatDay, formatMoment, formatMoney, placeOf, statusLabel } from '../../shared/format.js';
import { Facts, StatusPill, useAction } from '../ui/index.js';
import { attentionText } from './attention.js';
import { ManualScanForm } from './ManualScanForm.js';

const SCANS_SHOWN = 5;

export function labelPath(shipment: { id: string }): string {
  return `/api/v1/shipments/${encodeURIComponent(shipment.id)}/label.pdf`;
}

/** The tracking number, as a link to the carrier's own tracking page when there is one. */
function TrackingLink({ shipment }: { shipment: AdminShipment }) {
  if (shipment.tracking_number === null) return <>—</>;
  if (shipment.tracking_url === null) return <>{shipment.tracking_number}</>;
  return (
    <a href={shipment.tracking_url} target="_blank" rel="noreferrer">
      {shipment.tracking_number}
      <span className="visually-hidden"> (the carrier’s tracking page)</span>
    </a>
  );
}

export function ShipmentCard({ shipment, title, canWrite, onDone }: { shipment: AdminShipment; title: string; canWrite: boolean; onDone(message: string): void }) {
  const refreshing = useAction();
  const [scanning, setScanning] = useState(false);
  const tracked = shipment.label_state === 'purchased' && shipment.tracking_number !== null;
  const events = [...shipment.events].sort((a, b) => b.occurred_at.localeCompare(a.occurred_at)).slice(0, SCANS_SHOWN);

  function refresh() {
    return refreshing.run(async () => {
      const after = await call(api.staffApi.POST('/api/v1/shipments/{id}/refresh', { params: { path: { id: shipment.id } } }));
      onDone(`Asked ${shipment.carrier} about ${shipment.tracking_number}: ${statusLabel(after.status).toLowerCase()}.`);
    });
  }

  return (
    <article className="shipment-card" aria-labelledby={`shipment-${shipment.id}`} data-testid="admin-shipment">
      <div className="section-head">
        <h3 id={`shipment-${shipment.id}`}>{title}</h3>
        <StatusPill status={shipment.status} />
      </div>
      {shipment.attention ? (
        <p className="attention-inline">
          <strong>Needs attention:</strong> {attentionText(shipment.attention)} since {formatMoment(shipment.attention.since)}
        </p>
      ) : null}
      <Facts
        items={[
          ['Carrier', `${shipment.carrier} · ${shipment.service}`],
          ['Tracking', <TrackingLink shipment={shipment} />],
          [
            'Label',
            shipment.label_state === 'purchased' ? (
              <a href={labelPath(shipment)} target="_blank" rel="noreferrer">
                Label PDF<span className="visually-hidden"> for {shipment.tracking_number ?? shipment.id}</span>
              </a>
            ) : (
              <>
                {statusLabel(shipment.label_state)}
                {shipment.label_error ? <span className="field-error"> — {shipment.label_error}</span> : null}
              </>
            ),
          ],
          ['From', shipment.warehouse],
          ['Contents', shipment.lines.map((l) => `${l.quantity} × ${l.sku}`).join(', ') || '—'],
          ['Estimated delivery', shipment.estimated_delivery ? formatDay(shipment.estimated_delivery) : '—'],
          shipment.shipped_at ? ['Shipped', formatMoment(shipment.shipped_at)] : null,
          shipment.delivered_at ? ['Delivered', `${formatMoment(shipment.delivered_at)}${shipment.signed_by ? `, signed by ${shipment.signed_by}` : ''}`] : null,
          shipment.amount !== null && shipment.currency ? ['Label cost', formatMoney(shipment.amount, shipment.currency)] : null,
        ]}
      />
      {events.length > 0 ? (
        <>
          <h4>Latest scans</h4>
          <ol className="scan-list" aria-label={`Latest scans of ${shipment.tracking_number ?? shipment.id}`}>
            {events.map((e) => (
              <li key={e.id}>
                <time dateTime={e.occurred_at}>{formatMoment(e.occurred_at)}</time> <strong>{statusLabel(e.status)}</strong> {e.description}
                {e.location ? <span className="muted"> · {placeOf(e.location)}</span> : null}
                {e.source === 'manual' ? <span className="muted"> · recorded by hand</span> : null}
              </li>
            ))}
          </ol>
        </>
      ) : null}
      {canWrite && tracked ? (
        <>
          <FormError error={refreshing.error} />
          <div className="button-row">
            <button type="button" className="button" onClick={() => void refresh()} disabled={refreshing.pending}>
              {refreshing.pending ? 'Asking the carrier…' : 'Refresh from carrier'}
            </button>
            <button type="button" className="button" aria-expanded={scanning} onClick={() => setScanning((s) => !s)}>
              {scanning ? 'Close the scan form' : 'Record a scan'}
            </button>
          </div>
          {scanning ? (
            <ManualScanForm
              shipment={shipment}
              onDone={(message) => {
                setScanning(false);
                onDone(message);
              }}
            />
          ) : null}
        </>
      ) : null}
    </article>
  );
}
