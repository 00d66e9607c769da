/**
 * The public tracking page, /track/:token (API.md "Public tracking"): no sign-in, the shop's name,
 * logo and colours, a progress bar per shipment, the ETA, the scans, and the map with its text
 * alternative. Shows nothing personal beyond city level: GET /api/v1/track/{token} has nothing
 * more. There is no public stream, so the page polls while it is visible (useTracking.ts) until
 * every parcel is delivered.
 */
import { lazy, Suspense, useMemo, type CSSProperties } from 'react';
import { useParams } from 'react-router-dom';
import type { PublicShipment, PublicTracking } from '../api/index.js';
import { readableTextOn, usableOnWhite } from '../shared/colour.js';
import { formatDay, formatMoment, placeOf, statusLabel } from '../shared/format.js';
import { ErrorBoundary } from '../shared/ErrorBoundary.js';
import { Notice } from '../shared/Notice.js';
import { SkipLink, usePageTitle } from '../shared/page.js';
import { EventList } from './EventList.js';
import { LastScans } from './LastScans.js';
import { TRACKING_POLL_MS, trackingSettled } from './polling.js';
import { beforeShipping, progressOf } from './progress.js';
import { StatusPill } from './StatusPill.js';
import { StatusProgress } from './StatusProgress.js';
import './track.css';
import type { LatLng, MapRoute } from './TrackingMap.js';
import { useStableValue } from './useStableValue.js';
import { useTracking, type TrackingState } from './useTracking.js';
import { TrackingNumber } from '../shared/TrackingNumber.js';

const TrackingMap = lazy(() => import('./TrackingMap.js'));

const FALLBACK_COLOUR = '#0969da';

export function TrackPage() {
  const { token = '' } = useParams();
  const state = useTracking(token);
  if (state.kind === 'found') return <Tracking tracking={state.tracking} />;
  return (
    <div className="track">
      <SkipLink />
      <TrackMessage state={state} />
    </div>
  );
}

function TrackMessage({ state }: { state: Exclude<TrackingState, { kind: 'found' }> }) {
  usePageTitle(state.kind === 'not-found' ? 'Tracking not found' : 'Track your order');
  return (
    <main id="main" tabIndex={-1} className="page page-narrow">
      {state.kind === 'loading' ? (
        <>
          <h1>Track your order</h1>
          <Notice busy>Looking up your order…</Notice>
        </>
      ) : state.kind === 'not-found' ? (
        <section data-testid="track-not-found">
          <h1>We could not find this order</h1>
          <p>The tracking link may be incomplete: open it again from the email or text message the shop sent you, or copy the whole address.</p>
        </section>
      ) : (
        <>
          <h1>Track your order</h1>
          <div className="form-error" role="alert">
            <p>{state.error.detail}</p>
          </div>
        </>
      )}
    </main>
  );
}

