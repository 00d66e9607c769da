/**
 * Production mode (`NODE_ENV=production`) refuses to start on a secret that would let a stranger in:
 * - any secret variable that is set but empty (a deployment template that lost its value);
 * - the sim carrier's webhook key left at its development default while the sim is on (anyone
 *   could sign tracking events for sim parcels) — set WAYBILL_SIM_WEBHOOK_SECRET or WAYBILL_SIM=off;
 * - a key Waybill checks itself (WAYBILL_ADMIN_KEY, WAYBILL_SIM_WEBHOOK_SECRET) shorter than 32
 *   characters, with fewer than 10 different ones, or with a placeholder in it (change-me, example…);
 * - a shared secret chosen for a carrier's webhooks shorter than 16 characters (or 8 different
 *   ones, or a placeholder), and a Stripe webhook secret that is not one Stripe issued (`whsec_…`).
 * Each refusal is a ConfigError: one line naming the variable (never its value), exit code 2.
 * Secrets issued by providers (Stripe's key, carrier OAuth secrets, Twilio's token, SMTP passwords)
 * have no default and are theirs to make strong; sessions need no server secret (they are random
 * ids stored hashed, sessions.ts).
 */
import type { Config } from './config.js';
import { ConfigError } from './config-error.js';
import { DEVELOPMENT_SIM_WEBHOOK_SECRET, SECRET_VARIABLES } from './config-secrets.js';

type Env = Record<string, string | undefined>;

const PLACEHOLDER = /change[-_ ]?me|example|placeholder|development|default|dummy|sample|password|secret|xxxxxx|123456|qwerty/i;

interface Strength {
  minLength: number;
  minDistinct: number;
}

/** Keys Waybill itself checks: as long as what it generates (an API key is 35 characters). */
const KEY_STRENGTH: Strength = { minLength: 32, minDistinct: 10 };
/** Shared secrets an operator types into a carrier's webhook settings. */
const SHARED_SECRET_STRENGTH: Strength = { minLength: 16, minDistinct: 8 };

function requireStrong(variable: string, value: string, strength: Strength): void {
  const advice = 'generate one with `openssl rand -base64 32`';
  if (value.length < strength.minLength) throw new ConfigError(variable, `is too short for production (at least ${strength.minLength} characters): ${advice}`);
  if (new Set(value).size < strength.minDistinct) throw new ConfigError(variable, `is too weak for production (at least ${strength.minDistinct} different characters): ${advice}`);
  if (PLACEHOLDER.test(value)) throw new ConfigError(variable, `looks like a placeholder (change-me, example, secret…), not a production secret: ${advice}`);
}

export function assertProductionSecrets(env: Env, config: Config): void {
  for (const variable of [...SECRET_VARIABLES, 'SMTP_URL']) {
    const raw = env[variable];
    if (raw !== undefined && raw.trim() === '') throw new ConfigError(variable, 'is set but empty: give it a value, or leave it out');
  }
  if (config.adminKey !== null) requireStrong('WAYBILL_ADMIN_KEY', config.adminKey, KEY_STRENGTH);

  const sim = config.shipping.sim;
  if (sim.enabled) {
    if (sim.webhookSecret === DEVELOPMENT_SIM_WEBHOOK_SECRET) {
      throw new ConfigError('WAYBILL_SIM_WEBHOOK_SECRET', 'is the development default, so anyone could sign sim carrier webhooks: set a random value (the same in every process), or switch the sim off with WAYBILL_SIM=off');
    }
    requireStrong('WAYBILL_SIM_WEBHOOK_SECRET', sim.webhookSecret, KEY_STRENGTH);
  }

  const shared: Array<[string, string | null | undefined]> = [
    ['WAYBILL_UPS_WEBHOOK_CREDENTIAL', config.shipping.ups?.webhookCredential],
    ['WAYBILL_FEDEX_WEBHOOK_SECRET', config.shipping.fedex?.webhookSecret],
    ['WAYBILL_DHL_WEBHOOK_SECRET', config.shipping.dhl?.webhookSecret],
    ['WAYBILL_USPS_WEBHOOK_SECRET', config.shipping.usps?.webhookSecret],
  ];
  for (const [variable, value] of shared) if (value) requireStrong(variable, value, SHARED_SECRET_STRENGTH);

  const stripeWebhook = config.stripe?.webhookSecret;
  if (stripeWebhook && !/^whsec_[A-Za-z0-9+/=_-]{16,}$/.test(stripeWebhook)) {
    throw new ConfigError('WAYBILL_STRIPE_WEBHOOK_SECRET', "is not a signing secret Stripe issued (whsec_…): copy it from the webhook endpoint's page in Stripe's dashboard");
  }
}
