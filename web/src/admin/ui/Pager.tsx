/**
 * Paging through a `{data, next_cursor}` list (newest first). The API only hands out the cursor
 * of the next page, so useCursorPager keeps the cursors of the pages seen to step back.
 *
 *   const pager = useCursorPager(filtersKey);       // back to page 1 when the filters change
 *   const orders = useLoad(() => call(…{ query: { …, cursor: pager.cursor } }), [filtersKey, pager.cursor]);
 *   <Pager label="Orders pages" pager={pager} nextCursor={orders.data?.next_cursor ?? null} />
 */
import { useCallback, useState } from 'react';

export interface CursorPager {
  /** The cursor of the page shown (undefined: the first page). */
  cursor: string | undefined;
  /** 1 for the first page. */
  page: number;
  next(cursor: string): void;
  previous(): void;
  first(): void;
}

export function useCursorPager(resetKey = ''): CursorPager {
  const [state, setState] = useState<{ key: string; stack: string[] }>({ key: resetKey, stack: [] });
  // New filters: the cursors of the old list mean nothing for the new one.
  const stack = state.key === resetKey ? state.stack : [];
  if (state.key !== resetKey) setState({ key: resetKey, stack: [] });
  const next = useCallback((cursor: string) => setState((s) => ({ key: s.key, stack: [...s.stack, cursor] })), []);
  const previous = useCallback(() => setState((s) => ({ key: s.key, stack: s.stack.slice(0, -1) })), []);
  const first = useCallback(() => setState((s) => ({ key: s.key, stack: [] })), []);
  return { cursor: stack.at(-1), page: stack.length + 1, next, previous, first };
}

export interface PagerProps {
  /** The navigation's accessible name ("Pages of orders"). */
  label: string;
  pager: CursorPager;
  /** The shown page's next_cursor (null: it is the last page). */
  nextCursor: string | null;
  /** While a page loads. */
  busy?: boolean;
}

export function Pager({ label, pager, nextCursor, busy = false }: PagerProps) {
  if (pager.page === 1 && nextCursor === null) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="button" onClick={pager.previous} disabled={pager.page === 1 || busy}>
        Previous page
      </button>
      <span className="pager-page">Page {pager.page}</span>
      <button type="button" className="button" onClick={() => nextCursor !== null && pager.next(nextCursor)} disabled={nextCursor === null || busy}>
        Next page
      </button>
    </nav>
  );
}
