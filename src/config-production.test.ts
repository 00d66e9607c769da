import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';
import { secretValues } from './config-secrets.js';

const STRONG_KEY = 'Qm9vdHMgYW5kIGNhdHMgYW5kIGJvb3RzIGFuZA7x';
const STRONG_SIM = 'c2ltIGtleSBmb3IgdGhlIHNpbSBjYXJyaWVyIQ9z';
const production = { NODE_ENV: 'production', WAYBILL_SIM_WEBHOOK_SECRET: STRONG_SIM };
const ups = { WAYBILL_UPS_CLIENT_ID: 'ups-client', WAYBILL_UPS_CLIENT_SECRET: 'ups-client-secret-value', WAYBILL_UPS_ACCOUNT_NUMBER: 'A1B2C3' };

/** The variable the configuration refuses, and the message (which must not hold the value). */
function refusal(env: Record<string, string>): { variable: string; message: string } {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    const { variable, message } = error as ConfigError;
    return { variable, message };
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('production mode (NODE_ENV=production)', () => {
  it('starts with strong secrets, and with the sim switched off without its key', () => {
    expect(loadConfig({ ...production, WAYBILL_ADMIN_KEY: STRONG_KEY }).production).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', WAYBILL_SIM: 'off' }).production).toBe(true);
    expect(loadConfig({ ...production, ...ups, WAYBILL_UPS_WEBHOOK_CREDENTIAL: 'Tr4ckAlert-cred-9Xz' }).shipping.ups?.webhookCredential).toBe('Tr4ckAlert-cred-9Xz');
  });

  it('keeps the development defaults out of development', () => {
    expect(loadConfig({}).production).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).shipping.sim.webhookSecret).toBe('whsec_waybill_sim_development');
  });

  it("refuses the sim carrier's development key, unset or given", () => {
    expect(refusal({ NODE_ENV: 'production' }).variable).toBe('WAYBILL_SIM_WEBHOOK_SECRET');
    expect(refusal({ NODE_ENV: 'production', WAYBILL_SIM_WEBHOOK_SECRET: 'whsec_waybill_sim_development' }).message).toMatch(/development default/);
  });

  it('refuses a secret variable that is set but empty', () => {
    for (const variable of ['WAYBILL_ADMIN_KEY', 'WAYBILL_SIM_WEBHOOK_SECRET', 'WAYBILL_STRIPE_WEBHOOK_SECRET', 'WAYBILL_TWILIO_AUTH_TOKEN', 'WAYBILL_DHL_WEBHOOK_SECRET', 'SMTP_URL']) {
      const { variable: named, message } = refusal({ ...production, [variable]: variable === 'WAYBILL_SIM_WEBHOOK_SECRET' ? ' ' : '' });
      expect(named).toBe(variable);
      expect(message).toMatch(/set but empty/);
    }
  });

  it('refuses keys that are short, repetitive or placeholders, without saying the value', () => {
    const weak = ['short-but-random-7Gq', 'a'.repeat(40), 'abababababababababababababababababab', 'change-me-change-me-change-me-0123456789', 'my-example-admin-key-for-the-shop-0123', 'super-secret-admin-key-1234567890abcdef'];
    for (const value of weak) {
      const { variable, message } = refusal({ ...production, WAYBILL_ADMIN_KEY: value });
      expect(variable, value).toBe('WAYBILL_ADMIN_KEY');
      expect(message).not.toContain(value);
    }
    expect(refusal({ NODE_ENV: 'production', WAYBILL_SIM_WEBHOOK_SECRET: 'sim-key-2026' }).variable).toBe('WAYBILL_SIM_WEBHOOK_SECRET');
  });

  it("refuses weak carrier webhook secrets and a Stripe webhook secret Stripe did not issue", () => {
    expect(refusal({ ...production, ...ups, WAYBILL_UPS_WEBHOOK_CREDENTIAL: 'secret' }).variable).toBe('WAYBILL_UPS_WEBHOOK_CREDENTIAL');
    expect(refusal({ ...production, WAYBILL_DHL_API_KEY: 'dhl-api-key-value', WAYBILL_DHL_WEBHOOK_SECRET: 'dhl12345' }).variable).toBe('WAYBILL_DHL_WEBHOOK_SECRET');
    const stripe = { WAYBILL_STRIPE_SECRET_KEY: 'sk_live_51HxYzAbCdEfGhIjKlMnOp' };
    expect(refusal({ ...production, ...stripe, WAYBILL_STRIPE_WEBHOOK_SECRET: 'my stripe hook' }).variable).toBe('WAYBILL_STRIPE_WEBHOOK_SECRET');
    expect(loadConfig({ ...production, ...stripe, WAYBILL_STRIPE_WEBHOOK_SECRET: 'whsec_8Kx2mQp4Lr7Tz9Vb3Nc6Yd1Fg5Hj0' }).stripe?.webhookSecret).toMatch(/^whsec_/);
  });
});

describe('secretValues', () => {
  it('lists every secret the configuration holds, passwords of URLs included', () => {
    const config = loadConfig({
      WAYBILL_ADMIN_KEY: STRONG_KEY,
      WAYBILL_SIM_WEBHOOK_SECRET: STRONG_SIM,
      WAYBILL_STRIPE_SECRET_KEY: 'sk_test_abc123def456',
      WAYBILL_STRIPE_WEBHOOK_SECRET: 'whsec_stripehook',
      ...ups,
      WAYBILL_UPS_WEBHOOK_CREDENTIAL: 'ups-cred-value',
      WAYBILL_TWILIO_ACCOUNT_SID: 'AC123',
      WAYBILL_TWILIO_AUTH_TOKEN: 'twilio-token-value',
      WAYBILL_TWILIO_FROM: '+15125550100',
      SMTP_URL: 'smtp://mailer:p%40ss%20word@127.0.0.1:2525',
      DATABASE_URL: 'postgres://app:db-pass-value@127.0.0.1:5432/waybill',
    });
    expect(secretValues(config).sort()).toEqual(
      [STRONG_KEY, STRONG_SIM, 'sk_test_abc123def456', 'whsec_stripehook', 'ups-client-secret-value', 'ups-cred-value', 'twilio-token-value', 'p@ss word', 'db-pass-value'].sort(),
    );
  });
});
