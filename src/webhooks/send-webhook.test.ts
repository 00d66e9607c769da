import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEPT_RESPONSE_CHARS, sendWebhook } from './send-webhook.js';
import { checkTarget } from './url-guard.js';

describe('one attempt over HTTP', () => {
  let server: Server;
  let port: number;
  const seen: Array<{ host: string | undefined; url: string | undefined; body: string }> = [];
  let respond: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('ok');

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        seen.push({ host: req.headers.host, url: req.url, body });
        respond(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('connects to the checked address, not to a fresh DNS answer for the name (rebinding)', async () => {
    // `rebind.invalid` resolves nowhere: the request arrives only because it is pinned to 127.0.0.1.
    respond = (_req, res) => res.writeHead(204).end();
    const target = { url: new URL(`http://rebind.invalid:${port}/hook?x=1`), address: '127.0.0.1', family: 4 as const };
    const outcome = await sendWebhook({ target, body: '{"a":1}', headers: { 'webhook-id': 'evt_1' } });
    expect(outcome).toMatchObject({ kind: 'response', status: 204 });
    expect(seen.at(-1)).toEqual({ host: `rebind.invalid:${port}`, url: '/hook?x=1', body: '{"a":1}' });
  });

  it('pins what the guard resolved, calling the resolver once per check', async () => {
    const calls: string[] = [];
    const target = await checkTarget(`http://receiver.example:${port}/x`, true, async (host) => {
      calls.push(host);
      return [{ address: '127.0.0.1', family: 4 }];
    });
    respond = (_req, res) => res.end('fine');
    expect(await sendWebhook({ target, body: '{}', headers: {} })).toMatchObject({ kind: 'response', status: 200, body: 'fine' });
    expect(calls).toEqual(['receiver.example']);
  });

  it('does not follow redirects', async () => {
    const before = seen.length;
    respond = (_req, res) => res.writeHead(302, { location: `http://127.0.0.1:${port}/elsewhere` }).end();
    const outcome = await sendWebhook({ target: { url: new URL(`http://127.0.0.1:${port}/a`), address: '127.0.0.1', family: 4 }, body: '{}', headers: {} });
    expect(outcome).toMatchObject({ kind: 'response', status: 302, location: `http://127.0.0.1:${port}/elsewhere` });
    expect(seen.length).toBe(before + 1);
  });

  it('gives up after the timeout, and keeps only the start of a long body', async () => {
    respond = () => undefined; // never answers
    const slow = await sendWebhook({ target: { url: new URL(`http://127.0.0.1:${port}/slow`), address: '127.0.0.1', family: 4 }, body: '{}', headers: {}, timeoutMs: 200 });
    expect(slow).toEqual({ kind: 'error', message: 'no answer within 0.2 s' });

    respond = (_req, res) => res.writeHead(500).end('x'.repeat(200_000));
    const long = await sendWebhook({ target: { url: new URL(`http://127.0.0.1:${port}/long`), address: '127.0.0.1', family: 4 }, body: '{}', headers: {} });
    expect(long).toMatchObject({ kind: 'response', status: 500 });
    expect(long.kind === 'response' && long.body.length).toBe(KEPT_RESPONSE_CHARS);
  });

  it('reports a refused connection as an outcome, not a throw', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const freePort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await sendWebhook({ target: { url: new URL(`http://127.0.0.1:${freePort}/`), address: '127.0.0.1', family: 4 }, body: '{}', headers: {} });
    expect(outcome).toMatchObject({ kind: 'error', message: expect.stringMatching(/^ECONNREFUSED/) });
  });
});
