/** The shipments page's filters and the API query they make. Pure. */
import type { ShipmentStatus } from '../../api/index.js';
import { statusLabel } from '../../shared/format.js';

export const SHIPMENT_FILTERS = ['status', 'carrier', 'attention', 'scope'] as const;
export type ShipmentFilterValues = Record<(typeof SHIPMENT_FILTERS)[number], string>;

export const shipmentStatuses: readonly ShipmentStatus[] = ['label_created', 'in_transit', 'out_for_delivery', 'available_for_pickup', 'failed_attempt', 'exception', 'delivered', 'returned_to_sender', 'cancelled', 'unknown'];

const carriers: Record<string, string> = { sim: 'Simulated carrier', ups: 'UPS', fedex: 'FedEx', dhl: 'DHL', usps: 'USPS' };

export function carrierLabel(carrier: string): string {
  return carriers[carrier] ?? carrier.toUpperCase();
}

export const carrierOptions = [{ value: '', label: 'Any carrier' }, ...Object.entries(carriers).map(([value, label]) => ({ value, label }))];
export const statusOptions = [{ value: '', label: 'Any status' }, ...shipmentStatuses.map((s) => ({ value: s, label: statusLabel(s) }))];
/** `scope`: '' = still under way (the default), 'all', 'finished' (delivered, cancelled, returned). */
export const scopeOptions = [
  { value: '', label: 'Under way' },
  { value: 'finished', label: 'Finished' },
  { value: 'all', label: 'All shipments' },
];

/** GET /shipments's query for the table. */
export function listQuery(f: ShipmentFilterValues) {
  return {
    ...(f.status ? { status: f.status as ShipmentStatus } : {}),
    ...(f.carrier ? { carrier: f.carrier } : {}),
    ...(f.attention === 'true' ? { attention: true } : {}),
    ...(f.scope === 'all' ? {} : { active: f.scope !== 'finished' }),
  };
}

/** GET /shipments's query for the map: the table's filters, but only shipments still under way. */
export function mapQuery(f: ShipmentFilterValues) {
  return { ...listQuery(f), active: true };
}
