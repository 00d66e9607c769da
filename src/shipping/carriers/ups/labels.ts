/**
 * UPS Shipping API (`POST /api/shipments/v2409/ship`): the ShipmentRequest for a Waybill label
 * request, and the labels in its `ShipmentResponse.ShipmentResults`. Pure.
 *
 * UPS labels come as GIF, ZPL, EPL or SPL (no PDF; the documentation lists PNG on answers but only
 * GIF among image formats on requests), so Waybill asks for a 4×6 GIF and hands it on as UPS sent it.
 * `PackageResults` is an array from v2403 on and a single object for one package before: both read.
 */
import type { CarrierService, LabelDocument, LabelRequest, LabelResult, PackageLabel } from '../carrier.js';
import { addBusinessDays } from '../carrier-time.js';
import { decimalToMinor, unitsFor } from './amounts.js';
import { isUsDomestic, upsParty } from './addresses.js';
import { shippingPackage } from './packages.js';
import { list, record, str, type Json } from './shapes.js';

export const SHIPPING_VERSION = 'v2409';

export function buildShipmentRequest(request: LabelRequest, service: CarrierService, accountNumber: string): Json {
  const units = unitsFor(request.origin.country);
  const reference = { Value: request.reference.slice(0, 35) };
  // UPS takes reference numbers per package on US/PR domestic shipments and per shipment otherwise.
  const domestic = isUsDomestic(request.origin, request.destination);
  const shipment: Json = {
    Description: 'Merchandise',
    Shipper: { ...upsParty(request.origin), ShipperNumber: accountNumber },
    ShipTo: upsParty(request.destination),
    ShipFrom: upsParty(request.origin),
    PaymentInformation: { ShipmentCharge: [{ Type: '01', BillShipper: { AccountNumber: accountNumber } }] },
    Service: { Code: service.carrierCode, Description: service.name },
    ShipmentRatingOptions: { NegotiatedRatesIndicator: 'Y' },
    Package: request.parcels.map((parcel) => (domestic ? { ...shippingPackage(parcel, units), ReferenceNumber: [reference] } : shippingPackage(parcel, units))),
  };
  if (!domestic) shipment.ReferenceNumber = reference;
  return {
    ShipmentRequest: {
      Request: { RequestOption: 'validate', TransactionReference: { CustomerContext: request.reference.slice(0, 512) } },
      Shipment: shipment,
      LabelSpecification: {
        LabelImageFormat: { Code: 'GIF', Description: 'GIF' },
        HTTPUserAgent: 'Mozilla/4.5',
        LabelStockSize: { Height: '6', Width: '4' },
      },
    },
  };
}

const contentTypes: Record<string, string> = {
  GIF: 'image/gif',
  PNG: 'image/png',
  PDF: 'application/pdf',
  ZPL: 'application/zpl',
  EPL: 'application/epl',
  SPL: 'application/spl',
};

/** The bytes say what they are when they can (a GIF labelled PNG is still a GIF); else UPS's code does. */
function contentTypeOf(data: Buffer, code: string | null): string {
  if (data.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return contentTypes[code?.toUpperCase() ?? ''] ?? 'application/octet-stream';
}

function labelOf(result: Json): LabelDocument {
  const label = record(result.ShippingLabel);
  const data = Buffer.from(str(label?.GraphicImage) ?? '', 'base64');
  return { contentType: contentTypeOf(data, str(record(label?.ImageFormat)?.Code)), data };
}

function total(results: Json): { amount: number; currency: string } | null {
  const negotiated = record(record(results.NegotiatedRateCharges)?.TotalCharge);
  const published = record(record(results.ShipmentCharges)?.TotalCharges);
  const chosen = negotiated && str(negotiated.MonetaryValue) !== null ? negotiated : published;
  const currency = str(chosen?.CurrencyCode)?.toUpperCase();
  const amount = currency ? decimalToMinor(chosen?.MonetaryValue, currency) : null;
  return currency && amount !== null ? { amount, currency } : null;
}

/** Null when the body is not a ShipmentResponse with results. */
export function parseShipmentResponse(body: unknown, request: LabelRequest, service: CarrierService): Extract<LabelResult, { ok: true }> | null {
  const results = record(record(record(body)?.ShipmentResponse)?.ShipmentResults);
  if (results === null) return null;
  const packages: PackageLabel[] = list(results.PackageResults)
    .map((result) => ({ trackingNumber: str(result.TrackingNumber) ?? '', label: labelOf(result) }))
    .filter((p) => p.trackingNumber !== '');
  const shipmentId = str(results.ShipmentIdentificationNumber) ?? packages[0]?.trackingNumber ?? null;
  if (shipmentId === null || packages.length === 0) return null;
  const price = total(results);
  return {
    ok: true,
    trackingNumber: shipmentId,
    packages,
    amount: price?.amount ?? null,
    currency: price?.currency ?? null,
    // UPS's shipment id is the first package's 1Z number: voiding uses the tracking number itself.
    carrierReference: null,
    estimatedDeliveryDate: addBusinessDays(request.shipDate, service.transitDays),
  };
}
