/**
 * UPS Void Shipment (`DELETE /api/shipments/v2409/void/cancel/{ShipmentIdentificationNumber}`):
 * `VoidShipmentResponse.SummaryResult.Status{Code:"1", Description:"Voided"}` on success; a void UPS
 * refuses comes back as a 4xx UPS error body, e.g. 190102 "No shipment found within the allowed
 * void period". Pure.
 */
import type { VoidResult } from '../carrier.js';
import { readUpsError } from './errors.js';
import { record, str } from './shapes.js';

export function parseVoidResponse(status: number, body: unknown): VoidResult | null {
  if (status >= 400) {
    const error = readUpsError(body);
    return error ? { ok: false, code: error.code, message: error.message } : null;
  }
  const summary = record(record(record(record(body)?.VoidShipmentResponse)?.SummaryResult)?.Status);
  if (summary === null) return null;
  const code = str(summary.Code) ?? '';
  return code === '1' ? { ok: true } : { ok: false, code, message: str(summary.Description) ?? 'UPS did not void the shipment' };
}
