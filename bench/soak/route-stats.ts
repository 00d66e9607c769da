/**
 * Per-route figures of the soak: every request is recorded under its route pattern (method + the
 * route as the server declares it, not the concrete URL), with its latency (first byte sent to
 * the whole body read) and its outcome: 2xx/3xx, 4xx, 5xx, or a network error (no answer at all).
 * 5xx and network errors are kept apart from 4xx: a 5xx is a bug, a 4xx may be the load's own doing.
 */
import { percentile, round } from '../support/stats.js';

export interface RouteFigures {
  route: string;
  count: number;
  ok: number;
  client_errors_4xx: number;
  server_errors_5xx: number;
  network_errors: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  max_ms: number;
  status_codes: Record<string, number>;
}

interface RouteTally {
  latencies: number[];
  statuses: Map<string, number>;
  ok: number;
  clientErrors: number;
  serverErrors: number;
  networkErrors: number;
}

/** How many 5xx/network-error examples to keep for the report (enough to see a pattern). */
const KEPT_PROBLEMS = 20;

export function createRouteStats() {
  const routes = new Map<string, RouteTally>();
  const problems: string[] = [];
  const tallyOf = (route: string) => {
    let tally = routes.get(route);
    if (!tally) routes.set(route, (tally = { latencies: [], statuses: new Map(), ok: 0, clientErrors: 0, serverErrors: 0, networkErrors: 0 }));
    return tally;
  };
  return {
    problems,
    /** `status` null: the request got no answer (refused, reset, timed out). */
    record(route: string, status: number | null, ms: number, detail?: string): void {
      const tally = tallyOf(route);
      tally.latencies.push(ms);
      const code = status === null ? 'network' : String(status);
      tally.statuses.set(code, (tally.statuses.get(code) ?? 0) + 1);
      if (status === null) tally.networkErrors++;
      else if (status >= 500) tally.serverErrors++;
      else if (status >= 400) tally.clientErrors++;
      else tally.ok++;
      if ((status === null || status >= 500) && problems.length < KEPT_PROBLEMS) problems.push(`${route} → ${code}: ${(detail ?? '').slice(0, 300)}`);
    },
    figures(): RouteFigures[] {
      return [...routes.entries()]
        .map(([route, t]) => {
          const sorted = Float64Array.from(t.latencies).sort();
          return {
            route,
            count: t.latencies.length,
            ok: t.ok,
            client_errors_4xx: t.clientErrors,
            server_errors_5xx: t.serverErrors,
            network_errors: t.networkErrors,
            p50_ms: round(percentile(sorted, 50)),
            p95_ms: round(percentile(sorted, 95)),
            p99_ms: round(percentile(sorted, 99)),
            max_ms: round(sorted[sorted.length - 1] ?? Number.NaN),
            status_codes: Object.fromEntries([...t.statuses.entries()].sort()),
          };
        })
        .sort((a, b) => a.route.localeCompare(b.route));
    },
  };
}

export type RouteStats = ReturnType<typeof createRouteStats>;

/** A request recorded under `route`; resolves to the answer's status and parsed JSON body (null when none or not JSON). */
export async function timedRequest(stats: RouteStats, route: string, url: string, init: RequestInit = {}): Promise<{ status: number; body: unknown } | null> {
  const started = performance.now();
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    const text = await res.text();
    stats.record(route, res.status, performance.now() - started, text);
    if (!(res.headers.get('content-type') ?? '').includes('json')) return { status: res.status, body: null };
    return { status: res.status, body: text.length > 0 ? (JSON.parse(text) as unknown) : null };
  } catch (error) {
    stats.record(route, null, performance.now() - started, error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    return null;
  }
}
