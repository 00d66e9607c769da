/**
 * The admin's building blocks, for every admin page:
 * - DataTable (+ Column), TableScroll: tables with a caption in a sideways-scrolling region;
 * - FiltersBar, useUrlFilters: a list's filters, kept in the query string;
 * - Pager, useCursorPager: paging through `next_cursor` lists;
 * - StatusPill (+ toneOf): a status in words on a coloured pill;
 * - ConfirmDialog, ConfirmButton: asking before a destructive action, with the server's error;
 * - BarChart, LineChart, HorizontalBarChart: SVG charts with a table alternative;
 * - LiveIndicator, useLiveRefresh: following the staff stream (throttled reloads);
 * - Section, Facts, LoadView: page sections, label–value lists, loading/error states;
 * - SelectField, TextAreaField, CheckboxField: fields forms.tsx lacks;
 * - useCanWrite: viewers only read; durationSince: "3 h"; allPages: every row of a cursor list;
 * - newIdempotencyKey: for POSTs that create something.
 */
export { DataTable, type Column, type DataTableProps } from './DataTable.js';
export { TableScroll } from './TableScroll.js';
export { FiltersBar, type FiltersBarProps } from './FiltersBar.js';
export { useUrlFilters, type UrlFilters } from './useUrlFilters.js';
export { Pager, useCursorPager, type CursorPager } from './Pager.js';
export { StatusPill, toneOf, type Tone } from './StatusPill.js';
export { ConfirmButton, ConfirmDialog, type ConfirmButtonProps, type ConfirmDialogProps } from './ConfirmDialog.js';
export { BarChart } from './charts/BarChart.js';
export { LineChart } from './charts/LineChart.js';
export { HorizontalBarChart } from './charts/HorizontalBarChart.js';
export type { ChartPoint, ChartProps } from './charts/ChartFigure.js';
export { LiveIndicator } from './LiveIndicator.js';
export { useLiveRefresh, STAFF_STREAM, type LiveRefreshOptions } from './useLiveRefresh.js';
export { Section } from './Section.js';
export { Facts, type Fact } from './Facts.js';
export { LoadView } from './LoadView.js';
export { CheckboxField, SelectField, TextAreaField, type Option } from './fields.js';
export { useCanWrite } from './useCanWrite.js';
export { durationSince } from './time.js';
export { allPages } from './all-pages.js';
export { newIdempotencyKey } from './idempotency-key.js';
