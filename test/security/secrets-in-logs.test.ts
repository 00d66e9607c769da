/**
 * Secrets never logged (issue 10): a real `waybill serve` process logs everything (LOG_LEVEL=trace,
 * request logs on) through a full run of every path that handles a secret (secret-run.ts), with
 * every configured secret set to a value of its own — the admin key, Stripe's secret key and webhook
 * secret, the sim's webhook key, UPS's client secret and Track Alert credential, DHL's API key and
 * push token, Twilio's auth token, the SMTP password — then its whole output is searched for each
 * secret value (and the hashes that stand for keys and sessions). Any hit fails, naming it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, waitReady, type ServerProcess } from '../concurrency/processes.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { startFakeStripe, type FakeStripe } from '../support/fake-stripe.js';
import { startFakeTwilio, type FakeTwilio } from '../support/fake-twilio.js';
import { startFakeUps, type FakeUps } from '../support/fake-ups/index.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp-capture.js';
import { runThroughSecrets } from './secret-run.js';

const random = (prefix: string) => `${prefix}${randomBytes(18).toString('base64url')}`;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Where in the output a secret shows, as a short excerpt around it (the secret itself cut out). */
function hitsOf(output: string, secrets: Record<string, string>): string[] {
  const hits: string[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    const at = output.indexOf(value);
    if (at >= 0) hits.push(`${name}: …${output.slice(Math.max(0, at - 120), at)}<HERE>${output.slice(at + value.length, at + value.length + 60)}…`);
  }
  return hits;
}

describe.each(testDialects())('secrets in the logs on %s', (dialect) => {
  let database: TestDatabase;
  let stripe: FakeStripe;
  let smtp: SmtpCapture;
  let twilio: FakeTwilio;
  let ups: FakeUps;
  let server: ServerProcess;
  const configured: Record<string, string> = {
    WAYBILL_ADMIN_KEY: random('adm_'),
    WAYBILL_STRIPE_WEBHOOK_SECRET: random('whsec_'),
    WAYBILL_SIM_WEBHOOK_SECRET: random('sim_'),
    WAYBILL_DHL_API_KEY: random('dhlkey_'),
    WAYBILL_DHL_WEBHOOK_SECRET: random('dhlpush_'),
    'SMTP password': random('smtp_'),
    WAYBILL_TWILIO_AUTH_TOKEN: random('twl_'),
    WAYBILL_UPS_CLIENT_SECRET: random('upscs_'),
    WAYBILL_UPS_WEBHOOK_CREDENTIAL: random('upscred_'),
  };

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    stripe = await startFakeStripe();
    configured.WAYBILL_STRIPE_SECRET_KEY = stripe.secretKey;
    smtp = await startSmtpCapture({ auth: { user: 'waybill', pass: configured['SMTP password']! } });
    twilio = await startFakeTwilio({ authToken: configured.WAYBILL_TWILIO_AUTH_TOKEN! });
    ups = await startFakeUps({ clientSecret: configured.WAYBILL_UPS_CLIENT_SECRET!, webhookCredential: configured.WAYBILL_UPS_WEBHOOK_CREDENTIAL! });
    server = await spawnServer({
      DATABASE_URL: database.url,
      LOG_LEVEL: 'trace',
      WAYBILL_REQUEST_LOGS: 'on',
      WAYBILL_RATE_LIMIT_PER_MINUTE: '0',
      WAYBILL_ADMIN_KEY: configured.WAYBILL_ADMIN_KEY!,
      WAYBILL_STRIPE_SECRET_KEY: stripe.secretKey,
      WAYBILL_STRIPE_API_BASE: stripe.url,
      WAYBILL_STRIPE_WEBHOOK_SECRET: configured.WAYBILL_STRIPE_WEBHOOK_SECRET!,
      WAYBILL_SIM_WEBHOOK_SECRET: configured.WAYBILL_SIM_WEBHOOK_SECRET!,
      WAYBILL_SIM_SPEED: '200000',
      WAYBILL_SIM_DELAY_SHARE: '0',
      WAYBILL_SIM_FAILED_ATTEMPT_SHARE: '0',
      WAYBILL_SIM_EXCEPTION_SHARE: '0',
      WAYBILL_SIM_RETURN_SHARE: '0',
      SMTP_URL: smtp.url,
      WAYBILL_TWILIO_ACCOUNT_SID: twilio.accountSid,
      WAYBILL_TWILIO_AUTH_TOKEN: configured.WAYBILL_TWILIO_AUTH_TOKEN!,
      WAYBILL_TWILIO_FROM: '+15125550100',
      WAYBILL_TWILIO_BASE_URL: twilio.url,
      WAYBILL_SMS_QUIET_HOURS: '03:00-03:01',
      WAYBILL_UPS_BASE_URL: ups.url,
      WAYBILL_UPS_CLIENT_ID: ups.clientId,
      WAYBILL_UPS_CLIENT_SECRET: configured.WAYBILL_UPS_CLIENT_SECRET!,
      WAYBILL_UPS_ACCOUNT_NUMBER: ups.accountNumber,
      WAYBILL_UPS_WEBHOOK_CREDENTIAL: configured.WAYBILL_UPS_WEBHOOK_CREDENTIAL!,
      WAYBILL_DHL_API_KEY: configured.WAYBILL_DHL_API_KEY!,
      WAYBILL_DHL_BASE_URL: 'http://127.0.0.1:9',
      WAYBILL_DHL_WEBHOOK_SECRET: configured.WAYBILL_DHL_WEBHOOK_SECRET!,
      WAYBILL_WEBHOOKS_ALLOW_PRIVATE: '1',
    });
    await waitReady(server);
  });
  afterAll(async () => {
    await server?.stop();
    await Promise.all([stripe?.close(), smtp?.close(), twilio?.close(), ups?.close()]);
    await database?.drop();
  });

  it('writes no secret to its output, whatever it logs, through a full run', async () => {
    const used = await runThroughSecrets({
      url: server.url,
      adminKey: configured.WAYBILL_ADMIN_KEY!,
      stripe,
      stripeWebhookSecret: configured.WAYBILL_STRIPE_WEBHOOK_SECRET!,
      smtp,
      twilio,
      ups,
      dhlWebhookSecret: configured.WAYBILL_DHL_WEBHOOK_SECRET!,
    });
    // Let the worker's last lines (and the shutdown's) be written.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await server.stop();
    const output = server.output();
    const secrets = { ...configured, 'admin key hash': sha256(configured.WAYBILL_ADMIN_KEY!), ...used };

    // The run was logged in full, so that a silent log cannot pass for a clean one.
    const lines = output.split('\n').filter((line) => line.startsWith('{'));
    expect(lines.length).toBeGreaterThan(100);
    expect(output).toContain('"msg":"incoming request"');
    expect(output).toContain('/webhooks/carriers/sim');
    expect(output).toContain('/portal/auth/magic-link/verify');
    expect(Object.keys(secrets).length).toBeGreaterThan(30);
    expect(hitsOf(output, secrets)).toEqual([]);
  });
});
