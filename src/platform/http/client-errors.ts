/**
 * Requests Node's HTTP parser cannot read (a malformed request line, a lowercase method, a bad
 * chunked body, headers too large): no route and no Fastify hook ever sees them, and Fastify's
 * default answer is plain `{"error":"Bad Request"}`. API.md promises problem+json with a stable
 * code for bad input, so they get one here, with the security headers every other answer has, and
 * the connection is closed (the parser cannot tell where the next request would begin).
 */
import type { Duplex } from 'node:stream';
import { AppError } from '../errors.js';
import { problemOf } from './errors.js';

/** Headers every answer carries (security-headers.ts), as raw header lines for a socket. */
export type RawHeaders = Readonly<Record<string, string>>;

export function answerClientError(error: Error & { code?: string }, socket: Duplex, headers: RawHeaders = {}): void {
  // A client that went away or timed out idle has no one to read an answer.
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const problem = tooLarge
    ? { ...problemOf(new AppError('malformed_request', 'The request headers are too large')), status: 431 }
    : problemOf(new AppError('malformed_request', 'The request could not be parsed as HTTP'));
  const body = JSON.stringify(problem);
  const lines = [
    `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}`,
    'content-type: application/problem+json; charset=utf-8',
    `content-length: ${Buffer.byteLength(body)}`,
    'connection: close',
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
