/**
 * A return as staff and as its customer see it: the same view, with the label link each can open
 * (staff the shipment's label route, the customer the portal's own).
 */
import type { Executor } from '../platform/db/database.js';
import { notFound } from '../platform/errors.js';
import { customerLabelUrl } from './approve-return.js';
import { findReturn, returnViews, type ReturnRecord } from './return.repository.js';
import type { ReturnView } from './return.schemas.js';

export type Audience = 'staff' | 'customer';

export function labelUrlFor(audience: Audience, publicUrl: string): (r: ReturnRecord) => string {
  return audience === 'staff' ? (r) => `${publicUrl}/api/v1/shipments/${r.shipment_id}/label.pdf` : (r) => customerLabelUrl(publicUrl, r.id);
}

export function viewsFor(db: Executor, audience: Audience, publicUrl: string, records: readonly ReturnRecord[]): Promise<ReturnView[]> {
  return returnViews(db, records, labelUrlFor(audience, publicUrl));
}

export async function returnViewOrThrow(db: Executor, audience: Audience, publicUrl: string, id: string): Promise<ReturnView> {
  const record = await findReturn(db, id);
  if (record === null) throw notFound(`Return ${id}`);
  return (await viewsFor(db, audience, publicUrl, [record]))[0]!;
}
