/**
 * What must still hold after any storm of requests: stock equals its ledger, is never negative and
 * never reserved beyond what is on hand; for every payment refunded ≤ captured and the succeeded
 * refunds add up to `amount_refunded`; and no background job died. Each check returns what it
 * found wrong (empty when all is well), so that the test can print it whole.
 */
import { sql } from 'kysely';
import { ledgerMismatches } from '../../src/inventory/index.js';
import type { Db } from '../../src/platform/db/database.js';

export async function stockProblems(db: Db): Promise<string[]> {
  const problems = (await ledgerMismatches(db)).map((m) => `ledger mismatch: ${JSON.stringify(m)}`);
  const { rows } = await sql<{ sku: string; warehouse_id: string; on_hand: number; reserved: number }>`
    select sku, warehouse_id, on_hand, reserved from stock where on_hand < 0 or reserved < 0 or reserved > on_hand`.execute(db);
  for (const row of rows) problems.push(`stock out of bounds: ${JSON.stringify(row)}`);
  return problems;
}

export async function moneyProblems(db: Db): Promise<string[]> {
  const { rows } = await sql<{ id: string; amount_captured: number; amount_refunded: number; succeeded: number | null }>`
    select p.id, p.amount_captured, p.amount_refunded,
      (select sum(r.amount) from refunds r where r.payment_id = p.id and r.status = 'succeeded') as succeeded
    from payments p`.execute(db);
  const problems: string[] = [];
  for (const p of rows) {
    if (Number(p.amount_refunded) > Number(p.amount_captured)) problems.push(`payment ${p.id}: refunded ${p.amount_refunded} > captured ${p.amount_captured}`);
    if (Number(p.succeeded ?? 0) !== Number(p.amount_refunded)) problems.push(`payment ${p.id}: succeeded refunds add up to ${p.succeeded ?? 0}, amount_refunded is ${p.amount_refunded}`);
    if (Number(p.amount_refunded) < 0 || Number(p.amount_captured) < 0) problems.push(`payment ${p.id}: negative money ${JSON.stringify(p)}`);
  }
  return problems;
}

export async function deadJobs(db: Db): Promise<Array<{ type: string; last_error: string | null; payload: string }>> {
  const { rows } = await sql<{ type: string; last_error: string | null; payload: string }>`select type, last_error, payload from jobs where state = 'dead'`.execute(db);
  return rows;
}
