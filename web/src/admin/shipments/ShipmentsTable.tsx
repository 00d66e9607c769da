/**
 * Shipments as a table (and the map's text alternative): tracking number with the carrier's page,
 * status, attention, where it is and where it goes, the ETA, the order, the label PDF.
 */
import { Link } from 'react-router-dom';
import type { ShipmentListItem } from '../../api/index.js';
import { formatDay, formatMoment, placeOf } from '../../shared/format.js';
import { carrierLabel } from './shipment-filters.js';
import { DataTable, StatusPill } from '../ui/index.js';

export function ShipmentsTable({ shipments, caption, empty }: { shipments: readonly ShipmentListItem[]; caption: string; empty: string }) {
  return (
    <DataTable<ShipmentListItem>
      caption={caption}
      rows={shipments}
      rowKey={(s) => s.id}
      rowProps={(s) => ({ 'data-testid': `shipment-row-${s.id}` })}
      empty={empty}
      columns={[
        {
          key: 'tracking',
          header: 'Tracking number',
          rowHeader: true,
          cell: (s) => (
            <>
              {s.tracking_number === null ? (
                <span className="muted">No label yet</span>
              ) : s.tracking_url ? (
                <a href={s.tracking_url} target="_blank" rel="noreferrer">
                  {s.tracking_number}
                  <span className="visually-hidden"> (the carrier’s tracking page)</span>
                </a>
              ) : (
                s.tracking_number
              )}
              <span className="ops-sub">
                {carrierLabel(s.carrier)} · {s.service}
              </span>
            </>
          ),
        },
        {
          key: 'status',
          header: 'Status',
          cell: (s) => (
            <>
              <StatusPill status={s.status} />
              {s.attention ? (
                <span className="ops-sub">
                  <StatusPill status="attention" label={`Needs attention: ${s.attention.reason.replaceAll('_', ' ')}`} tone="danger" />
                </span>
              ) : null}
            </>
          ),
        },
        {
          key: 'where',
          header: 'Last scan',
          cell: (s) =>
            s.current_position ? (
              <>
                {placeOf({ city: s.current_position.city, region: null, country: s.current_position.country })}
                <span className="ops-sub">{formatMoment(s.current_position.at)}</span>
              </>
            ) : (
              '—'
            ),
        },
        {
          key: 'to',
          header: 'Destination',
          cell: (s) => (
            <>
              {placeOf(s.destination)}
              <span className="ops-sub">from {s.warehouse}</span>
            </>
          ),
        },
        { key: 'eta', header: 'Estimated delivery', cell: (s) => (s.delivered_at ? `Delivered ${formatDay(s.delivered_at)}` : s.estimated_delivery ? formatDay(s.estimated_delivery) : '—') },
        {
          key: 'order',
          header: 'Order',
          cell: (s) => (
            <Link to={`/admin/orders/${s.order_id}`}>
              {s.kind === 'return' ? `Return of ${s.order_number}` : s.order_number}
            </Link>
          ),
        },
        {
          key: 'label',
          header: 'Label',
          cell: (s) =>
            s.label_url ? (
              <a href={s.label_url} target="_blank" rel="noreferrer">
                PDF<span className="visually-hidden"> label of {s.tracking_number ?? s.id}</span>
              </a>
            ) : (
              '—'
            ),
        },
      ]}
    />
  );
}
