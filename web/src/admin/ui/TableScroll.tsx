/**
 * The horizontally scrolling wrapper every admin table sits in: at 375 px a wide table scrolls
 * inside it, never the page. It is a focusable region named like its table, so a keyboard user can
 * scroll it too (axe: scrollable-region-focusable).
 *
 *   <TableScroll labelledBy={captionId}><table>…</table></TableScroll>
 */
import type { ReactNode } from 'react';

export interface TableScrollProps {
  /** The id of the element that names the table (its <caption>). */
  labelledBy?: string;
  /** Or a name of its own. */
  label?: string;
  children: ReactNode;
}

export function TableScroll({ labelledBy, label, children }: TableScrollProps) {
  return (
    <div className="table-scroll" role="region" aria-labelledby={labelledBy} aria-label={labelledBy ? undefined : label} tabIndex={0}>
      {children}
    </div>
  );
}
