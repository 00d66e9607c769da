/**
 * Sends one fuzz request over real HTTP (node:http, a fresh connection each) and reads what came
 * back. Redirects are not followed (the answer under test is this route's), and an event stream is
 * not read: it never ends, so only its status and headers are kept and the connection is dropped.
 */
import { request as httpRequest } from 'node:http';
import type { FuzzRequest } from './request-arbitrary.js';
import type { Received } from './response-check.js';

const TIMEOUT_MS = 15_000;

export interface Sent extends Received {
  /** The request could not be completed (connection refused or reset, timeout): the process may be down. */
  transportError?: string;
}

export function sendRequest(baseUrl: string, request: FuzzRequest, credentials: Record<string, string>): Promise<Sent> {
  return new Promise((resolve) => {
    const url = new URL(baseUrl);
    const failed = (why: string) => resolve({ status: 0, contentType: '', text: null, transportError: why });
    let req;
    try {
      req = httpRequest({ host: url.hostname, port: url.port, path: request.url, method: request.method, headers: { ...request.headers, ...(request.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(request.body)) }), ...credentials }, agent: false, timeout: TIMEOUT_MS });
    } catch (error) {
      // The generator made a request node:http refuses to send (a header it will not write): nothing reached the server.
      failed(`not sendable: ${(error as Error).message}`);
      return;
    }
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS} ms`)));
    req.on('error', (error) => failed(error.message));
    req.on('response', (res) => {
      const contentType = String(res.headers['content-type'] ?? '');
      if (contentType.startsWith('text/event-stream')) {
        res.destroy();
        resolve({ status: res.statusCode ?? 0, contentType, text: null });
        return;
      }
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (error) => failed(error.message));
    });
    // With its length said: node:http sends a DELETE's body unframed otherwise, and the server reads it as a second request.
    req.end(request.body);
  });
}
