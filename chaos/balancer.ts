/**
 * The tiny round-robin in front of the two API processes: the runner's clients and the sim's
 * webhooks both go through it. A backend that refuses the connection (dead, restarting) never saw
 * the request, so the balancer tries the other one; a backend that dies after it took the request
 * answers 502 here, and the client retries with the same Idempotency-Key — the retry is what makes
 * "every 201 has its order, once" a claim about Waybill rather than about luck.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Balancer {
  url: string;
  /** Requests answered 502 because their backend died holding them. */
  lostMidRequest(): number;
  close(): Promise<void>;
}

const REFUSED = new Set(['ECONNREFUSED']);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

interface Forwarded {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function forward(backend: string, req: IncomingMessage, body: Buffer): Promise<Forwarded> {
  return new Promise((resolve, reject) => {
    const target = new URL(req.url ?? '/', backend);
    const out = request(target, { method: req.method, headers: { ...req.headers, host: target.host }, timeout: 120_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    out.on('timeout', () => out.destroy(new Error('backend timed out')));
    out.on('error', reject);
    out.end(body);
  });
}

export async function startBalancer(backends: readonly string[]): Promise<Balancer> {
  let next = 0;
  let lost = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const first = next++ % backends.length;
      for (let i = 0; i < backends.length; i++) {
        const backend = backends[(first + i) % backends.length]!;
        try {
          const answer = await forward(backend, req, body);
          res.writeHead(answer.status, answer.headers);
          res.end(answer.body);
          return;
        } catch (error) {
          const code = (error as { code?: string }).code ?? '';
          if (REFUSED.has(code)) continue;
          lost++;
          res.writeHead(502, { 'content-type': 'application/json', 'x-chaos-balancer': 'backend lost' });
          res.end(JSON.stringify({ code: 'backend_lost', detail: String(error) }));
          return;
        }
      }
      res.writeHead(503, { 'content-type': 'application/json', 'x-chaos-balancer': 'no backend' });
      res.end(JSON.stringify({ code: 'no_backend' }));
    })().catch(() => res.destroy());
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lostMidRequest: () => lost,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
