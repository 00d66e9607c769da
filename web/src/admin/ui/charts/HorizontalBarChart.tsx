/**
 * One horizontal bar per item (on-time rate per carrier), SVG by hand, the value written at the
 * bar's end, and the figures as a table (ChartFigure). `max` fixes the scale (1 for rates).
 *
 *   <HorizontalBarChart title="On time, by carrier" valueName="On time" labelName="Carrier" max={1}
 *     formatValue={(v) => `${Math.round(v * 100)}%`} points={carriers.map((c) => ({ label: c.carrier, value: c.on_time_rate }))} />
 */
import { ChartFigure, summaryOf, type ChartProps } from './ChartFigure.js';
import { niceCeiling } from './chart-scale.js';

const ROW = 34;
const WIDTH = 600;
const LABEL_W = 150;
const VALUE_W = 90;

export function HorizontalBarChart(props: ChartProps & { max?: number }) {
  return (
    <ChartFigure props={props}>
      {(format) => {
        const { points, title } = props;
        const top = props.max ?? niceCeiling(Math.max(0, ...points.map((p) => p.value ?? 0)));
        const height = Math.max(1, points.length) * ROW + 8;
        const plotW = WIDTH - LABEL_W - VALUE_W;
        return (
          <svg className="chart-svg" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={`${title}. ${props.summary ?? summaryOf(points, format)}`}>
            {points.map((p, i) => {
              const y = 4 + i * ROW;
              const w = p.value === null ? 0 : Math.max(2, (Math.min(p.value, top) / top) * plotW);
              return (
                <g key={p.label}>
                  <text className="chart-label chart-label-large" x={LABEL_W - 8} y={y + ROW / 2 + 5} textAnchor="end">
                    {p.short ?? p.label}
                  </text>
                  <rect className="chart-track" x={LABEL_W} y={y + 6} width={plotW} height={ROW - 12} />
                  <rect className="chart-bar" x={LABEL_W} y={y + 6} width={w} height={ROW - 12}>
                    <title>{`${p.label}: ${p.value === null ? 'no figure' : format(p.value)}`}</title>
                  </rect>
                  <text className="chart-label chart-label-large" x={LABEL_W + w + 6} y={y + ROW / 2 + 5}>
                    {p.value === null ? '—' : format(p.value)}
                  </text>
                </g>
              );
            })}
          </svg>
        );
      }}
    </ChartFigure>
  );
}
