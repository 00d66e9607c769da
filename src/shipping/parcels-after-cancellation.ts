/**
 * What a cancellation means for an order's waiting parcels: which were left with nothing to carry
 * (their labels are given up), and what the others still carry. Pure.
 *
 * Units are reserved per SKU and warehouse, not per parcel, so "this parcel's units were cancelled"
 * means: the other waiting parcels from that warehouse still hold every unit that is left to ship.
 * Only parcels whose every line is surplus are given up; the newest first, as it is usually the one
 * a person bought by hand for some lines. A parcel that keeps some units to ship keeps its label
 * (it still goes, only lighter: the packer leaves the cancelled units out), and its lines shrink to
 * what it still carries, so that its first scan ships those and raises no alarm about the rest.
 */

export interface WaitingParcel {
  id: string;
  warehouse_id: string;
  lines: ReadonlyArray<{ sku: string; quantity: number }>;
}

export interface OpenUnits {
  sku: string;
  warehouse_id: string;
  /** Units still reserved to ship (allocated minus released minus shipped). */
  quantity: number;
}

export interface AfterCancellation {
  /** Parcels to give up, newest (greatest id) first. */
  emptied: string[];
  /** Parcels kept that now carry less: their new lines. */
  trimmed: Array<{ id: string; lines: Array<{ sku: string; quantity: number }> }>;
}

const keyOf = (sku: string, warehouseId: string) => `${sku}\u0000${warehouseId}`;

function add(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

export function parcelsAfterCancellation(open: readonly OpenUnits[], parcels: readonly WaitingParcel[]): AfterCancellation {
  const stillOpen = new Map<string, number>();
  for (const o of open) add(stillOpen, keyOf(o.sku, o.warehouse_id), Math.max(0, o.quantity));
  const held = new Map<string, number>();
  for (const p of parcels) for (const l of p.lines) add(held, keyOf(l.sku, p.warehouse_id), l.quantity);
  const newestFirst = [...parcels].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));

  const emptied: string[] = [];
  for (const p of newestFirst) {
    const mine = new Map<string, number>();
    for (const l of p.lines) add(mine, keyOf(l.sku, p.warehouse_id), l.quantity);
    if (![...mine].every(([key, n]) => (held.get(key) ?? 0) - n >= (stillOpen.get(key) ?? 0))) continue;
    for (const [key, n] of mine) add(held, key, -n);
    emptied.push(p.id);
  }

  // What the kept parcels hold beyond the open units comes off them, newest first.
  const excess = new Map<string, number>();
  for (const [key, n] of held) if (n > (stillOpen.get(key) ?? 0)) excess.set(key, n - (stillOpen.get(key) ?? 0));
  const trimmed: AfterCancellation['trimmed'] = [];
  for (const p of newestFirst.filter((x) => !emptied.includes(x.id))) {
    let changed = false;
    const lines = p.lines.map((l) => {
      const key = keyOf(l.sku, p.warehouse_id);
      const off = Math.min(l.quantity, excess.get(key) ?? 0);
      if (off === 0) return { sku: l.sku, quantity: l.quantity };
      excess.set(key, (excess.get(key) ?? 0) - off);
      changed = true;
      return { sku: l.sku, quantity: l.quantity - off };
    });
    if (changed) trimmed.push({ id: p.id, lines: lines.filter((l) => l.quantity > 0) });
  }
  return { emptied, trimmed };
}
