/**
 * A line over a series (revenue per day), SVG by hand, with a dot and a <title> per point and the
 * figures as a table (ChartFigure). Points without a figure break the line.
 *
 *   <LineChart title="Revenue per day (USD)" valueName="Revenue" labelName="Day"
 *     formatValue={(v) => formatMoney(v, 'USD')} points={…} />
 */
import { CHART, ValueAxis } from './BarChart.js';
import { ChartFigure, summaryOf, type ChartProps } from './ChartFigure.js';
import { edgeAnchor, labelEvery, niceCeiling } from './chart-scale.js';

export function LineChart(props: ChartProps) {
  return (
    <ChartFigure props={props}>
      {(format) => {
        const { points, title } = props;
        const top = niceCeiling(Math.max(0, ...points.map((p) => p.value ?? 0)));
        const plotW = CHART.width - CHART.left - CHART.right;
        const plotH = CHART.height - CHART.top - CHART.bottom;
        const step = points.length > 1 ? plotW / (points.length - 1) : 0;
        const x = (i: number) => CHART.left + (points.length > 1 ? i * step : plotW / 2);
        const y = (v: number) => CHART.top + plotH - (v / top) * plotH;
        const showLabel = labelEvery(points.length);
        // One path per unbroken run of known points.
        const runs: string[] = [];
        let run: string[] = [];
        points.forEach((p, i) => {
          if (p.value === null) {
            if (run.length > 0) runs.push(run.join(' '));
            run = [];
          } else run.push(`${run.length === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
        });
        if (run.length > 0) runs.push(run.join(' '));
        return (
          <svg className="chart-svg" viewBox={`0 0 ${CHART.width} ${CHART.height}`} role="img" aria-label={`${title}. ${props.summary ?? summaryOf(points, format)}`}>
            <ValueAxis top={top} format={format} y={y} />
            {runs.map((d) => (
              <path key={d} className="chart-line" d={d} />
            ))}
            {points.map((p, i) => (
              <g key={p.label}>
                {p.value !== null ? (
                  <circle className="chart-dot" cx={x(i)} cy={y(p.value)} r={3.5}>
                    <title>{`${p.label}: ${format(p.value)}`}</title>
                  </circle>
                ) : null}
                {showLabel(i) ? (
                  <text className="chart-label" x={x(i)} y={CHART.height - 10} textAnchor={edgeAnchor(i, points.length)}>
                    {p.short ?? p.label}
                  </text>
                ) : null}
              </g>
            ))}
          </svg>
        );
      }}
    </ChartFigure>
  );
}
