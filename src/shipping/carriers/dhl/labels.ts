/**
 * MyDHL Express `POST /shipments`: the request for a PDF label per piece and the reading of the
 * answer (the shipment's AWB number, a piece number per package, the label documents). Pure.
 */
import type { CarrierAddress, LabelDocument, LabelRequest, LabelResult, PackageLabel } from '../carrier.js';
import { dhlDateTime, isCustomsDeclarable, metricPackage } from './express-common.js';
import { pickPrice } from './rates.js';

/** DHL's 4x6 in (10x15 cm) label template. */
const LABEL_TEMPLATE = 'ECOM26_84_001';
/** DHL caps a customer reference at 35 characters. */
const REFERENCE_LENGTH = 35;

/**
 * MyDHL requires a phone on both parties (`contactInformation.phone`, at least one character) and
 * refuses the shipment without one. Waybill's warehouses carry no phone and a customer's is
 * optional, so a party without a phone gets the other party's: DHL then has a number to call.
 */
function party(address: CarrierAddress, fallbackPhone: string | null | undefined): Record<string, unknown> {
  const postalAddress: Record<string, string> = {
    postalCode: address.postal_code ?? '',
    cityName: address.city,
    countryCode: address.country.toUpperCase(),
    addressLine1: address.line1 ?? '',
  };
  if (address.line2) postalAddress.addressLine2 = address.line2;
  if (address.region) postalAddress.provinceCode = address.region;
  const contactInformation: Record<string, string> = {
    phone: address.phone?.trim() || fallbackPhone?.trim() || '',
    companyName: address.company ?? address.name ?? '',
    fullName: address.name ?? address.company ?? '',
  };
  if (address.email) contactInformation.email = address.email;
  return { postalAddress, contactInformation };
}

export function shipmentBody(request: LabelRequest, productCode: string, accountNumber: string, plannedAt: Date): Record<string, unknown> {
  const reference = [{ value: request.reference.slice(0, REFERENCE_LENGTH), typeCode: 'CU' }];
  return {
    plannedShippingDateAndTime: dhlDateTime(plannedAt),
    // Waybill hands parcels over on its own pickups; booking a courier here would bill one.
    pickup: { isRequested: false },
    productCode,
    getRateEstimates: true,
    accounts: [{ typeCode: 'shipper', number: accountNumber }],
    customerReferences: reference,
    outputImageProperties: {
      encodingFormat: 'pdf',
      imageOptions: [{ typeCode: 'label', templateName: LABEL_TEMPLATE, isRequested: true }],
      // One label document per page, i.e. per piece, so each package gets its own label.
      splitDocumentsByPages: true,
    },
    customerDetails: { shipperDetails: party(request.origin, request.destination.phone), receiverDetails: party(request.destination, request.origin.phone) },
    content: {
      packages: request.parcels.map((parcel) => ({ ...metricPackage(parcel), customerReferences: reference })),
      isCustomsDeclarable: isCustomsDeclarable(request.origin, request.destination),
      description: 'Merchandise',
      incoterm: 'DAP',
      unitOfMeasurement: 'metric',
    },
  };
}

interface DhlDocument {
  imageFormat?: string;
  content?: string;
  typeCode?: string;
}

interface DhlShipmentAnswer {
  shipmentTrackingNumber?: string | number;
  packages?: { referenceNumber?: number; trackingNumber?: string | number }[];
  documents?: DhlDocument[];
  shipmentCharges?: { currencyType?: string; priceCurrency?: string; price?: number | string }[];
  estimatedDeliveryDate?: { estimatedDeliveryDate?: string; estimatedDeliveryType?: string };
}

const CONTENT_TYPES: Record<string, string> = { PDF: 'application/pdf', PNG: 'image/png', GIF: 'image/gif', ZPL: 'application/zpl', ZPL2: 'application/zpl' };

function document(doc: DhlDocument): LabelDocument {
  const format = (doc.imageFormat ?? 'PDF').toUpperCase();
  return { contentType: CONTENT_TYPES[format] ?? 'application/octet-stream', data: Buffer.from(doc.content ?? '', 'base64') };
}

export function parseShipment(body: unknown, request: LabelRequest): LabelResult {
  const answer = (typeof body === 'object' && body !== null ? body : {}) as DhlShipmentAnswer;
  const awb = answer.shipmentTrackingNumber === undefined ? '' : String(answer.shipmentTrackingNumber);
  const labels = (answer.documents ?? []).filter((d) => (d.typeCode ?? 'label') === 'label' && typeof d.content === 'string' && d.content !== '');
  if (awb === '' || labels.length === 0) return { ok: false, code: 'invalid_response', message: 'DHL created no shipment number or label' };
  const pieces = [...(answer.packages ?? [])].sort((a, b) => (a.referenceNumber ?? 0) - (b.referenceNumber ?? 0));
  const packages: PackageLabel[] = request.parcels.map((_, i) => ({
    // One piece: the AWB is what DHL and the recipient track. Several: each piece's own number.
    trackingNumber: request.parcels.length === 1 ? awb : String(pieces[i]?.trackingNumber ?? awb),
    // Split by pages there is a label per piece; if DHL sent them combined, every piece shares it.
    label: document(labels.length === request.parcels.length ? labels[i]! : labels[0]!),
  }));
  const charge = pickPrice(answer.shipmentCharges, request.currency);
  const eta = answer.estimatedDeliveryDate?.estimatedDeliveryDate;
  return {
    ok: true,
    trackingNumber: awb,
    packages,
    amount: charge?.amount ?? null,
    currency: charge?.currency ?? null,
    carrierReference: null,
    estimatedDeliveryDate: typeof eta === 'string' && /^\d{4}-\d{2}-\d{2}/.test(eta) ? eta.slice(0, 10) : null,
  };
}
