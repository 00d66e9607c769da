/**
 * The web app's SSE reader (web/src/shared/event-stream.ts): the frame parser, a real Waybill
 * staff stream (an order placed over HTTP arrives as a change), a lost session (401: stops and
 * says so, no retry loop), and a dropped connection (reconnects with Last-Event-ID, so the page
 * misses nothing in between). The last two against a small local HTTP server that plays the part.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStream, parseFrames, type StreamChange, type StreamState } from '../../web/src/shared/event-stream.js';
import { drainJobs } from '../support/jobs.js';
import { addStock, createProduct, createWarehouse, orderBody } from '../support/fixtures.js';
import { ADMIN_KEY, startTestServer, type TestServer } from '../support/server.js';

const until = async (check: () => boolean, what: string, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('parseFrames', () => {
  it('splits complete frames, keeps the partial one, skips comments and frames without data', () => {
    const { frames, rest } = parseFrames(': heartbeat\n\nid: evt_1\nevent: order.placed\ndata: {"a":1}\n\nretry: 5000\n\nevent: x\r\ndata: line1\r\ndata: line2\r\n\r\nid: evt_2\nda');
    expect(frames).toEqual([
      { id: 'evt_1', event: 'order.placed', data: '{"a":1}' },
      { id: null, event: 'x', data: 'line1\nline2' },
    ]);
    expect(rest).toBe('id: evt_2\nda');
  });
});

describe('openEventStream against the staff stream', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
    await createWarehouse(server.admin, 'AUS', 'Austin', 'TX');
    await createProduct(server.admin, 'MUG', { unit_price: 1500 });
    await addStock(server.admin, 'MUG', 'AUS', 5);
  });
  afterAll(async () => server?.close());

  it('hands over each change of an order placed over HTTP', async () => {
    const changes: StreamChange[] = [];
    const states: StreamState[] = [];
    const withKey: typeof fetch = (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${ADMIN_KEY}` } });
    const stop = openEventStream({ url: `${server.url}/api/v1/stream`, fetch: withKey, onChange: (c) => changes.push(c), onState: (s) => states.push(s) });
    try {
      await until(() => states.includes('open'), 'the stream to open');
      const placed = await server.operator.post('/api/v1/orders', orderBody([{ sku: 'MUG', quantity: 1 }]));
      expect(placed.status, placed.text).toBe(201);
      // The test server runs no worker: the relay that publishes the timeline to the streams is a job.
      await drainJobs(server);
      await until(() => changes.some((c) => c.type === 'order.placed' && c.order_id === placed.body.id), 'order.placed');
      const change = changes.find((c) => c.type === 'order.placed')!;
      expect(change.order_number).toBe(placed.body.number);
      expect(change.id).toMatch(/^evt_/);
    } finally {
      stop();
    }
    expect(states.at(-1)).toBe('closed');
  });

  it('stops without retrying when the session is gone (401)', async () => {
    let lost = 0;
    const states: StreamState[] = [];
    const stop = openEventStream({ url: `${server.url}/api/v1/stream`, onChange: () => undefined, onState: (s) => states.push(s), onUnauthorized: () => lost++, retryMs: 10 });
    await until(() => lost === 1, 'onUnauthorized');
    await new Promise((r) => setTimeout(r, 100));
    stop();
    expect(lost).toBe(1);
    expect(states.filter((s) => s === 'connecting')).toHaveLength(1);
  });
});

describe('openEventStream after a dropped connection', () => {
  let http: Server;
  let url: string;
  const requests: IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    // First connection: one change, then the connection drops. Second: the next change, kept open.
    http = createServer((request, response) => {
      requests.push(request.headers);
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const n = requests.length;
      response.write(`id: evt_${n}\nevent: order.status_changed\ndata: ${JSON.stringify({ id: `evt_${n}`, type: 'order.status_changed', at: '2026-12-01T10:00:00Z', order_id: 'ord_1', order_number: 'W-000001', data: { to: n === 1 ? 'processing' : 'shipped' } })}\n\n`);
      if (n === 1) response.end();
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/stream`;
  });
  afterAll(async () => {
    http.closeAllConnections();
    await new Promise((r) => http.close(r));
  });

  it('reconnects with Last-Event-ID and goes on with the next change', async () => {
    const changes: StreamChange[] = [];
    const stop = openEventStream({ url, onChange: (c) => changes.push(c), retryMs: 20 });
    try {
      await until(() => changes.length === 2, 'the change after the reconnect');
    } finally {
      stop();
    }
    expect(changes.map((c) => c.data.to)).toEqual(['processing', 'shipped']);
    expect(requests[0]!['last-event-id']).toBeUndefined();
    expect(requests[1]!['last-event-id']).toBe('evt_1');
  });
});
