/** The report the run prints: what it injected, what it checked (with figures), and the verdict. */
import type { Check } from './checks.js';
import type { ChaosOptions } from './options.js';
import type { Kill } from './processes.js';
import type { Recovery } from './recovery.js';
import type { RestartResult } from './postgres-restart.js';
import type { PlacedOrder } from './traffic.js';

export interface RunSummary {
  options: ChaosOptions;
  database: string;
  placed: readonly PlacedOrder[];
  deliveredOrders: number;
  kills: readonly Kill[];
  lostMidRequest: number;
  restart: RestartResult | null;
  restartSkipped: string | null;
  recovery: Recovery | null;
  /** Problems of the run itself (not settled in time, a restart CI needed and did not get). */
  runProblems: string[];
  checks: Check[];
  phases: Array<[string, number]>;
  totalMs: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function printReport(s: RunSummary): boolean {
  const out: string[] = [];
  const p = (line = '') => out.push(line);
  const o = s.options;
  p('');
  p('=== chaos run report ===');
  p(`seed ${o.seed} (repeat: npm run chaos -- ${o.short ? '--short ' : ''}--orders ${o.orders} --seed ${o.seed}); database ${s.database}`);
  const count = (f: (x: PlacedOrder) => boolean) => s.placed.filter(f).length;
  p(
    `orders: ${s.placed.length} sent — ${count((x) => x.outcome === 'placed')} placed, ${count((x) => x.outcome === 'refused')} refused (409, oversell attempts), ${count((x) => x.plan.declines && x.orderId !== null)} declined (402, or later when the provider was out of reach), ` +
      `${count((x) => x.cancelStatus === 200)} cancelled, ${count((x) => x.refundStatus === 201)} refunded (goodwill), ${s.deliveredOrders} delivered`,
  );
  p('');
  p('injected:');
  const byKind = (kind: string) => s.kills.filter((k) => k.kind === kind);
  p(`  SIGKILLs: ${s.kills.length} — ${byKind('api').length} API, ${byKind('worker').length} worker; ${s.lostMidRequest} requests lost mid-flight at the balancer (retried by the clients)`);
  for (const k of s.kills) p(`    +${seconds(k.atMs)}  ${k.name.padEnd(10)} after ${seconds(k.livedMs)} of life`);
  if (s.restart) {
    p(`  PostgreSQL restart at +${seconds(s.restart.atMs)}: \`${s.restart.command}\` took ${seconds(s.restart.tookMs)}${s.restart.error ? ` — FAILED: ${s.restart.error}` : ''}; other clients connected to the server then: ${s.restart.otherConnections}`);
    if (s.recovery) {
      for (const [url, ms] of Object.entries(s.recovery.apis)) {
        const failed = s.recovery.apiFailures[url]!;
        p(`    API ${url} ready again ${ms === null ? 'NEVER' : `${seconds(ms)} after the server was back`}${failed.count > 0 ? ` (${failed.count} unready answers before, the last: ${failed.last.slice(0, 160)})` : ''}`);
      }
      p(`    workers finished a job again ${s.recovery.workers === null ? 'NEVER' : `${seconds(s.recovery.workers)} after the server was back`}`);
    }
  } else p(`  PostgreSQL restart: ${s.restartSkipped}`);
  p('');
  p('checked:');
  let ok = s.runProblems.length === 0;
  for (const c of s.checks) {
    const passed = c.problems.length === 0;
    ok &&= passed;
    p(`  [${passed ? 'PASS' : 'FAIL'}] ${c.name}`);
    for (const f of c.figures) p(`         ${f}`);
    for (const problem of c.problems) p(`         ✗ ${problem}`);
  }
  for (const problem of s.runProblems) p(`  [FAIL] ${problem}`);
  p('');
  p(`phases: ${s.phases.map(([name, ms]) => `${name} ${seconds(ms)}`).join(', ')}`);
  p(`total ${seconds(s.totalMs)} — ${ok ? 'PASSED' : 'FAILED'}`);
  console.log(out.join('\n'));
  return ok;
}
