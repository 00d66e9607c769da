/**
 * The runner's HTTP client: JSON over the balancer, and a request retried — with the same
 * Idempotency-Key — through everything that says "not answered" rather than "no": a dropped
 * connection, a 502/503 of the balancer or of a server whose database is restarting, a 500 while
 * PostgreSQL is down, and 409 `idempotency_key_in_use` (the first attempt died holding the key:
 * it is taken over once its lock goes stale).
 */
import { setTimeout as sleep } from 'node:timers/promises';

export interface Answer {
  status: number;
  body: any;
  /** Attempts it took (1 = answered at once). */
  attempts: number;
  /** Statuses of the attempts that were retried (0 = no answer at all). */
  retried: number[];
}

export interface ChaosClient {
  get(path: string): Promise<Answer>;
  post(path: string, body: unknown, idempotencyKey?: string): Promise<Answer>;
}

/** Longer than the idempotency lock (60 s), so a key a killed server held is always taken over. */
const RETRY_FOR_MS = 180_000;

function retryable(status: number, body: any): boolean {
  if (status === 0 || status === 500 || status === 502 || status === 503 || status === 504) return true;
  return status === 409 && body?.code === 'idempotency_key_in_use';
}

export function chaosClient(baseUrl: string, apiKey: string): ChaosClient {
  async function call(method: string, path: string, body: unknown, idempotencyKey: string | undefined): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `Bearer ${apiKey}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    const deadline = Date.now() + RETRY_FOR_MS;
    const retried: number[] = [];
    for (let attempt = 1; ; attempt++) {
      let status: number;
      let parsed: any = null;
      try {
        const response = await fetch(baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(130_000) });
        status = response.status;
        const text = await response.text();
        parsed = text.length > 0 && (response.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
      } catch {
        status = 0;
      }
      if (!retryable(status, parsed) || Date.now() > deadline) return { status, body: parsed, attempts: attempt, retried };
      retried.push(status);
      await sleep(Math.min(2_000, 100 * 2 ** Math.min(attempt, 5)));
    }
  }
  return {
    get: (path) => call('GET', path, undefined, undefined),
    post: (path, body, key) => call('POST', path, body, key),
  };
}
