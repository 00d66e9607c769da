/**
 * The admin's building blocks, for every admin page (import them from here):
 * - DataTable (+ Column), TableScroll: tables with a caption in a sideways-scrolling region;
 * - FiltersBar, useUrlFilters: a list's filters, kept in the query string;
 * - Pager, useCursorPager: paging through `next_cursor` lists;
 * - StatusPill (+ toneOf), statusVocabulary: a status in words on a coloured pill;
 * - ConfirmDialog, ConfirmButton: asking before a destructive action, with the server's error;
 * - useAction, ProblemAlert: a button's action against the API and its failure in words;
 * - BarChart, LineChart, HorizontalBarChart: SVG charts with a table alternative;
 * - LiveIndicator, useLiveRefresh: following the staff stream (throttled reloads);
 * - Section, Panel, Facts, LoadView, RecordPage: page sections, a panel opened from a row,
 *   label–value lists, loading/error states, a record's page frame (+ useActionNotice);
 * - ShownOnce: a secret the server hands out once; ReadOnlyNote: why a viewer sees no buttons;
 * - useCanWrite, useIsAdmin: what the role may do; durationSince: "3 h"; allPages: every row of a
 *   cursor list; wholeNumber, countOf: form text to numbers, counts in words.
 * The form fields are shared with the portal (shared/fields.tsx), as are idempotency keys
 * (shared/idempotency.ts, shared/useIdempotentSend.ts).
 */
export { DataTable, type Column, type DataTableProps } from './DataTable.js';
export { TableScroll } from './TableScroll.js';
export { FiltersBar, type FiltersBarProps } from './FiltersBar.js';
export { useUrlFilters, type UrlFilters } from './useUrlFilters.js';
export { Pager, useCursorPager, type CursorPager } from './Pager.js';
export { StatusPill, type StatusPillProps } from './StatusPill.js';
export { toneOf, type Tone } from './tones.js';
export { statusVocabulary, type StatusVocabulary, type StatusWords } from './status-words.js';
export { ConfirmButton, ConfirmDialog, type ConfirmButtonProps, type ConfirmDialogProps } from './ConfirmDialog.js';
export { useAction, type Action } from './useAction.js';
export { ProblemAlert } from './ProblemAlert.js';
export { BarChart } from './charts/BarChart.js';
export { LineChart } from './charts/LineChart.js';
export { HorizontalBarChart } from './charts/HorizontalBarChart.js';
export type { ChartPoint, ChartProps } from './charts/ChartFigure.js';
export { LiveIndicator } from './LiveIndicator.js';
export { useLiveRefresh, STAFF_STREAM, type LiveRefreshOptions } from './useLiveRefresh.js';
export { Section } from './Section.js';
export { Panel } from './Panel.js';
export { Facts, type Fact } from './Facts.js';
export { LoadView } from './LoadView.js';
export { RecordPage, useActionNotice, type RecordPageProps } from './RecordPage.js';
export { ShownOnce, type ShownOnceProps } from './ShownOnce.js';
export { ReadOnlyNote } from './ReadOnlyNote.js';
export { useCanWrite, useIsAdmin } from './roles.js';
export { durationSince } from './time.js';
export { allPages } from './all-pages.js';
export { countOf, wholeNumber } from './numbers.js';
