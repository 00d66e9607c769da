/**
 * /admin/shipments: a map of the shipments under way (where each was last scanned, where it goes)
 * and the list of shipments with filters in the address (status, carrier, attention, under way or
 * finished): tracking links, label PDFs, the order. Live: shipment and tracking changes on the
 * staff stream reload both (throttled), so a parcel moves on the map while the page is open.
 */
import { lazy, Suspense, useCallback, useMemo } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, call } from '../../api/index.js';
import { CheckboxField, SelectField } from '../../shared/fields.js';
import { PageMain, usePageTitle } from '../../shared/page.js';
import { useLoad } from '../../shared/useLoad.js';
import { useStaffSession } from '../session.js';
import { placedCount, shipmentPoints } from './map-points.js';
import { carrierOptions, listQuery, mapQuery, scopeOptions, SHIPMENT_FILTERS, statusOptions } from './shipment-filters.js';
import { ShipmentsTable } from './ShipmentsTable.js';
import '../operations.css';
import { allPages, FiltersBar, LiveIndicator, LoadView, Pager, ProblemAlert, Section, useCursorPager, useLiveRefresh, useUrlFilters } from '../ui/index.js';

const ShipmentsMap = lazy(() => import('./ShipmentsMap.js'));

/** The map asks for up to 5 pages of 200: a thousand parcels under way is more than one map can show legibly anyway. */
const MAP_PAGES = 5;

export function ShipmentsPage() {
  usePageTitle('Shipments', 'Waybill admin');
  const { signedOut } = useStaffSession();
  const navigate = useNavigate();
  const filters = useUrlFilters(SHIPMENT_FILTERS);
  const pager = useCursorPager(filters.key);
  const values = filters.values;

  const list = useLoad(() => call(api.staffApi.GET('/api/v1/shipments', { params: { query: { ...listQuery(values), limit: 50, cursor: pager.cursor } } })), [filters.key, pager.cursor], signedOut);
  const onMap = useLoad(
    () => allPages((cursor) => call(api.staffApi.GET('/api/v1/shipments', { params: { query: { ...mapQuery(values), limit: 200, cursor } } })), MAP_PAGES),
    [filters.key],
    signedOut,
  );
  const reloadList = list.reload;
  const reloadMap = onMap.reload;
  const refresh = useCallback(() => {
    reloadList();
    reloadMap();
  }, [reloadList, reloadMap]);
  const live = useLiveRefresh(refresh, { filter: (c) => c.type.startsWith('shipment.') || c.type.startsWith('tracking.') });

  const points = useMemo(() => shipmentPoints(onMap.data?.rows ?? []), [onMap.data]);
  const counts = placedCount(points);
  const openOrder = useCallback((p: { orderId: string }) => navigate(`/admin/orders/${p.orderId}`), [navigate]);
  const finished = values.scope === 'finished';

  return (
    <PageMain title="Shipments">
      <div className="page-tools">
        <p className="ops-lead">Every parcel on its way, by its last scan. Filters apply to the map and the list.</p>
        <LiveIndicator state={live} />
      </div>

      <FiltersBar label="Filter shipments" resetKey={filters.key} active={filters.active} onApply={(f) => filters.set(f)} onClear={filters.clear}>
        <SelectField label="Status" name="status" defaultValue={values.status} options={statusOptions} />
        <SelectField label="Carrier" name="carrier" defaultValue={values.carrier} options={carrierOptions} />
        <SelectField label="Show" name="scope" defaultValue={values.scope} options={scopeOptions} />
        <CheckboxField label="Needs attention only" name="attention" value="true" defaultChecked={values.attention === 'true'} />
      </FiltersBar>

      {!finished ? (
        <Section title="Where they are">
          <p id="shipments-map-description" className="muted">
            {onMap.data === null
              ? 'Loading the shipments under way…'
              : `${counts.placed.toLocaleString()} shown at their last scan${counts.unplaced > 0 ? `, ${counts.unplaced.toLocaleString()} not scanned at a known place yet` : ''}${onMap.data.truncated ? ' (the newest ones only)' : ''}. A dot is where a parcel was last scanned, a ring where it goes; red ones need attention. `}
            The same shipments are in the <a href="#shipments-list">list below</a>.
          </p>
          <ProblemAlert error={onMap.error} onRetry={onMap.reload} what="The map’s shipments could not be loaded" />
          <Suspense fallback={<div className="ops-map ops-map-loading">Loading the map…</div>}>
            <ShipmentsMap points={points} label="Map of shipments under way" describedBy="shipments-map-description" onOpen={openOrder} />
          </Suspense>
        </Section>
      ) : null}

      <div id="shipments-list" tabIndex={-1} className="ops-anchor">
        <Section title={finished ? 'Finished shipments' : values.scope === 'all' ? 'All shipments' : 'Shipments under way'}>
          <LoadView loaded={list} what="the shipments">
            {(page) => (
              <>
                <ShipmentsTable shipments={page.data} caption="Shipments, newest first" empty={filters.active > 0 ? 'No shipments match these filters.' : 'No shipments under way. Shipments appear once a label is bought for an order.'} />
                <Pager label="Pages of shipments" pager={pager} nextCursor={page.next_cursor} busy={list.loading} />
              </>
            )}
          </LoadView>
        </Section>
      </div>
    </PageMain>
  );
}
