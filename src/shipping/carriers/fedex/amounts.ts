/**
 * FedEx money to Waybill money, exactly. Pure.
 *
 * FedEx sends charges as JSON numbers (`38.11`) and, in places, as strings; both are read from
 * their decimal digits (a number through its shortest round-trip text) so that no float
 * multiplication ever rounds a cent away. FedEx also has currency codes of its own for some
 * currencies (UKL for the pound, JYE for the yen, …), which are turned into ISO 4217 here.
 */
import { decimalToMinorUnits } from '../../../platform/money.js';

const fedexToIso: Readonly<Record<string, string>> = {
  UKL: 'GBP',
  JYE: 'JPY',
  SFR: 'CHF',
  NMP: 'MXN',
  SID: 'SGD',
  NTD: 'TWD',
  WON: 'KRW',
  ARN: 'ARS',
  CHP: 'CLP',
  RDD: 'DOP',
};

/** FedEx's code for a currency → ISO 4217. */
export function isoCurrency(fedexCode: string): string {
  const code = fedexCode.trim().toUpperCase();
  return fedexToIso[code] ?? code;
}

/**
 * `"12.34"` or `12.34` in `currency` → integer minor units (1234), rounding half away from zero on
 * the exact digits past the currency's precision; null when the value is not a plain decimal.
 */
export function toMinorUnits(value: unknown, currency: string): number | null {
  return decimalToMinorUnits(value, currency, { rounding: 'half-away-from-zero' });
}
