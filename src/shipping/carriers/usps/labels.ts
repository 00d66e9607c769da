/**
 * Labels from USPS Domestic Labels 3.0: POST /labels/v3/label (one package per label: a
 * shipment of several parcels is several labels, the first one's number is the master) and
 * DELETE /labels/v3/label/{trackingNumber} to cancel (or, once manifested, to ask a refund).
 * Both carry the payment authorization token. Building and reading are pure; the rest calls.
 */
import type { CarrierAddress, LabelRequest, LabelResult, PackageLabel, Parcel, VoidRequest, VoidResult } from '../carrier.js';
import { CarrierError } from '../carrier.js';
import type { CarrierResponse } from '../carrier-http.js';
import { utcDate } from '../carrier-time.js';
import type { UspsSession } from './auth.js';
import { readUspsError, type UspsProblem } from './errors.js';
import { findBoundary, parseMultipart } from './multipart.js';
import { isDomestic, serviceByCode } from './services.js';
import { decimalToMinor, gramsToPounds, mmToInches, splitName, splitZip } from './units.js';

export function uspsAddress(address: CarrierAddress): Record<string, unknown> {
  const { firstName, lastName } = splitName(address.name);
  const { zip5, plus4 } = splitZip(address.postal_code);
  const out: Record<string, unknown> = {
    streetAddress: address.line1 ?? '',
    city: address.city,
    state: (address.region ?? '').toUpperCase(),
    ZIPCode: zip5,
    firstName,
    lastName,
  };
  if (address.line2) out.secondaryAddress = address.line2;
  if (plus4) out.ZIPPlus4 = plus4;
  if (address.company) out.firm = address.company;
  if (address.phone) out.phone = address.phone.replace(/[^0-9]/g, '').slice(-10);
  if (address.email) out.email = address.email;
  return out;
}

export function labelRequestBody(request: LabelRequest, parcel: Parcel, mailClass: string, packageNumber: number): Record<string, unknown> {
  const imageInfo: Record<string, unknown> = { imageType: 'PDF', labelType: '4X6LABEL', receiptOption: 'NONE' };
  if (request.parcels.length > 1) {
    // Printed as "1 of 3" so the parcels of one shipment are recognisable as one.
    imageInfo.packageNumber = packageNumber;
    imageInfo.totalPackages = request.parcels.length;
  }
  return {
    imageInfo,
    toAddress: uspsAddress(request.destination),
    fromAddress: uspsAddress(request.origin),
    packageDescription: {
      mailClass,
      rateIndicator: 'SP',
      weightUOM: 'lb',
      weight: gramsToPounds(parcel.weight_grams),
      dimensionsUOM: 'in',
      length: mmToInches(parcel.length_mm),
      width: mmToInches(parcel.width_mm),
      height: mmToInches(parcel.height_mm),
      processingCategory: 'MACHINABLE',
      mailingDate: utcDate(request.shipDate),
      destinationEntryFacilityType: 'NONE',
      customerReference: [{ referenceNumber: request.reference, printReferenceNumber: true }],
    },
  };
}

export interface ParsedLabel {
  trackingNumber: string;
  /** Postage plus the extra services and fees USPS itemises, in cents; null when unreadable. */
  amount: number | null;
  scheduledDeliveryDate: string | null;
  label: PackageLabel['label'];
}

function chargeOf(metadata: Record<string, unknown>): number | null {
  let total = decimalToMinor(metadata.postage);
  if (total === null) return null;
  for (const list of [metadata.extraServices, metadata.fees]) {
    if (!Array.isArray(list)) continue;
    for (const item of list as Record<string, unknown>[]) total += decimalToMinor(item?.price) ?? 0;
  }
  return total;
}

function commitmentDate(metadata: Record<string, unknown>): string | null {
  // An object in the label answer, a one-element list in some of USPS's examples.
  const raw = Array.isArray(metadata.commitment) ? metadata.commitment[0] : metadata.commitment;
  if (typeof raw !== 'object' || raw === null) return null;
  const c = raw as Record<string, unknown>;
  const date = typeof c.scheduleDeliveryDate === 'string' ? c.scheduleDeliveryDate : typeof c.expectedDeliveryDate === 'string' ? c.expectedDeliveryDate : null;
  return date !== null && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : null;
}

function fromParts(metadata: unknown, image: unknown, contentType: string | null): ParsedLabel | null {
  if (typeof metadata !== 'object' || metadata === null || typeof image !== 'string') return null;
  const m = metadata as Record<string, unknown>;
  if (typeof m.trackingNumber !== 'string' || m.trackingNumber === '') return null;
  const data = Buffer.from(image.replace(/\s+/g, ''), 'base64');
  if (data.length === 0) return null;
  return {
    trackingNumber: m.trackingNumber,
    amount: chargeOf(m),
    scheduledDeliveryDate: commitmentDate(m),
    label: { contentType: contentType ?? 'application/pdf', data },
  };
}

