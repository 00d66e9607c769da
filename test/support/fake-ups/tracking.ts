/** `GET /api/track/v1/details/{inquiryNumber}`: known numbers' packages; unknown ones as UPS answers them. */
import { upsError, type FakeUpsState, type Reply } from './state.js';

export function track(state: FakeUpsState, inquiryNumber: string, headers: Record<string, string | string[] | undefined>): Reply {
  if (!headers.transid) return upsError(400, 'VSS002', 'Missing transId.');
  if (!headers.transactionsrc) return upsError(400, 'VSS004', 'Missing transactionSrc.');
  if (inquiryNumber.length < 7 || inquiryNumber.length > 34) return upsError(400, 'TV1002', 'Invalid inquiry number');
  const pkg = state.tracking.get(inquiryNumber.toUpperCase());
  if (!pkg) {
    if (state.options.notFoundAs404) return upsError(404, 'TW0001', 'Tracking Information Not Found');
    return { status: 200, body: { trackResponse: { shipment: [{ inquiryNumber, warnings: [{ code: 'TW0001', message: 'Tracking Information Not Found' }] }] } } };
  }
  return { status: 200, body: { trackResponse: { shipment: [{ inquiryNumber, package: [pkg] }] } } };
}
