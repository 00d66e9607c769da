/**
 * Vertical bars over a series (orders per day): drawn as SVG by hand, no chart library. Each bar
 * carries a <title> (a tooltip on hover); the figures are also a table (ChartFigure).
 *
 *   <BarChart title="Orders per day" valueName="Orders" labelName="Day"
 *     points={days.map((d) => ({ label: formatDay(d.date), short: d.date.slice(5), value: d.orders }))} />
 */
import { ChartFigure, summaryOf, type ChartProps } from './ChartFigure.js';
import { edgeAnchor, labelEvery, niceCeiling, ticks } from './chart-scale.js';

export const CHART = { width: 600, height: 240, left: 52, right: 10, top: 12, bottom: 30 } as const;

export function BarChart(props: ChartProps) {
  return (
    <ChartFigure props={props}>
      {(format) => {
        const { points, title } = props;
        const top = niceCeiling(Math.max(0, ...points.map((p) => p.value ?? 0)));
        const plotW = CHART.width - CHART.left - CHART.right;
        const plotH = CHART.height - CHART.top - CHART.bottom;
        const slot = plotW / Math.max(1, points.length);
        const barW = Math.max(2, slot * 0.7);
        const y = (v: number) => CHART.top + plotH - (v / top) * plotH;
        const showLabel = labelEvery(points.length);
        return (
          <svg className="chart-svg" viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-label={`${title}. ${props.summary ?? summaryOf(points, format)}`}>
            <ValueAxis top={top} format={format} y={y} />
            {points.map((p, i) => {
              const x = CHART.left + i * slot + (slot - barW) / 2;
              const v = p.value ?? 0;
              return (
                <g key={p.label}>
                  <rect className="chart-bar" x={x} y={y(v)} width={barW} height={Math.max(0, CHART.top + plotH - y(v))}>
                    <title>{`${p.label}: ${p.value === null ? 'no figure' : format(p.value)}`}</title>
                  </rect>
                  {showLabel(i) ? (
                    <text className="chart-label" x={x + barW / 2} y={CHART.height - 10} textAnchor={edgeAnchor(i, points.length)}>
                      {p.short ?? p.label}
                    </text>
                  ) : null}
                </g>
              );
            })}
          </svg>
        );
      }}
    </ChartFigure>
  );
}

/** Grid lines and their values on the left. Shared with LineChart. */
export function ValueAxis({ top, format, y }: { top: number; format: (v: number) => string; y: (v: number) => number }) {
  return (
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
  );
}