/**
 * The label answer: multipart (USPS's default) or JSON with the image embedded as Base64
 * (`application/vnd.usps.labels+json`, or `{labelMetadata, labelImage}`).
 */
export function readLabelResponse(response: Pick<CarrierResponse, 'headers' | 'body' | 'text'>): ParsedLabel | null {
  if (typeof response.body === 'object' && response.body !== null) {
    const b = response.body as Record<string, unknown>;
    return fromParts(b.labelMetadata ?? b, b.labelImage, 'application/pdf');
  }
  const contentType = response.headers.get('content-type');
  const boundary = findBoundary(contentType, response.text);
  if (boundary === null) return null;
  const parts = parseMultipart(response.text, boundary);
  const meta = parts.find((p) => p.name === 'labelMetadata') ?? parts.find((p) => p.contentType?.includes('json'));
  const image = parts.find((p) => p.name === 'labelImage') ?? parts.find((p) => p !== meta && p.name !== 'receiptImage');
  if (!meta || !image) return null;
  let metadata: unknown;
  try {
    metadata = JSON.parse(meta.body);
  } catch {
    return null;
  }
  const imageType = image.contentType && image.contentType !== 'application/octet-stream' ? image.contentType : 'application/pdf';
  return fromParts(metadata, image.body, imageType);
}

async function cancelOne(session: UspsSession, trackingNumber: string): Promise<UspsProblem | null> {
  const response = await session.send('void', `/labels/v3/label/${encodeURIComponent(trackingNumber)}`, { method: 'DELETE' }, { payment: true });
  if (response.status === 200) {
    const status = (response.body as Record<string, unknown> | null)?.status;
    // CANCELED: never manifested; DISPUTED: a refund request was filed. Both end the label.
    if (status === undefined || status === 'CANCELED' || status === 'DISPUTED') return null;
    return { code: String(status), message: `USPS answered status ${String(status)} for ${trackingNumber}` };
  }
  return readUspsError(response);
}

export async function voidUsps(session: UspsSession, request: VoidRequest): Promise<VoidResult> {
  const numbers = request.packageTrackingNumbers.length > 0 ? request.packageTrackingNumbers : [request.trackingNumber];
  let firstProblem: UspsProblem | null = null;
  // Every label is its own purchase: cancel them all even when one refuses.
  for (const number of numbers) {
    const problem = await cancelOne(session, number);
    firstProblem ??= problem;
  }
  return firstProblem === null ? { ok: true } : { ok: false, code: firstProblem.code, message: firstProblem.message };
}

async function cancelQuietly(session: UspsSession, bought: readonly ParsedLabel[]): Promise<void> {
  for (const label of bought) {
    try {
      await cancelOne(session, label.trackingNumber);
    } catch {
      // Best effort: the original failure is what the caller must hear about.
    }
  }
}

export async function buyUspsLabels(session: UspsSession, request: LabelRequest): Promise<LabelResult> {
  const service = serviceByCode(request.service);
  if (!service) return { ok: false, code: 'unknown_service', message: `USPS has no service "${request.service}"` };
  if (!isDomestic(request.origin.country) || !isDomestic(request.destination.country)) {
    return { ok: false, code: 'unsupported_destination', message: 'USPS services here are domestic only' };
  }
  if (request.parcels.length === 0) return { ok: false, code: 'no_parcels', message: 'nothing to ship' };
  const bought: ParsedLabel[] = [];
  try {
    for (const [i, parcel] of request.parcels.entries()) {
      const response = await session.send('label', '/labels/v3/label', { json: labelRequestBody(request, parcel, service.carrierCode, i + 1) }, { payment: true });
      if (response.status !== 200) {
        // Half a shipment is no shipment: give back the labels already bought.
        await cancelQuietly(session, bought);
        const problem = readUspsError(response);
        return { ok: false, code: problem.code, message: problem.message };
      }
      const parsed = readLabelResponse(response);
      if (parsed === null) throw new CarrierError('usps', 'label', false, 'USPS label answer has no readable metadata and image');
      bought.push(parsed);
    }
  } catch (error) {
    await cancelQuietly(session, bought);
    throw error;
  }
  const amounts = bought.map((b) => b.amount);
  return {
    ok: true,
    trackingNumber: bought[0]!.trackingNumber,
    packages: bought.map((b) => ({ trackingNumber: b.trackingNumber, label: b.label })),
    amount: amounts.every((a): a is number => a !== null) ? amounts.reduce((s, a) => s + a, 0) : null,
    currency: 'USD',
    carrierReference: null,
    estimatedDeliveryDate: bought[0]!.scheduledDeliveryDate,
  };
}
