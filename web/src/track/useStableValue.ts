/**
 * The same object as last render while its content (as JSON) is the same: a page that reloads its
 * data keeps handing the map the routes it already drew, so the map is redrawn (and the visitor's
 * zoom and pan lost) only when a scan actually moved something.
 */
import { useRef } from 'react';

export function useStableValue<T>(value: T): T {
  const last = useRef<{ key: string; value: T } | null>(null);
  const key = JSON.stringify(value);
  if (last.current === null || last.current.key !== key) last.current = { key, value };
  return last.current.value;
}
