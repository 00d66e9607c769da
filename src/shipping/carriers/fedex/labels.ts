/**
 * FedEx Ship API (`POST /ship/v1/shipments`): the request for a LabelRequest (PDF labels on 4×6
 * paper, one request for every parcel: a multi-piece shipment with one master tracking number),
 * and the labels, numbers and charge in its answer (`output.transactionShipments[]`). Pure.
 */
import type { LabelRequest, PackageLabel } from '../carrier.js';
import { utcDate } from '../carrier-time.js';
import { isoCurrency, toMinorUnits } from './amounts.js';
import type { FedexProblem } from './errors.js';
import { serviceByCode } from './services.js';
import { fedexAddress, fedexContact, isResidential, packageLineItems } from './shipment-parts.js';

export function buildShipRequest(request: LabelRequest, accountNumber: string, serviceType: string): Record<string, unknown> {
  const lineItems = packageLineItems(request.parcels, request.origin).map((item, index) => ({
    sequenceNumber: index + 1,
    ...item,
    customerReferences: [{ customerReferenceType: 'CUSTOMER_REFERENCE', value: request.reference.slice(0, 40) }],
  }));
  return {
    labelResponseOptions: 'LABEL',
    accountNumber: { value: accountNumber },
    requestedShipment: {
      shipper: { contact: fedexContact(request.origin), address: fedexAddress(request.origin) },
      recipients: [{ contact: fedexContact(request.destination, request.origin.phone), address: fedexAddress(request.destination, isResidential(request.destination)) }],
      shipDatestamp: utcDate(request.shipDate),
      serviceType,
      packagingType: 'YOUR_PACKAGING',
      pickupType: 'DROPOFF_AT_FEDEX_LOCATION',
      shippingChargesPayment: { paymentType: 'SENDER' },
      labelSpecification: { imageType: 'PDF', labelStockType: 'PAPER_4X6' },
      rateRequestType: ['ACCOUNT'],
      totalPackageCount: lineItems.length,
      requestedPackageLineItems: lineItems,
    },
  };
}

/** The FedEx service type of a Waybill service code, or the problem to return for an unknown one. */
export function shipServiceType(service: string): string | FedexProblem {
  return serviceByCode(service)?.carrierCode ?? { code: 'SERVICE.UNKNOWN', message: `FedEx has no service "${service}" in Waybill` };
}

type Json = Record<string, any>;

const contentTypes: Readonly<Record<string, string>> = { PDF: 'application/pdf', PNG: 'image/png', ZPLII: 'application/zpl', EPL2: 'application/epl' };

export interface ParsedShipment {
  trackingNumber: string;
  packages: PackageLabel[];
  amount: number | null;
  currency: string | null;
  estimatedDeliveryDate: string | null;
}

/** What a parcel is missing when FedEx's answer lacks its label (the shipment exists regardless). */
export class IncompleteShipment extends Error {}

function charge(shipment: Json): { amount: number | null; currency: string | null } {
  const rating = shipment.completedShipmentDetail?.shipmentRating;
  const details: Json[] = Array.isArray(rating?.shipmentRateDetails) ? rating.shipmentRateDetails : [];
  const detail = details.find((d) => d.rateType === rating?.actualRateType) ?? details[0];
  if (!detail || typeof detail.currency !== 'string') return { amount: null, currency: null };
  const currency = isoCurrency(detail.currency);
  const amount = toMinorUnits(detail.totalNetCharge ?? detail.totalNetFedExCharge, currency);
  return amount === null ? { amount: null, currency: null } : { amount, currency };
}

function estimatedDay(shipment: Json): string | null {
  const candidates = [shipment.completedShipmentDetail?.operationalDetail?.deliveryDate, shipment.pieceResponses?.[0]?.deliveryTimestamp];
  const day = candidates.find((c) => typeof c === 'string' && /^\d{4}-\d{2}-\d{2}/.test(c));
  return typeof day === 'string' ? day.slice(0, 10) : null;
}

/** The shipment in a 2xx answer; throws IncompleteShipment when a parcel came back without a label. */
export function parseShipReply(body: unknown, parcelCount: number): ParsedShipment {
  const shipment: Json | undefined = (body as Json)?.output?.transactionShipments?.[0];
  const master = shipment?.masterTrackingNumber;
  if (!shipment || typeof master !== 'string' || master === '') throw new IncompleteShipment('no transaction shipment with a master tracking number');
  const pieces: Json[] = Array.isArray(shipment.pieceResponses) ? [...shipment.pieceResponses] : [];
  // Sequence numbers say which parcel a piece is; FedEx lists them in order but does not promise it.
  pieces.sort((a, b) => (Number(a.packageSequenceNumber) || 0) - (Number(b.packageSequenceNumber) || 0));
  const packages = pieces.map((piece): PackageLabel => {
    const trackingNumber = typeof piece.trackingNumber === 'string' && piece.trackingNumber !== '' ? piece.trackingNumber : master;
    const documents: Json[] = Array.isArray(piece.packageDocuments) ? piece.packageDocuments : [];
    const encoded = documents.filter((d) => typeof d.encodedLabel === 'string' && d.encodedLabel !== '');
    const label = encoded.find((d) => String(d.contentType ?? '').includes('LABEL')) ?? encoded[0];
    if (!label) throw new IncompleteShipment(`no label for package ${trackingNumber} of shipment ${master}`);
    const docType = typeof label.docType === 'string' ? label.docType.toUpperCase() : 'PDF';
    return { trackingNumber, label: { contentType: contentTypes[docType] ?? 'application/pdf', data: Buffer.from(label.encodedLabel, 'base64') } };
  });
  if (packages.length !== parcelCount) throw new IncompleteShipment(`shipment ${master} has ${packages.length} labels for ${parcelCount} parcels`);
  return { trackingNumber: master, packages, ...charge(shipment), estimatedDeliveryDate: estimatedDay(shipment) };
}
