/**
 * A line over a series (revenue per day), SVG by hand, with a dot and a <title> per point and the
 * figures as a table (ChartFigure). Points without a figure break the line.
 *
 *   <LineChart title="Revenue per day (USD)" valueName="Revenue" labelName="Day"
 *     formatValue={(v) => formatMoney(v, 'USD')} points={…} />
 */
import { ChartFigure, type ChartProps } from './ChartFigure.js';
import { CHART, PLOT_WIDTH, SeriesFrame, valueScale } from './SeriesFrame.js';

export function LineChart(props: ChartProps) {
  return (
    <ChartFigure props={props}>
      {(format) => {
        const { points } = props;
        const { top, y } = valueScale(points);
        const step = points.length > 1 ? PLOT_WIDTH / (points.length - 1) : 0;
        const x = (i: number) => CHART.left + (points.length > 1 ? i * step : PLOT_WIDTH / 2);
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
          <SeriesFrame chart={props} format={format} top={top} y={y} labelX={x}>
            {runs.map((d) => (
              <path key={d} className="chart-line" d={d} />
            ))}
            {points.map((p, i) =>
              p.value !== null ? (
                <circle key={p.label} className="chart-dot" cx={x(i)} cy={y(p.value)} r={3.5}>
                  <title>{`${p.label}: ${format(p.value)}`}</title>
                </circle>
              ) : null,
            )}
          </SeriesFrame>
        );
      }}
    </ChartFigure>
  );
}
