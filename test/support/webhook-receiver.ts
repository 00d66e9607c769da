/**
 * A local HTTP server receiving Waybill's outbound webhooks the way an integrator's would: it
 * verifies each delivery's Standard Webhooks signature with the endpoint's secret (written here from
 * the spec, not with Waybill's signing code, so that a bug there cannot hide itself), and answers
 * with the status codes a test scripts per path (200 once the script runs out).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
  contentType: string | undefined;
  body: string;
  json: any;
  /** The signature matched the path's secret and the timestamp was within 5 minutes of `now()`. */
  verified: boolean;
  /** Why not, when not verified. */
  problem: string | null;
}

export interface WebhookReceiver {
  /** Base URL, `http://127.0.0.1:<port>`. */
  readonly url: string;
  readonly port: number;
  readonly received: ReceivedWebhook[];
  at(path: string): ReceivedWebhook[];
  /** The secret deliveries to `path` must be signed with. */
  expectSecret(path: string, secret: string): void;
  /** The next answers for `path`, in order; 200 after them unless `then` is given. */
  script(path: string, statuses: number[], then?: number): void;
  close(): Promise<void>;
}

const TOLERANCE_SECONDS = 5 * 60;

/** Standard Webhooks verification: any `v1,` signature in the space-separated list must match. */
export function verifyStandardWebhook(secret: string, headers: { id?: string; timestamp?: string; signature?: string }, body: string, now: Date): string | null {
  if (!headers.id || !headers.timestamp || !headers.signature) return 'missing webhook-id, webhook-timestamp or webhook-signature';
  if (!/^\d+$/.test(headers.timestamp)) return 'webhook-timestamp is not an integer';
  if (Math.abs(Number(headers.timestamp) - Math.floor(now.getTime() / 1000)) > TOLERANCE_SECONDS) return 'webhook-timestamp is outside the tolerance';
  if (!secret.startsWith('whsec_')) return 'the secret is not a whsec_ secret';
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const expected = createHmac('sha256', key).update(`${headers.id}.${headers.timestamp}.${body}`).digest();
  for (const entry of headers.signature.split(' ')) {
    const [version, value] = entry.split(',', 2);
    if (version !== 'v1' || value === undefined) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return null;
  }
  return 'no signature matches';
}

export async function startWebhookReceiver(now: () => Date): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const secrets = new Map<string, string>();
  const scripts = new Map<string, { next: number[]; then: number }>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0]!;
      const body = Buffer.concat(chunks).toString('utf8');
      const header = (name: string) => (typeof req.headers[name] === 'string' ? (req.headers[name] as string) : undefined);
      const headers = { id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature') };
      const secret = secrets.get(path);
      const problem = req.method !== 'POST' ? `method ${req.method}` : secret === undefined ? 'no secret for this path' : verifyStandardWebhook(secret, headers, body, now());
      let json: any;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      received.push({ path, ...headers, contentType: header('content-type'), body, json, verified: problem === null, problem });
      const script = scripts.get(path);
      const status = script ? (script.next.shift() ?? script.then) : 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'thanks' : `answer ${status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    received,
    at: (path) => received.filter((r) => r.path === path),
    expectSecret: (path, secret) => void secrets.set(path, secret),
    script: (path, statuses, then = 200) => void scripts.set(path, { next: [...statuses], then }),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
