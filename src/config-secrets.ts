/**
 * The secrets the configuration holds, in one list: the logger scrubs their values from every line
 * it writes (platform/logging.ts), and production mode refuses to start on an empty, default or
 * weak one (config-production.ts). A new secret variable is added here, once.
 */
import type { Config } from './config.js';

/** Variables whose whole value is a secret. */
export const SECRET_VARIABLES = [
  'WAYBILL_ADMIN_KEY',
  'WAYBILL_STRIPE_SECRET_KEY',
  'WAYBILL_STRIPE_WEBHOOK_SECRET',
  'WAYBILL_SIM_WEBHOOK_SECRET',
  'WAYBILL_UPS_CLIENT_SECRET',
  'WAYBILL_UPS_WEBHOOK_CREDENTIAL',
  'WAYBILL_FEDEX_CLIENT_SECRET',
  'WAYBILL_FEDEX_WEBHOOK_SECRET',
  'WAYBILL_DHL_API_KEY',
  'WAYBILL_DHL_WEBHOOK_SECRET',
  'WAYBILL_DHL_EXPRESS_PASSWORD',
  'WAYBILL_USPS_CLIENT_SECRET',
  'WAYBILL_USPS_WEBHOOK_SECRET',
  'WAYBILL_TWILIO_AUTH_TOKEN',
] as const;

/** Variables that are URLs whose password is a secret. */
export const SECRET_URL_VARIABLES = ['SMTP_URL', 'DATABASE_URL'] as const;

/** The development default of the sim carrier's webhook key (config-shipping.ts): known to everyone. */
export const DEVELOPMENT_SIM_WEBHOOK_SECRET = 'whsec_waybill_sim_development';

function passwordOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    const password = new URL(url).password;
    return password === '' ? null : decodeURIComponent(password);
  } catch {
    return null;
  }
}

/** Every secret value the configuration holds (none of them may ever reach a log line). */
export function secretValues(config: Config): string[] {
  const { stripe, shipping, notifications, database } = config;
  const values = [
    config.adminKey,
    stripe?.secretKey,
    stripe?.webhookSecret,
    shipping.sim.webhookSecret,
    shipping.ups?.clientSecret,
    shipping.ups?.webhookCredential,
    shipping.fedex?.clientSecret,
    shipping.fedex?.webhookSecret,
    shipping.dhl?.apiKey,
    shipping.dhl?.webhookSecret,
    shipping.dhl?.express?.password,
    shipping.usps?.clientSecret,
    shipping.usps?.webhookSecret,
    notifications.twilio?.authToken,
    passwordOf(notifications.smtpUrl),
    passwordOf(database.kind === 'postgres' ? database.url : null),
  ];
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && v.length > 0))];
}
