import { describe, expect, it } from 'vitest';
import { shipmentStatuses } from '../shipping/index.js';
import { evaluateAttention } from './attention-rules.js';
import { aggregateProgress, applyEvents, shipmentTransitions, terminalShipmentStatuses, type ShipmentProgress } from './shipment-status.js';

const fresh: ShipmentProgress = { status: 'label_created', reason: null, lastEventAt: null, shippedAt: null, deliveredAt: null, signedBy: null, proofOfDelivery: null, hadIncident: false };
const at = (h: number) => new Date(Date.UTC(2026, 10, 22, h)).toISOString();

describe('shipment lifecycle table', () => {
  it('reaches every state from label_created and leaves every non-terminal one', () => {
    const reached = new Set(['label_created']);
    const queue = ['label_created'];
    while (queue.length > 0) {
      for (const to of shipmentTransitions[queue.shift() as keyof typeof shipmentTransitions]) if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }
    }
    expect([...reached].sort()).toEqual(shipmentStatuses.filter((s) => s !== 'unknown').sort());
    for (const s of shipmentStatuses) if (!terminalShipmentStatuses.includes(s)) expect(shipmentTransitions[s].length, s).toBeGreaterThan(0);
    for (const s of terminalShipmentStatuses) expect(shipmentTransitions[s]).toEqual([]);
  });
});

describe('applying tracking events', () => {
  it('follows events in the order of their own timestamps, whatever order they arrive in', () => {
    const p = applyEvents(fresh, [
      { status: 'delivered', reason: null, occurredAt: at(15), signedBy: 'ADA' },
      { status: 'in_transit', reason: null, occurredAt: at(9) },
      { status: 'out_for_delivery', reason: null, occurredAt: at(12) },
    ]);
    expect(p).toMatchObject({ status: 'delivered', shippedAt: at(9), deliveredAt: at(15), signedBy: 'ADA', lastEventAt: at(15) });
  });

  it('a late event never moves the shipment backwards', () => {
    const moved = applyEvents(fresh, [{ status: 'out_for_delivery', reason: null, occurredAt: at(12) }]);
    const after = applyEvents(moved, [{ status: 'in_transit', reason: null, occurredAt: at(10) }]);
    expect(after.status).toBe('out_for_delivery');
    expect(after.lastEventAt).toBe(at(12));
    expect(after.shippedAt).toBe(at(10));
  });

  it('delivered is final; an unknown event keeps the status', () => {
    const delivered = applyEvents(fresh, [{ status: 'delivered', reason: null, occurredAt: at(12) }]);
    expect(applyEvents(delivered, [{ status: 'exception', reason: 'lost', occurredAt: at(13) }]).status).toBe('delivered');
    const unknown = applyEvents(fresh, [{ status: 'unknown', reason: null, occurredAt: at(11) }]);
    expect(unknown.status).toBe('label_created');
    expect(unknown.lastEventAt).toBe(at(11));
  });

  it('recovers from an exception and remembers that there was one', () => {
    const p = applyEvents(fresh, [
      { status: 'exception', reason: 'weather', occurredAt: at(10) },
      { status: 'in_transit', reason: null, occurredAt: at(14) },
    ]);
    expect(p).toMatchObject({ status: 'in_transit', reason: null, hadIncident: true });
  });
});

describe('attention rules', () => {
  const base = { status: 'in_transit' as const, incidentReason: null, estimatedDelivery: '2026-11-25T23:59:59.999Z', lastEventAt: at(10), createdAt: at(8) };
  const now = new Date(at(12));

  it('raises, in order of severity, and clears when nothing holds', () => {
    expect(evaluateAttention(base, now, 48)).toBeNull();
    expect(evaluateAttention({ ...base, status: 'returned_to_sender' }, now, 48)!.reason).toBe('returned_to_sender');
    expect(evaluateAttention({ ...base, status: 'exception', incidentReason: 'lost' }, now, 48)!.reason).toBe('lost');
    expect(evaluateAttention({ ...base, status: 'exception', incidentReason: 'carrier_damage' }, now, 48)!.reason).toBe('damaged');
    expect(evaluateAttention({ ...base, status: 'failed_attempt', incidentReason: 'recipient_absent' }, now, 48)).toMatchObject({ reason: 'failed_attempt', since: at(10), detail: 'recipient_absent' });
    expect(evaluateAttention({ ...base, status: 'exception', incidentReason: 'customs' }, now, 48)!.reason).toBe('exception');
    expect(evaluateAttention({ ...base, status: 'delivered', estimatedDelivery: at(0) }, now, 48)).toBeNull();
  });

  it('late against the ETA, and silent for longer than the threshold', () => {
    expect(evaluateAttention(base, new Date('2026-11-26T00:00:00Z'), 480)).toEqual({ reason: 'shipment_late', since: base.estimatedDelivery });
    expect(evaluateAttention(base, new Date('2026-11-24T10:00:01Z'), 48)).toEqual({ reason: 'no_scan', since: '2026-11-24T10:00:00.000Z' });
    expect(evaluateAttention(base, new Date('2026-11-24T09:59:00Z'), 48)).toBeNull();
  });
});

describe('shipments of several packages', () => {
  const pkg = (over: Partial<ShipmentProgress>): ShipmentProgress => ({ ...fresh, ...over });

  it('is delivered only when every package is', () => {
    const one = aggregateProgress([pkg({ status: 'delivered', deliveredAt: at(12), shippedAt: at(8), signedBy: 'ADA', lastEventAt: at(12) }), pkg({ status: 'in_transit', shippedAt: at(9), lastEventAt: at(13) })]);
    expect(one).toMatchObject({ status: 'in_transit', deliveredAt: null, shippedAt: at(8), lastEventAt: at(13), signedBy: 'ADA' });
    const all = aggregateProgress([pkg({ status: 'delivered', deliveredAt: at(12), lastEventAt: at(12) }), pkg({ status: 'delivered', deliveredAt: at(15), lastEventAt: at(15) })]);
    expect(all).toMatchObject({ status: 'delivered', deliveredAt: at(15) });
  });

  it('shows an incident of any package, and otherwise the least advanced one', () => {
    expect(aggregateProgress([pkg({ status: 'out_for_delivery', lastEventAt: at(9) }), pkg({ status: 'failed_attempt', reason: 'recipient_absent', hadIncident: true, lastEventAt: at(10) })])).toMatchObject({ status: 'failed_attempt', reason: 'recipient_absent', hadIncident: true });
    expect(aggregateProgress([pkg({ status: 'out_for_delivery', lastEventAt: at(9) }), pkg({ status: 'in_transit', lastEventAt: at(9) }), pkg({ status: 'delivered', lastEventAt: at(9) })]).status).toBe('in_transit');
  });

  it('a package not scanned yet travels with the others but keeps the shipment from delivered', () => {
    const p = aggregateProgress([pkg({}), pkg({ status: 'out_for_delivery', lastEventAt: at(9), shippedAt: at(8) })]);
    expect(p).toMatchObject({ status: 'in_transit', shippedAt: at(8) });
    expect(aggregateProgress([pkg({}), pkg({ status: 'delivered', lastEventAt: at(9), deliveredAt: at(9) })])).toMatchObject({ status: 'in_transit', deliveredAt: null });
    expect(aggregateProgress([pkg({}), pkg({})]).status).toBe('label_created');
  });
});
