/**
 * The carriers this installation offers: the built-in sim unless switched off, and each real carrier
 * whose configuration is present (config-shipping.ts). Built once in the composition root.
 */
import type { ShippingSettings } from '../config-shipping.js';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import type { Carrier, CarrierName } from './carriers/carrier.js';
import { createDhlCarrier } from './carriers/dhl/index.js';
import { createFedexCarrier } from './carriers/fedex/index.js';
import { createSimCarrier } from './carriers/sim/index.js';
import { createUpsCarrier } from './carriers/ups/index.js';
import { createUspsCarrier } from './carriers/usps/index.js';

export interface Carriers {
  get(name: string): Carrier | undefined;
  readonly all: readonly Carrier[];
  readonly names: readonly CarrierName[];
}

export function carriersFrom(list: readonly Carrier[]): Carriers {
  const byName = new Map(list.map((c) => [c.name as string, c]));
  return { get: (name) => byName.get(name), all: list, names: list.map((c) => c.name) };
}

export function createCarriers(settings: ShippingSettings, deps: { db: Db; clock: Clock; publicUrl: string; supportEmail?: string }): Carriers {
  const list: Carrier[] = [];
  if (settings.sim.enabled) list.push(createSimCarrier(settings.sim, deps));
  const options = { clock: deps.clock };
  if (settings.ups) list.push(createUpsCarrier(settings.ups, options));
  if (settings.fedex) list.push(createFedexCarrier(settings.fedex, options));
  if (settings.dhl) list.push(createDhlCarrier(settings.dhl, options));
  // USPS writes to the shop about its tracking subscriptions.
  if (settings.usps) list.push(createUspsCarrier(settings.usps, { ...options, adminEmail: deps.supportEmail ?? null }));
  return carriersFrom(list);
}
