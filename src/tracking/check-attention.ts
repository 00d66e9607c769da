/**
 * The recurring half of the exception rules: lateness against the ETA and silence (no scan for
 * WAYBILL_NO_SCAN_HOURS) happen with time, not with an event, so a schedule looks at every shipment
 * still under way and raises or clears its attention.
 */
import { transactionWithRetry } from '../platform/db/database.js';
import { lockShipment, shipmentFromRow } from '../shipping/index.js';
import { sameAttention, type Attention } from './attention-rules.js';
import { terminalShipmentStatuses } from './shipment-status.js';
import { attentionFor, refreshAttention } from './tracking-attention.js';
import type { TrackingDeps } from './tracking-deps.js';

const PAGE = 500;
const ACTOR = 'system:tracking';

export async function checkShipmentAttention(deps: TrackingDeps): Promise<number> {
  let changed = 0;
  let after = '';
  for (;;) {
    const rows = await deps.db
      .selectFrom('shipments')
      .selectAll()
      .where('label_state', '=', 'purchased')
      .where((eb) => eb.or([eb('status', 'not in', [...terminalShipmentStatuses]), eb('attention', 'is not', null)]))
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return changed;
    after = rows[rows.length - 1]!.id;
    const now = deps.clock.now();
    for (const s of rows.map(shipmentFromRow)) {
      if (sameAttention(s.attention as Attention | null, attentionFor(s, now, deps.settings.noScanHours))) continue;
      await transactionWithRetry(deps.db, async (trx) => {
        const locked = await lockShipment(trx, s.id, now.toISOString());
        if (locked) await refreshAttention(trx, deps, locked, ACTOR);
      });
      changed++;
    }
  }
}
