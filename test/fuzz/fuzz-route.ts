/**
 * Fuzzes one route: samples its requests from a seed, sends them a few at a time, checks each
 * answer, and when some answer breaks the contract replays the same seed through fast-check one
 * request at a time so that it shrinks the request to a small one that still breaks it.
 */
import fc from 'fast-check';
import type { Operation } from './openapi-document.js';
import type { FuzzRequest } from './request-arbitrary.js';
import type { ResponseChecker } from './response-check.js';
import { sendRequest, type Sent } from './send-request.js';

export interface RouteRun {
  baseUrl: string;
  operation: Operation;
  arbitrary: fc.Arbitrary<FuzzRequest>;
  credentials: Record<string, string>;
  checker: ResponseChecker;
  runs: number;
  seed: number;
  concurrency: number;
}

export interface Failure {
  request: FuzzRequest;
  problem: string;
  answer: string;
}

export interface RouteResult {
  key: string;
  sent: number;
  statuses: Record<number, number>;
  failures: Failure[];
  /** fast-check's shrunk counterexample for the first failure, when it reproduced. */
  shrunk: Failure | null;
}

const SHRINK_TIME_LIMIT_MS = 10_000;

function problemOf(run: RouteRun, answer: Sent): string | null {
  if (answer.transportError !== undefined) return `no answer: ${answer.transportError}`;
  return run.checker.check(run.operation, answer);
}

function summary(answer: Sent): string {
  return `${answer.status} ${answer.contentType} ${(answer.text ?? '').slice(0, 300)}`;
}

/** Shown in failure reports: bodies cut short (a megabyte of filler helps nobody). */
export function describeRequest(request: FuzzRequest): string {
  const body = request.body === undefined ? '' : ` body=${JSON.stringify(request.body.length > 400 ? `${request.body.slice(0, 400)}… (${request.body.length} chars)` : request.body)}`;
  return `${request.method} ${request.url} headers=${JSON.stringify(request.headers)}${body}`;
}

export async function fuzzRoute(run: RouteRun): Promise<RouteResult> {
  const requests = fc.sample(run.arbitrary, { numRuns: run.runs, seed: run.seed });
  const statuses: Record<number, number> = {};
  const failures: Failure[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++]!;
      const answer = await sendRequest(run.baseUrl, request, run.credentials);
      statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
      const problem = problemOf(run, answer);
      if (problem !== null) failures.push({ request, problem, answer: summary(answer) });
    }
  };
  await Promise.all(Array.from({ length: run.concurrency }, worker));
  return { key: run.operation.key, sent: requests.length, statuses, failures, shrunk: failures.length > 0 ? await shrink(run) : null };
}

async function shrink(run: RouteRun): Promise<Failure | null> {
  const property = fc.asyncProperty(run.arbitrary, async (request) => problemOf(run, await sendRequest(run.baseUrl, request, run.credentials)) === null);
  const result = await fc.check(property, { numRuns: run.runs, seed: run.seed, interruptAfterTimeLimit: SHRINK_TIME_LIMIT_MS });
  if (!result.failed || result.counterexample === null) return null;
  // Sent once more for its answer (fast-check keeps only the request).
  const [request] = result.counterexample;
  const answer = await sendRequest(run.baseUrl, request, run.credentials);
  return { request, problem: problemOf(run, answer) ?? 'did not fail again when resent', answer: summary(answer) };
}
