/**
 * UPS Rating API (`POST /api/rating/v2409/{Shop|Shoptimeintransit}`): the request body for a
 * Waybill rate request, and the quotes in its `RateResponse.RatedShipment[]`. Pure.
 *
 * Domestic requests ask for transit times too (Shoptimeintransit, `DeliveryTimeInformation`); UPS
 * refuses time in transit across borders without a declared contents value (error 111549), which a
 * rate request does not have, so international requests shop rates alone.
 */
import type { CarrierName, RateQuote, RateRequest } from '../carrier.js';
import { addBusinessDays } from '../carrier-time.js';
import { decimalToMinor, unitsFor } from './amounts.js';
import { upsAddress } from './addresses.js';
import { ratingPackage, totalWeight } from './packages.js';
import { serviceByUpsCode } from './services.js';
import { compactDate, list, record, str, type Json } from './shapes.js';
import { dashedDate } from './times.js';

export const RATING_VERSION = 'v2409';

export function rateRequestOption(request: RateRequest): 'Shop' | 'Shoptimeintransit' {
  return request.origin.country.toUpperCase() === request.destination.country.toUpperCase() ? 'Shoptimeintransit' : 'Shop';
}

export function buildRateRequest(request: RateRequest, accountNumber: string): Json {
  const units = unitsFor(request.origin.country);
  const option = rateRequestOption(request);
  const originName = request.origin.company?.trim() || request.origin.name?.trim() || 'Shipper';
  const shipment: Json = {
    Shipper: { Name: originName.slice(0, 35), ShipperNumber: accountNumber, Address: upsAddress(request.origin) },
    ShipTo: { Name: (request.destination.company?.trim() || request.destination.name?.trim() || 'Recipient').slice(0, 35), Address: upsAddress(request.destination) },
    ShipFrom: { Name: originName.slice(0, 35), Address: upsAddress(request.origin) },
    PaymentDetails: { ShipmentCharge: [{ Type: '01', BillShipper: { AccountNumber: accountNumber } }] },
    ShipmentRatingOptions: { NegotiatedRatesIndicator: 'Y' },
    NumOfPieces: String(request.parcels.length),
    Package: request.parcels.map((parcel) => ratingPackage(parcel, units)),
  };
  if (option === 'Shoptimeintransit') {
    shipment.DeliveryTimeInformation = { PackageBillType: '03', Pickup: { Date: compactDate(request.shipDate) } };
    shipment.ShipmentTotalWeight = totalWeight(request.parcels, units);
  }
  return { RateRequest: { Request: { RequestOption: option, TransactionReference: { CustomerContext: 'Waybill rate shop' } }, Shipment: shipment } };
}

function wholeDays(value: unknown): number | null {
  const v = str(value);
  return v !== null && /^\d+$/.test(v) ? Number(v) : null;
}

/** The charge the account pays: its negotiated total when UPS gives one, else the published total. */
function charge(rated: Json): { amount: number; currency: string } | null {
  const negotiated = record(record(rated.NegotiatedRateCharges)?.TotalCharge);
  const published = record(rated.TotalCharges);
  const chosen = negotiated && str(negotiated.MonetaryValue) !== null ? negotiated : published;
  const currency = str(chosen?.CurrencyCode)?.toUpperCase();
  if (!chosen || !currency) return null;
  const amount = decimalToMinor(chosen.MonetaryValue, currency);
  return amount === null ? null : { amount, currency };
}

/** Null when the body is not a RateResponse (the caller treats that as an unexpected answer). */
export function parseRateResponse(body: unknown, request: RateRequest, carrier: CarrierName = 'ups'): RateQuote[] | null {
  const response = record(record(body)?.RateResponse);
  if (response === null) return null;
  const quotes: RateQuote[] = [];
  for (const rated of list(response.RatedShipment)) {
    const service = serviceByUpsCode(str(record(rated.Service)?.Code) ?? '');
    if (!service || (request.services && !request.services.includes(service.code))) continue;
    const price = charge(rated);
    if (price === null) continue;
    const arrival = record(list(record(rated.TimeInTransit)?.ServiceSummary)[0]?.EstimatedArrival);
    const carrierDays = wholeDays(arrival?.BusinessDaysInTransit) ?? wholeDays(record(rated.GuaranteedDelivery)?.BusinessDaysInTransit);
    const transitDays = carrierDays ?? service.transitDays;
    quotes.push({
      carrier,
      service: service.code,
      serviceName: service.name,
      amount: price.amount,
      currency: price.currency,
      transitDays,
      estimatedDeliveryDate: dashedDate(record(arrival?.Arrival)?.Date) ?? addBusinessDays(request.shipDate, transitDays),
    });
  }
  return quotes;
}
