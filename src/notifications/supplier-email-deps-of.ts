/** What supplier emails need, gathered from the composition root's Deps (for the capabilities that send them). */
import type { Deps } from '../deps.js';
import { createSupplierEmailRenderer, type SupplierEmailDeps } from './supplier-messages.js';

// The templates are compiled once per composition root, not per purchase order.
const made = new WeakMap<Deps, SupplierEmailDeps>();

export function supplierEmailDepsOf(deps: Deps): SupplierEmailDeps {
  const known = made.get(deps);
  if (known) return known;
  const email: SupplierEmailDeps = {
    ids: deps.ids,
    clock: deps.clock,
    enqueue: deps.enqueue,
    publicUrl: deps.config.publicUrl,
    transport: deps.messages.transports.email,
    renderer: createSupplierEmailRenderer({ overrideDir: deps.config.notifications.templatesDir }),
  };
  made.set(deps, email);
  return email;
}
