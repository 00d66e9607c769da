/**
 * The return lifecycle as data (API.md): requested → approved | rejected → in_transit → received →
 * refunded → closed. A return may be received without a scan (dropped at the counter), and closes
 * straight from received when nothing is to be refunded (an exchange, or staff decide so). It is
 * `refunded` once the refund is asked of the provider and `closed` once the provider confirmed it.
 */
export const returnStatuses = ['requested', 'approved', 'rejected', 'in_transit', 'received', 'refunded', 'closed'] as const;
export type ReturnStatus = (typeof returnStatuses)[number];

export const initialReturnStatus: ReturnStatus = 'requested';
export const terminalReturnStatuses: readonly ReturnStatus[] = ['rejected', 'closed'];
/** Returns the shop still has to act on (decide, wait for, receive): the admin dashboard counts them. */
export const openReturnStatuses: readonly ReturnStatus[] = ['requested', 'approved', 'in_transit', 'received'];

export const returnTransitions: Readonly<Record<ReturnStatus, readonly ReturnStatus[]>> = {
  requested: ['approved', 'rejected'],
  approved: ['in_transit', 'received'],
  in_transit: ['received'],
  received: ['refunded', 'closed'],
  refunded: ['closed'],
  rejected: [],
  closed: [],
};

export function canMoveReturn(from: ReturnStatus, to: ReturnStatus): boolean {
  return returnTransitions[from].includes(to);
}

/** Returns that still hold their units against "delivered minus already returned". */
export function holdsUnits(status: ReturnStatus): boolean {
  return status !== 'rejected';
}
