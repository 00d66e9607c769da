/**
 * FedEx cancel (`PUT /ship/v1/shipments/cancel`): the request that voids every package of a
 * shipment by its master tracking number, and FedEx's verdict (`output.cancelledShipment`). Pure.
 */
import type { VoidRequest, VoidResult } from '../carrier.js';

export function buildCancelRequest(request: VoidRequest, accountNumber: string): Record<string, unknown> {
  return { accountNumber: { value: accountNumber }, trackingNumber: request.trackingNumber, deletionControl: 'DELETE_ALL_PACKAGES' };
}

type Json = Record<string, any>;

/** A 2xx answer: FedEx says no (`cancelledShipment: false`) with an alert or message as its reason. */
export function parseCancelReply(body: unknown): VoidResult {
  const output: Json | undefined = (body as Json)?.output;
  if (output?.cancelledShipment === true) return { ok: true };
  const alert: Json | undefined = Array.isArray(output?.alerts) ? output.alerts.find((a: unknown) => typeof a === 'object' && a !== null) : undefined;
  const message = [alert?.message, output?.message, output?.successMessage].find((m) => typeof m === 'string' && m !== '');
  return { ok: false, code: typeof alert?.code === 'string' ? alert.code : 'CANCEL.REFUSED', message: message ?? 'FedEx did not cancel the shipment' };
}
