/** `POST /api/rating/{version}/{requestoption}`: UPS's Shop / Shoptimeintransit answers. */
import { addBusinessDaysCompact, currencyOf, list, money, toCents, transitDays, upsError, type FakeUpsState, type Json, type Reply } from './state.js';

const domesticServices = ['03', '12', '02', '13', '01', '14'];
const internationalServices = ['11', '08', '65', '07'];
/** Ground and Standard carry no guarantee; the air services do. */
const guaranteed = new Set(['12', '02', '13', '01', '14', '08', '65', '07']);

export function rate(state: FakeUpsState, option: string, body: Json): Reply {
  const shipment = body?.RateRequest?.Shipment as Json | undefined;
  if (!shipment) return upsError(400, '111100', 'Missing or invalid RateRequest.');
  if (!['Shop', 'Shoptimeintransit', 'Rate', 'Ratetimeintransit'].includes(option)) return upsError(400, '111500', 'Invalid request option.');
  if (shipment.Shipper?.ShipperNumber !== state.accountNumber) return upsError(400, '120100', 'Missing or invalid shipper number');
  const packages = list(shipment.Package);
  if (packages.length === 0) return upsError(400, '111050', 'Missing or invalid package.');
  const from = shipment.ShipFrom?.Address?.CountryCode ?? shipment.Shipper?.Address?.CountryCode;
  const to = shipment.ShipTo?.Address?.CountryCode;
  if (shipment.ShipTo?.Address?.PostalCode === '00000') return upsError(400, '111210', 'The requested service is unavailable between the selected locations.');
  const withTransit = option.endsWith('timeintransit');
  const pickupDate = shipment.DeliveryTimeInformation?.Pickup?.Date as string | undefined;
  if (withTransit && !/^\d{8}$/.test(pickupDate ?? '')) return upsError(400, '111500', 'Missing or invalid pickup date for time in transit.');
  const currency = currencyOf(from);
  const services = from === to ? domesticServices : internationalServices;
  const wanted = option.startsWith('Rate') ? services.filter((s) => s === shipment.Service?.Code) : services;
  const weightUnit = packages[0]?.PackageWeight?.UnitOfMeasurement?.Code ?? 'LBS';
  const totalWeight = packages.reduce((sum, p) => sum + Number(p.PackageWeight?.Weight ?? 0), 0);
  const ratedShipments = wanted.map((code) => {
    const cents = toCents(state.prices[code]!) * packages.length;
    const rated: Json = {
      Service: { Code: code, Description: '' },
      RatedShipmentAlert: [{ Code: '110971', Description: 'Your invoice may vary from the displayed reference rates' }],
      BillingWeight: { UnitOfMeasurement: { Code: weightUnit, Description: weightUnit === 'LBS' ? 'Pounds' : 'Kilograms' }, Weight: totalWeight.toFixed(1) },
      TransportationCharges: money(cents, currency),
      BaseServiceCharge: money(cents, currency),
      ServiceOptionsCharges: money(0, currency),
      TotalCharges: money(cents, currency),
      RatedPackage: packages.map((p) => ({ Weight: String(p.PackageWeight?.Weight ?? '') })),
    };
    if (state.options.negotiatedRates) {
      const negotiated = Math.floor((cents * 9) / 10);
      rated.NegotiatedRateCharges = { BaseServiceCharge: money(negotiated, currency), TotalCharge: money(negotiated, currency) };
    }
    if (guaranteed.has(code)) rated.GuaranteedDelivery = { BusinessDaysInTransit: String(transitDays[code]), DeliveryByTime: '10:30 A.M.' };
    if (withTransit) {
      const days = transitDays[code]!;
      rated.TimeInTransit = {
        PickupDate: pickupDate,
        PackageBillType: '03',
        ServiceSummary: {
          Service: { Description: `UPS service ${code}` },
          EstimatedArrival: {
            Arrival: { Date: addBusinessDaysCompact(pickupDate!, days), Time: code === '03' ? '230000' : '103000' },
            BusinessDaysInTransit: String(days),
            Pickup: { Date: pickupDate, Time: '180000' },
            CustomerCenterCutoff: '170000',
            TotalTransitDays: String(days),
          },
          GuaranteedIndicator: guaranteed.has(code) ? '1' : '',
          SaturdayDelivery: '0',
        },
      };
    }
    return rated;
  });
  return {
    status: 200,
    body: {
      RateResponse: {
        Response: {
          ResponseStatus: { Code: '1', Description: 'Success' },
          Alert: [{ Code: '110971', Description: 'Your invoice may vary from the displayed reference rates' }],
          TransactionReference: { CustomerContext: body.RateRequest?.Request?.TransactionReference?.CustomerContext ?? '' },
        },
        RatedShipment: ratedShipments,
      },
    },
  };
}
