/**
 * A Waybill test server that takes payments through Stripe's API, spoken by the local Stripe fake
 * (fake-stripe.ts): for the suites that follow money through a real provider round trip.
 */
import type { TestDialect } from './databases.js';
import { startFakeStripe, type FakeStripe } from './fake-stripe.js';
import { startTestServer, type TestServer } from './server.js';

export interface StripeServer {
  server: TestServer;
  stripe: FakeStripe;
  close(): Promise<void>;
}

export async function startStripeServer(dialect: TestDialect, env: Record<string, string> = {}): Promise<StripeServer> {
  const stripe = await startFakeStripe();
  try {
    const server = await startTestServer(dialect, { WAYBILL_STRIPE_SECRET_KEY: stripe.secretKey, WAYBILL_STRIPE_API_BASE: stripe.url, ...env });
    return {
      server,
      stripe,
      async close() {
        await server.close();
        await stripe.close();
      },
    };
  } catch (error) {
    await stripe.close();
    throw error;
  }
}
