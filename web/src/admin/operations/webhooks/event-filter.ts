/** An endpoint's event filter: exact types, `<family>.*` and `*` (GET /webhook-event-types). Pure. */

export function familyOf(type: string): string {
  const dot = type.indexOf('.');
  return dot === -1 ? type : type.slice(0, dot);
}

/** The types grouped by family, in the order the server lists them. */
export function byFamily(types: readonly string[]): Array<{ family: string; types: string[] }> {
  const groups = new Map<string, string[]>();
  for (const type of types) {
    const family = familyOf(type);
    groups.set(family, [...(groups.get(family) ?? []), type]);
  }
  return [...groups].map(([family, members]) => ({ family, types: members }));
}

/** A type already covered by `*` or its family's pattern. */
export function isCovered(selected: ReadonlySet<string>, type: string): boolean {
  return selected.has('*') || selected.has(`${familyOf(type)}.*`);
}

/** What to send: the broadest entries chosen, without the types they cover. */
export function filterToSend(selected: ReadonlySet<string>): string[] {
  if (selected.has('*')) return ['*'];
  return [...selected].filter((entry) => entry.endsWith('.*') || !isCovered(selected, entry));
}

/** The filter in a few words ("Every event", "order.*, shipment.shipped"). */
export function filterWords(events: readonly string[]): string {
  if (events.includes('*')) return 'Every event';
  return events.join(', ');
}
