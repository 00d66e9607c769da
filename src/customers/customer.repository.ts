import { sql } from 'kysely';
import type { Executor } from '../platform/db/database.js';
import { prepared } from '../platform/db/prepared.js';
import type { CustomerTable } from '../platform/db/schema.js';
import type { Ids } from '../platform/ids.js';

export interface CustomerContact {
  email: string;
  name: string;
  phone: string | null;
}

// Compiled once (a phone of null is its own shape): on the order hot path (measured reason: platform/db/prepared.ts).
const upsertCustomerRow = prepared((db, row: CustomerTable) =>
  db
    .insertInto('customers')
    .values(row)
    .onConflict((oc) =>
      oc.column('email').doUpdateSet({
        name: (eb) => eb.ref('excluded.name'),
        phone: sql`coalesce(excluded.phone, customers.phone)`,
        updated_at: (eb) => eb.ref('excluded.updated_at'),
      }),
    )
    .returning('id'),
);

/**
 * Finds the customer by email or creates one, keeping the latest name and phone: a customer is
 * who the orders say they are. One statement, safe against two first orders at the same moment.
 */
export async function upsertCustomer(db: Executor, ids: Ids, contact: CustomerContact, now: string): Promise<string> {
  const { rows } = await upsertCustomerRow(db, { id: ids.new('cus'), email: contact.email, name: contact.name, phone: contact.phone, created_at: now, updated_at: now });
  const row = rows[0];
  if (!row) throw new Error('upserting a customer returned no row');
  return row.id;
}

export interface CustomerView {
  id: string;
  email: string;
  name: string;
  phone: string | null;
  order_count: number;
  lifetime_value: number;
  created_at: string;
  updated_at: string;
}

function customerQuery(db: Executor) {
  return db
    .selectFrom('customers')
    .select(['customers.id', 'customers.email', 'customers.name', 'customers.phone', 'customers.created_at', 'customers.updated_at'])
    .select((eb) => [
      eb.selectFrom('orders').select(eb.fn.countAll<number>().as('n')).whereRef('orders.customer_id', '=', 'customers.id').as('order_count'),
      eb
        .selectFrom('orders')
        .select(sql<number>`coalesce(sum(total), 0)`.as('v'))
        .whereRef('orders.customer_id', '=', 'customers.id')
        .where('orders.status', '!=', 'cancelled')
        .as('lifetime_value'),
    ]);
}

function toView(row: { id: string; email: string; name: string; phone: string | null; created_at: string; updated_at: string; order_count: unknown; lifetime_value: unknown }): CustomerView {
  return { ...row, order_count: Number(row.order_count ?? 0), lifetime_value: Number(row.lifetime_value ?? 0) };
}

export async function findCustomer(db: Executor, id: string): Promise<CustomerView | null> {
  const row = await customerQuery(db).where('customers.id', '=', id).executeTakeFirst();
  return row ? toView(row) : null;
}

export async function listCustomers(db: Executor, filter: { email?: string; before?: string; limit: number }): Promise<CustomerView[]> {
  let query = customerQuery(db).orderBy('customers.id', 'desc').limit(filter.limit);
  if (filter.email !== undefined) query = query.where('customers.email', '=', filter.email.toLowerCase());
  if (filter.before !== undefined) query = query.where('customers.id', '<', filter.before);
  return (await query.execute()).map(toView);
}
