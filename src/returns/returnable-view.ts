/** What of one order may still come back now (returnable-lines.ts over the facts the request is checked with). */
import type { Static } from '@sinclair/typebox';
import type { Executor } from '../platform/db/database.js';
import type { OrderTable } from '../platform/db/schema.js';
import type { ReturnDeps } from './return-deps.js';
import { returnableLines } from './returnable-lines.js';
import { returnRequestFacts } from './returnable-units.js';
import type { ReturnableSchema } from './return.schemas.js';

export async function returnableView(db: Executor, deps: Pick<ReturnDeps, 'settings' | 'clock'>, order: OrderTable): Promise<Static<typeof ReturnableSchema>> {
  const skus = (await db.selectFrom('order_lines').select('sku').where('order_id', '=', order.id).execute()).map((l) => l.sku);
  const facts = await returnRequestFacts(db, order, skus);
  return { order_id: order.id, window_days: deps.settings.windowDays, lines: returnableLines(deps.settings, facts, deps.clock.now()) };
}