function Tracking({ tracking }: { tracking: PublicTracking }) {
  const { shop } = tracking;
  usePageTitle(`Order ${tracking.order_number}`, shop.name);
  const brand = shop.primary_color;
  const line = usableOnWhite(brand, FALLBACK_COLOUR);
  const style = { '--brand': brand, '--brand-text': readableTextOn(brand), '--brand-line': line, '--accent': shop.accent_color } as CSSProperties;

  const freshRoutes = useMemo<MapRoute[]>(
    () =>
      tracking.shipments.map((s, i) => ({
        id: s.id,
        label: tracking.shipments.length > 1 ? `Parcel ${i + 1}` : 'Your parcel',
        points: s.route.map((p): LatLng => [p.latitude, p.longitude]),
        current: s.current_position ? [s.current_position.latitude, s.current_position.longitude] : null,
      })),
    [tracking],
  );
  // Each poll brings a new answer: the map is redrawn only when the routes changed.
  const routes = useStableValue(freshRoutes);
  const { destination } = tracking;
  const destinationPoint = useMemo<LatLng | null>(
    () => (destination.latitude !== null && destination.longitude !== null ? [destination.latitude, destination.longitude] : null),
    [destination.latitude, destination.longitude],
  );
  const delivered = tracking.shipments.length > 0 && tracking.shipments.every((s) => s.status === 'delivered');
  const lastScans = tracking.shipments.map((s, i) => ({ id: s.id, label: tracking.shipments.length > 1 ? `Parcel ${i + 1}` : null, scans: s.events }));

  return (
    <div className="track" style={style}>
      <SkipLink />
      <header className="brand-bar">
        <div className="brand-bar-inner">
          {shop.logo_url ? <img className="brand-logo" src={shop.logo_url} alt="" width={40} height={40} /> : null}
          {shop.website_url ? (
            <a className="brand-name" href={shop.website_url}>
              {shop.name}
            </a>
          ) : (
            <span className="brand-name">{shop.name}</span>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="page">
        <h1>
          Order <span data-testid="order-number">{tracking.order_number}</span>
        </h1>
        <p className="track-summary">
          <StatusPill subject="Order status" text={statusLabel(tracking.status)} testId="order-status" />
          {!delivered && tracking.estimated_delivery ? (
            <span data-testid="eta">
              Estimated delivery <strong>{formatDay(tracking.estimated_delivery)}</strong>
            </span>
          ) : null}
          <span>To {placeOf(destination)}</span>
        </p>
        {!trackingSettled(tracking) ? <p className="muted track-refresh">This page checks for news every {TRACKING_POLL_MS / 1000} seconds while it is open.</p> : null}

        {tracking.shipments.length === 0 ? (
          <section className="card" aria-labelledby="no-shipment">
            <h2 id="no-shipment">Not shipped yet</h2>
            <p>{beforeShipping(tracking.status)}</p>
          </section>
        ) : (
          <div className="track-layout">
            <div className="track-shipments">
              {tracking.shipments.map((s, i) => (
                <ShipmentCard key={s.id} shipment={s} index={i} count={tracking.shipments.length} />
              ))}
            </div>
            <section className="card track-map-card" aria-labelledby="map-heading">
              <h2 id="map-heading">Where it is</h2>
              <ErrorBoundary fallback={<p className="muted">The map could not be shown; the updates list where the parcel has been.</p>}>
                <Suspense fallback={<div className="tracking-map tracking-map-loading">Loading the map…</div>}>
                  <TrackingMap routes={routes} destination={destinationPoint} colour={line} label={`Map of the route to ${destination.city}`} describedBy="last-scans" />
                </Suspense>
              </ErrorBoundary>
              <LastScans id="last-scans" parcels={lastScans} />
            </section>
          </div>
        )}
      </main>
      <footer className="page-footer">
        <p>Tracking by Waybill for {shop.name}</p>
      </footer>
    </div>
  );
}

function ShipmentCard({ shipment, index, count }: { shipment: PublicShipment; index: number; count: number }) {
  const heading = `shipment-${shipment.id}`;
  const progress = progressOf(shipment.status, shipment.events.map((e) => e.status), shipment.incident_reason);
  return (
    <section className="card shipment" aria-labelledby={heading} data-testid="shipment">
      <h2 id={heading}>{count > 1 ? `Parcel ${index + 1} of ${count}` : 'Your parcel'}</h2>
      <p className="muted">
        {shipment.carrier_name} {shipment.service}
        {shipment.tracking_number ? (
          <>
            {' · '}
            <TrackingNumber number={shipment.tracking_number} url={shipment.tracking_url} />
          </>
        ) : null}
      </p>
      <StatusProgress progress={progress} labelledBy={heading} />
      {shipment.status !== 'delivered' && shipment.estimated_delivery ? <p>Estimated delivery {formatDay(shipment.estimated_delivery)}</p> : null}
      {shipment.delivered_at ? <p>Delivered {formatMoment(shipment.delivered_at)}</p> : null}
      <h3 id={`${heading}-updates`}>Updates</h3>
      <EventList events={shipment.events} labelledBy={`${heading}-updates`} />
    </section>
  );
}
