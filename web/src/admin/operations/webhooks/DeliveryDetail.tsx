/** One delivery as it stands now (GET /webhook-endpoints/{id}/deliveries/{delivery_id}): the answer it got and the body it sent. */
import { api, call } from '../../../api/index.js';
import { formatMoment } from '../../../shared/format.js';
import { useLoad } from '../../../shared/useLoad.js';
import { useStaffSession } from '../../session.js';
import { prettyJson } from '../operation-words.js';
import { Facts, LoadView } from '../../ui/index.js';

export function DeliveryDetail({ endpointId, deliveryId, refreshKey }: { endpointId: string; deliveryId: string; refreshKey: string }) {
  const { signedOut } = useStaffSession();
  const delivery = useLoad(
    () => call(api.staffApi.GET('/api/v1/webhook-endpoints/{id}/deliveries/{delivery_id}', { params: { path: { id: endpointId, delivery_id: deliveryId } } })),
    [endpointId, deliveryId, refreshKey],
    signedOut,
  );
  return (
    <LoadView loaded={delivery} what="the delivery">
      {(d) => (
        <div className="ops-stack">
          <Facts
            items={[
              ['webhook-id', <code>{d.event_id}</code>],
              ['Attempts', d.attempts.toLocaleString()],
              ['Last answer', d.last_status_code !== null ? `HTTP ${d.last_status_code}` : 'None yet'],
              d.next_attempt_at !== null && ['Next attempt', formatMoment(d.next_attempt_at)],
              d.delivered_at !== null && ['Delivered', formatMoment(d.delivered_at)],
              d.last_error !== null && ['Last error', d.last_error],
            ]}
          />
          {d.last_response ? (
            <div>
              <h4>Start of the last response</h4>
              <pre className="ops-pre" tabIndex={0} aria-label="Start of the last response">
                {d.last_response}
              </pre>
            </div>
          ) : null}
          <div>
            <h4>Body sent</h4>
            <pre className="ops-pre" tabIndex={0} aria-label="Body sent">
              {prettyJson(d.payload)}
            </pre>
          </div>
        </div>
      )}
    </LoadView>
  );
}
