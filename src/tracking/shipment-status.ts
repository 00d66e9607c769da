/**
 * The shipment lifecycle as data, and how tracking events move a shipment along it. Events are
 * applied in the order of their own timestamps; an event older than the newest one already applied
 * never moves the shipment (a late event never moves it backwards), an `unknown` event never moves
 * it (it is kept, not guessed at), and the terminal states stay where they are. Pure.
 */
import type { IncidentReason, PackageProgress, ShipmentStatus } from '../shipping/index.js';
import { shipmentStatuses } from '../shipping/index.js';

const moving: readonly ShipmentStatus[] = ['in_transit', 'out_for_delivery', 'delivered', 'available_for_pickup', 'failed_attempt', 'exception', 'returned_to_sender'];

export const shipmentTransitions: Readonly<Record<ShipmentStatus, readonly ShipmentStatus[]>> = {
  label_created: [...moving, 'cancelled'],
  in_transit: moving.filter((s) => s !== 'in_transit'),
  out_for_delivery: moving.filter((s) => s !== 'out_for_delivery'),
  available_for_pickup: moving.filter((s) => s !== 'available_for_pickup'),
  failed_attempt: moving.filter((s) => s !== 'failed_attempt'),
  exception: moving.filter((s) => s !== 'exception'),
  delivered: [],
  returned_to_sender: [],
  cancelled: [],
  // A shipment is never put in `unknown` (unknown events do not move it); it may leave it if a
  // future carrier integration does.
  unknown: [...moving, 'cancelled'],
};

export { terminalShipmentStatuses } from '../shipping/shipment-terminal.js';
import { terminalShipmentStatuses } from '../shipping/shipment-terminal.js';

/** Statuses that mean the parcel has left the warehouse (the first of them ships the order). */
export const leftWarehouseStatuses: readonly ShipmentStatus[] = moving;

export function canMoveShipment(from: ShipmentStatus, to: ShipmentStatus): boolean {
  return shipmentTransitions[from].includes(to);
}

export function isTerminalShipment(status: ShipmentStatus): boolean {
  return terminalShipmentStatuses.includes(status);
}

export interface ProgressEvent {
  status: ShipmentStatus;
  reason: IncidentReason | null;
  occurredAt: string;
  signedBy?: string | null;
  proofOfDelivery?: string | null;
}

/** A shipment's (or one package's) tracking progress; shipping stores it with each package. */
export type ShipmentProgress = PackageProgress;

const incidentStatuses: readonly ShipmentStatus[] = ['exception', 'failed_attempt', 'returned_to_sender'];

/** The shipment after new events (any order; they are sorted here by their own timestamps). */
export function applyEvents(current: ShipmentProgress, events: readonly ProgressEvent[]): ShipmentProgress {
  const next = { ...current };
  const sorted = [...events].sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
  for (const event of sorted) {
    if (leftWarehouseStatuses.includes(event.status) && (next.shippedAt === null || event.occurredAt < next.shippedAt)) next.shippedAt = event.occurredAt;
    if (incidentStatuses.includes(event.status)) next.hadIncident = true;
    const late = next.lastEventAt !== null && event.occurredAt < next.lastEventAt;
    if (!late) next.lastEventAt = event.occurredAt;
    if (late || event.status === 'unknown' || !canMoveShipment(next.status, event.status)) continue;
    next.status = event.status;
    next.reason = event.reason;
    if (event.status === 'delivered') {
      next.deliveredAt = event.occurredAt;
      next.signedBy = event.signedBy ?? next.signedBy;
      next.proofOfDelivery = event.proofOfDelivery ?? next.proofOfDelivery;
    }
  }
  return next;
}

export { shipmentStatuses };

const incidentSeverity: readonly ShipmentStatus[] = ['returned_to_sender', 'exception', 'failed_attempt'];
const advance: readonly ShipmentStatus[] = ['label_created', 'unknown', 'in_transit', 'available_for_pickup', 'out_for_delivery'];

/**
 * A shipment of several packages from each package's progress: delivered when every package is,
 * an incident when any package has one (the worst first), else as far as its least advanced package.
 * Pure.
 */
export function aggregateProgress(all: readonly ShipmentProgress[]): ShipmentProgress {
  if (all.length === 1) return all[0]!;
  // A package not scanned yet travels with those that were: it holds back `delivered`, not the rest.
  const scanned = all.filter((p) => p.lastEventAt !== null);
  if (scanned.length === 0) return all[0]!;
  const packages = all.map((p) => (p.lastEventAt === null ? { ...p, status: 'in_transit' as const } : p));
  const statuses = packages.map((p) => p.status);
  const pick = (): ShipmentProgress => {
    if (statuses.every((s) => s === 'delivered')) return packages.reduce((a, b) => ((a.deliveredAt ?? '') >= (b.deliveredAt ?? '') ? a : b));
    if (statuses.every((s) => s === 'cancelled')) return packages[0]!;
    for (const s of incidentSeverity) {
      const hit = packages.find((p) => p.status === s);
      if (hit) return hit;
    }
    const open = packages.filter((p) => p.status !== 'delivered' && p.status !== 'cancelled');
    return open.reduce((a, b) => (advance.indexOf(b.status) < advance.indexOf(a.status) ? b : a));
  };
  const leader = pick();
  const times = (f: (p: ShipmentProgress) => string | null) => packages.map(f).filter((t): t is string => t !== null).sort();
  const allDelivered = leader.status === 'delivered';
  return {
    status: leader.status,
    reason: leader.reason,
    lastEventAt: times((p) => p.lastEventAt).at(-1) ?? null,
    shippedAt: times((p) => p.shippedAt)[0] ?? null,
    deliveredAt: allDelivered ? (times((p) => p.deliveredAt).at(-1) ?? null) : null,
    signedBy: packages.find((p) => p.signedBy !== null)?.signedBy ?? null,
    proofOfDelivery: packages.find((p) => p.proofOfDelivery !== null)?.proofOfDelivery ?? null,
    hadIncident: packages.some((p) => p.hadIncident),
  };
}
