/**
 * Label–value pairs (a <dl>): an order's customer, a return's amounts. Items that are null or
 * false are left out (`cond ? [term, value] : null`).
 *
 *   <Facts items={[['Email', order.customer.email], ['Phone', order.customer.phone ?? '—']]} />
 */
import type { ReactNode } from 'react';

export type Fact = readonly [term: ReactNode, value: ReactNode];

/** `label` names the list (a group: a <dl> itself may not carry aria-label). */
export function Facts({ items, label }: { items: readonly (Fact | null | false)[]; label?: string }) {
  const shown = items.filter((f): f is Fact => Array.isArray(f));
  const list = (
    <dl className="facts">
      {shown.map(([term, value], index) => (
        <div key={index} className="fact">
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
  return label ? (
    <div role="group" aria-label={label}>
      {list}
    </div>
  ) : (
    list
  );
}
