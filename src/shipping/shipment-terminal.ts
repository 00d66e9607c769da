import type { ShipmentStatus } from './carriers/tracking-vocabulary.js';

/** Statuses after which nothing more happens to a shipment: no polling, no attention. */
export const terminalShipmentStatuses: readonly ShipmentStatus[] = ['delivered', 'returned_to_sender', 'cancelled'];

export function isTerminalShipmentStatus(status: string): boolean {
  return (terminalShipmentStatuses as readonly string[]).includes(status);
}
