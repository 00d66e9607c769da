/**
 * A list's filters kept in the address's query string, so a filtered list can be shared and the
 * back button steps through the filters tried. Only the keys named are read; empty values are
 * left out of the address.
 *
 *   const filters = useUrlFilters(['status', 'q'] as const);
 *   filters.values.status          // '' when not set
 *   filters.set({ status: 'placed', q: '' });   // a new history entry
 *   filters.key                    // changes with the filters (a reset key for useCursorPager)
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export interface UrlFilters<K extends string> {
  values: Record<K, string>;
  /** How many filters are set. */
  active: number;
  /** A string that changes whenever the filters do. */
  key: string;
  set(next: Partial<Record<K, string>>): void;
  clear(): void;
}

export function useUrlFilters<K extends string>(keys: readonly K[]): UrlFilters<K> {
  const [params, setParams] = useSearchParams();
  const signature = keys.join(',');
  const values = useMemo(() => Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>, [params, signature]);
  const set = useCallback(
    (next: Partial<Record<K, string>>) => {
      const merged = new URLSearchParams(params);
      for (const [k, v] of Object.entries(next) as [K, string | undefined][]) {
        const value = (v ?? '').trim();
        if (value === '') merged.delete(k);
        else merged.set(k, value);
      }
      setParams(merged);
    },
    [params, setParams],
  );
  const clear = useCallback(() => {
    const kept = new URLSearchParams(params);
    for (const k of keys) kept.delete(k);
    setParams(kept);
  }, [params, setParams, signature]);
  const key = keys.map((k) => `${k}=${values[k]}`).join('&');
  return { values, active: keys.filter((k) => values[k] !== '').length, key, set, clear };
}
