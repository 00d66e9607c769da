/** Carriers and services as a customer reads them (the portal's answer has their codes). Pure. */

/** The carriers' own names (src/shipping/carriers/*: displayName); an unknown code as it is. */
const carrierNames: Record<string, string> = { sim: 'Waybill Sim', ups: 'UPS', fedex: 'FedEx', dhl: 'DHL Express', usps: 'USPS' };

export function carrierLabel(code: string): string {
  return carrierNames[code] ?? code.toUpperCase();
}

/** `overnight` → "Overnight", `ground_saver` → "Ground saver". */
export function serviceLabel(code: string): string {
  return code.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());
}
