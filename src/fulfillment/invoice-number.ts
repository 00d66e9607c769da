/**
 * Gapless invoice numbers per calendar year (UTC): `INV-2026-000001`. The year's counter row is
 * incremented in the same transaction that inserts the invoice, so a rolled-back invoice gives its
 * number back and two concurrent invoices take the counter row's lock one after the other: no gap,
 * no duplicate. (A sequence would be faster and leave gaps on rollback; tax law wants none.)
 */
import { sql } from 'kysely';
import type { Trx } from '../platform/db/database.js';

export function formatInvoiceNumber(year: number, sequence: number): string {
  return `INV-${year}-${String(sequence).padStart(6, '0')}`;
}

export async function nextInvoiceSequence(trx: Trx, year: number): Promise<number> {
  const name = `invoice:${year}`;
  await trx
    .insertInto('counters')
    .values({ name, value: 0 })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await trx
    .updateTable('counters')
    .set({ value: sql`value + 1` })
    .where('name', '=', name)
    .returning('value')
    .executeTakeFirstOrThrow();
  return Number(row.value);
}
