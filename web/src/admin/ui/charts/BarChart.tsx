/**
 * Vertical bars over a series (orders per day): drawn as SVG by hand, no chart library. Each bar
 * carries a <title> (a tooltip on hover); the figures are also a table (ChartFigure).
 *
 *   <BarChart title="Orders per day" valueName="Orders" labelName="Day"
 *     points={days.map((d) => ({ label: formatDay(d.date), short: d.date.slice(5), value: d.orders }))} />
 */
import { ChartFigure, type ChartProps } from './ChartFigure.js';
import { CHART, PLOT_WIDTH, SeriesFrame, valueScale } from './SeriesFrame.js';

export function BarChart(props: ChartProps) {
  return (
    <ChartFigure props={props}>
      {(format) => {
        const { points } = props;
        const { top, y, bottom } = valueScale(points);
        const slot = PLOT_WIDTH / Math.max(1, points.length);
        const barW = Math.max(2, slot * 0.7);
        const barX = (i: number) => CHART.left + i * slot + (slot - barW) / 2;
        return (
          <SeriesFrame chart={props} format={format} top={top} y={y} labelX={(i) => barX(i) + barW / 2}>
            {points.map((p, i) => {
              const v = p.value ?? 0;
              return (
                <rect key={p.label} className="chart-bar" x={barX(i)} y={y(v)} width={barW} height={Math.max(0, bottom - y(v))}>
                  <title>{`${p.label}: ${p.value === null ? 'no figure' : format(p.value)}`}</title>
                </rect>
              );
            })}
          </SeriesFrame>
        );
      }}
    </ChartFigure>
  );
}
