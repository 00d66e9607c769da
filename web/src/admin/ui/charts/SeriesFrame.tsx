/**
 * What BarChart and LineChart draw alike: the SVG (an img named by the title and the summary), the
 * scale from 0 to a round top, the value axis with its grid lines on the left, and the points'
 * labels along the bottom. Each chart draws its marks (bars, a line) inside.
 */
import type { ReactNode } from 'react';
import { summaryOf, type ChartProps } from './ChartFigure.js';
import { edgeAnchor, labelEvery, niceCeiling, ticks, type ChartPoint } from './chart-scale.js';

export const CHART = { width: 600, height: 240, left: 52, right: 10, top: 12, bottom: 30 } as const;
export const PLOT_WIDTH = CHART.width - CHART.left - CHART.right;
const PLOT_HEIGHT = CHART.height - CHART.top - CHART.bottom;

/** The y of a value on the scale whose top is the round number at or above the largest point. */
export function valueScale(points: readonly ChartPoint[]): { top: number; y(value: number): number; bottom: number } {
  const top = niceCeiling(Math.max(0, ...points.map((p) => p.value ?? 0)));
  return { top, y: (v) => CHART.top + PLOT_HEIGHT - (v / top) * PLOT_HEIGHT, bottom: CHART.top + PLOT_HEIGHT };
}

export interface SeriesFrameProps {
  chart: ChartProps;
  format: (value: number) => string;
  top: number;
  y(value: number): number;
  /** Where the label of point `index` stands along the bottom. */
  labelX(index: number): number;
  children: ReactNode;
}

export function SeriesFrame({ chart, format, top, y, labelX, children }: SeriesFrameProps) {
  const { points, title } = chart;
  const showLabel = labelEvery(points.length);
  return (
    <svg className="chart-svg" viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-label={`${title}. ${chart.summary ?? summaryOf(points, format)}`}>
      <g>
        {ticks(top).map((t) => (
          <g key={t}>
            <line className="chart-grid" x1={CHART.left} x2={CHART.width - CHART.right} y1={y(t)} y2={y(t)} />
            <text className="chart-label" x={CHART.left - 6} y={y(t) + 4} textAnchor="end">
              {format(t)}
            </text>
          </g>
        ))}
      </g>
      {children}
      {points.map((p, i) =>
        showLabel(i) ? (
          <text key={p.label} className="chart-label" x={labelX(i)} y={CHART.height - 10} textAnchor={edgeAnchor(i, points.length)}>
            {p.short ?? p.label}
          </text>
        ) : null,
      )}
    </svg>
  );
}
