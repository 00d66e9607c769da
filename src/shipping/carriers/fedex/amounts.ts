/**
 * FedEx money to Waybill money, exactly. Pure.
 *
 * FedEx sends charges as JSON numbers (`38.11`) and, in places, as strings; both are read from
 * their decimal digits (a number through its shortest round-trip text) so that no float
 * multiplication ever rounds a cent away. FedEx also has currency codes of its own for some
 * currencies (UKL for the pound, JYE for the yen, …), which are turned into ISO 4217 here.
 */

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

/** Decimal places of a currency's minor unit (2 for USD, 0 for JPY); 2 when Intl does not know it. */
export function minorDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

function decimalText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const text = String(value);
  // Exponent forms appear only for tiny or huge numbers; tiny ones are written out in full.
  if (/e/i.test(text)) return Math.abs(value) < 1 ? value.toFixed(20) : null;
  return text;
}

/**
 * `"12.34"` or `12.34` in `currency` → integer minor units (1234), rounding half up on the exact
 * digits past the currency's precision; null when the value is not a plain decimal.
 */
export function toMinorUnits(value: unknown, currency: string): number | null {
  const text = decimalText(value);
  if (text === null) return null;
  const m = /^([+-])?(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return null;
  const digits = minorDigits(currency);
  const fraction = m[3] ?? '';
  const kept = fraction.slice(0, digits).padEnd(digits, '0');
  let minor = Number(m[2]!) * 10 ** digits + (kept === '' ? 0 : Number(kept));
  if ((fraction[digits] ?? '0') >= '5') minor += 1;
  if (!Number.isSafeInteger(minor)) return null;
  return m[1] === '-' ? -minor : minor;
}
