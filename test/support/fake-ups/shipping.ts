/**
 * `POST /api/shipments/{version}/ship` and `DELETE /api/shipments/{version}/void/cancel/{id}`:
 * one 1Z number per package (the first is the shipment id), GIF (or ZPL) labels, charges, and voids
 * within the "allowed void period" (until voided once).
 */
import { labelGif } from './gif.js';
import { scan, trackPackage } from './scans.js';
import { currencyOf, list, money, toCents, upsError, type FakeUpsState, type Json, type Reply } from './state.js';

/** 1Z + six-character shipper number + two-digit service + eight digits: 18 characters, as UPS's are. */
function trackingNumber(state: FakeUpsState, service: string): string {
  state.sequence += 1;
  return `1Z${state.accountNumber.padEnd(6, '0').slice(0, 6)}${service.padStart(2, '0')}${String(state.sequence).padStart(8, '0')}`.toUpperCase();
}

function olderThanV2403(version: string): boolean {
  const m = /^v(\d{4})$/.exec(version);
  return m === null || Number(m[1]) < 2403;
}

export function ship(state: FakeUpsState, version: string, body: Json, now: Date): Reply {
  const request = body?.ShipmentRequest as Json | undefined;
  const shipment = request?.Shipment as Json | undefined;
  if (!shipment) return upsError(400, '120001', 'Missing or invalid ShipmentRequest.');
  const billed = list(shipment.PaymentInformation?.ShipmentCharge)[0]?.BillShipper?.AccountNumber;
  if (shipment.Shipper?.ShipperNumber !== state.accountNumber || billed !== state.accountNumber) return upsError(400, '120100', 'Missing or invalid shipper number');
  const service = shipment.Service?.Code as string | undefined;
  if (!service || !state.prices[service]) return upsError(400, '121100', 'The requested service is invalid for the shipment origin.');
  if (shipment.ShipTo?.Address?.PostalCode === '00000') return upsError(400, '120802', 'Address Validation Error on ShipTo address');
  const format = request?.LabelSpecification?.LabelImageFormat?.Code as string | undefined;
  if (format !== 'GIF' && format !== 'ZPL') return upsError(400, '120541', 'Invalid label image format.');
  const packages = list(shipment.Package);
  if (packages.length === 0) return upsError(400, '120400', 'Missing or invalid package.');

  const numbers = packages.map(() => trackingNumber(state, service));
  const shipmentId = numbers[0]!;
  state.shipments.set(shipmentId, { shipmentId, packages: numbers, service, voided: false });
  for (const number of numbers) {
    const created = scan({ type: 'M', code: 'MP', statusCode: '003', description: 'Shipper created a label, UPS has not received the package yet.', at: now.toISOString(), countryCode: shipment.Shipper?.Address?.CountryCode });
    state.tracking.set(number, trackPackage({ trackingNumber: number, activity: [created] }));
  }

  const currency = currencyOf(shipment.Shipper?.Address?.CountryCode);
  const cents = toCents(state.prices[service]!) * packages.length;
  const results = numbers.map((number) => ({
    TrackingNumber: number,
    ServiceOptionsCharges: money(0, currency),
    ShippingLabel: {
      ImageFormat: { Code: format, Description: format },
      GraphicImage: format === 'GIF' ? labelGif(number).toString('base64') : Buffer.from(`^XA^FO50,50^FD${number}^FS^XZ`).toString('base64'),
    },
  }));
  const shipmentResults: Json = {
    ShipmentCharges: { TransportationCharges: money(cents, currency), ServiceOptionsCharges: money(0, currency), TotalCharges: money(cents, currency) },
    BillingWeight: { UnitOfMeasurement: { Code: 'LBS', Description: 'Pounds' }, Weight: '1.0' },
    ShipmentIdentificationNumber: shipmentId,
    PackageResults: results.length === 1 && (state.options.singlePackageAsObject || olderThanV2403(version)) ? results[0] : results,
  };
  if (state.options.negotiatedRates) shipmentResults.NegotiatedRateCharges = { TotalCharge: money(Math.floor((cents * 9) / 10), currency) };
  return {
    status: 200,
    body: {
      ShipmentResponse: {
        Response: {
          ResponseStatus: { Code: '1', Description: 'Success' },
          Alert: [{ Code: '120900', Description: 'User Id and Shipper Number combination is not qualified to receive negotiated rates' }],
          TransactionReference: { CustomerContext: request?.Request?.TransactionReference?.CustomerContext ?? '' },
        },
        ShipmentResults: shipmentResults,
      },
    },
  };
}

export function voidShipment(state: FakeUpsState, shipmentId: string): Reply {
  const shipment = state.shipments.get(shipmentId);
  if (!shipment || shipment.voided) return upsError(400, '190102', 'No shipment found within the allowed void period');
  shipment.voided = true;
  return {
    status: 200,
    body: {
      VoidShipmentResponse: {
        Response: { ResponseStatus: { Code: '1', Description: 'Success' }, TransactionReference: { CustomerContext: '' } },
        SummaryResult: { Status: { Code: '1', Description: 'Voided' } },
        PackageLevelResult: shipment.packages.map((number) => ({ TrackingNumber: number, Status: { Code: '1', Description: 'Voided' } })),
      },
    },
  };
}
