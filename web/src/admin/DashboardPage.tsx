/**
 * /admin: the shop at a glance. Orders by status (each a link into the filtered orders list), what
 * needs a person (attention, open returns, low stock), orders and revenue per day over the last 30
 * days, and the carriers' on-time rates. Live: changes on the staff stream refresh the figures, at
 * most every 5 s.
 */
import { api, call, type AnalyticsOverview, type CarrierPerformance as Performance } from '../api/index.js';
import { formatMoney } from '../shared/format.js';
import { PageMain, usePageTitle } from '../shared/page.js';
import { useLoad } from '../shared/useLoad.js';
import { CarrierPerformance } from './dashboard/CarrierPerformance.js';
import { orderPoints, revenueSeries } from './dashboard/dashboard-series.js';
import { KeyFigure, StatusCounts } from './dashboard/StatusCounts.js';
import { useStaffSession } from './session.js';
import { BarChart, LineChart, LiveIndicator, LoadView, Section, useLiveRefresh } from './ui/index.js';

/** Charts for at most this many currencies (a shop selling in more has them in the table). */
const CURRENCIES_CHARTED = 3;

export function DashboardPage() {
  usePageTitle('Dashboard', 'Waybill admin');
  const { session, signedOut } = useStaffSession();
  // The server's clock decides "the last 30 days" (its default period), not the browser's.
  const overview = useLoad<AnalyticsOverview>(() => call(api.staffApi.GET('/api/v1/analytics/overview')), [], signedOut);
  const carriers = useLoad<Performance>(() => call(api.staffApi.GET('/api/v1/analytics/carriers')), [], signedOut);
  const live = useLiveRefresh(() => {
    overview.reload();
    carriers.reload();
  });

  return (
    <PageMain title="Dashboard">
      <div className="page-tools">
        <p data-testid="dashboard-welcome" className="muted">
          Signed in as {session?.user.email} ({session?.user.role}).
        </p>
        <LiveIndicator state={live} />
      </div>
      <LoadView loaded={overview} what="the figures">
        {(o) => {
          const series = revenueSeries(o.days);
          const ordersInPeriod = o.days.reduce((n, d) => n + d.orders, 0);
          return (
            <>
              <Section title="Needs a person">
                <ul className="key-figures" aria-label="Needs a person">
                  <KeyFigure to="/admin/exceptions" figure={o.attention.orders} name="Orders needing attention" hint={`${o.attention.shipments} ${o.attention.shipments === 1 ? 'shipment' : 'shipments'} flagged`} testId="figure-attention" />
                  <KeyFigure to="/admin/returns" figure={o.open_returns} name="Open returns" hint="Requested, approved, on the way or received" testId="figure-open-returns" />
                  <KeyFigure to="/admin/inventory?low=true" figure={o.low_stock} name="Low stock" hint="At or below the reorder point" testId="figure-low-stock" />
                </ul>
              </Section>
              <Section title="Orders by status">
                <StatusCounts counts={o.orders_by_status} />
              </Section>
              <Section title="Last 30 days">
                <p className="muted">
                  {ordersInPeriod} {ordersInPeriod === 1 ? 'order' : 'orders'}
                  {series.length > 0 ? `, ${series.map((s) => formatMoney(s.total, s.currency)).join(' + ')} taken` : ''}.
                </p>
                <div className="chart-grid">
                  <BarChart title="Orders per day" labelName="Day" valueName="Orders" points={orderPoints(o.days)} />
                  {series.slice(0, CURRENCIES_CHARTED).map((s) => (
                    <LineChart key={s.currency} title={`Revenue per day (${s.currency})`} labelName="Day" valueName="Revenue" formatValue={(v) => formatMoney(v, s.currency)} points={s.points} />
                  ))}
                  {series.length === 0 ? <p className="muted">No revenue in the period yet.</p> : null}
                </div>
              </Section>
            </>
          );
        }}
      </LoadView>
      <Section title="Carrier performance">
        <LoadView loaded={carriers} what="the carrier figures">
          {(p) => <CarrierPerformance performance={p} />}
        </LoadView>
      </Section>
    </PageMain>
  );
}
