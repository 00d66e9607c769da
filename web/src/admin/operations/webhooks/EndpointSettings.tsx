/**
 * An endpoint's settings (admins): its URL, description and events (EndpointForm), its signing
 * secret on request, and switching it off and on or deleting it, each asked first where it loses
 * something (disabling cancels the deliveries still waiting; deleting drops the log).
 */
import { api, call, type WebhookEndpoint } from '../../../api/index.js';
import { EndpointForm } from './EndpointForm.js';
import { ConfirmButton } from '../../ui/index.js';

export interface EndpointSettingsProps {
  endpoint: WebhookEndpoint;
  types: readonly string[];
  busy: boolean;
  onSaved(endpoint: WebhookEndpoint, message: string): void;
  onDeleted(endpoint: WebhookEndpoint): void;
  onShowSecret(endpoint: WebhookEndpoint): void;
  onEnable(endpoint: WebhookEndpoint): void;
  onClose(): void;
}

export function EndpointSettings({ endpoint, types, busy, onSaved, onDeleted, onShowSecret, onEnable, onClose }: EndpointSettingsProps) {
  async function disable() {
    const changed = await call(api.staffApi.PATCH('/api/v1/webhook-endpoints/{id}', { params: { path: { id: endpoint.id } }, body: { status: 'disabled' } }));
    onSaved(changed, `Deliveries to ${endpoint.url} are off.`);
  }
  async function remove() {
    await call(api.staffApi.DELETE('/api/v1/webhook-endpoints/{id}', { params: { path: { id: endpoint.id } } }));
    onDeleted(endpoint);
  }
  return (
    <div className="ops-stack">
      <EndpointForm types={types} endpoint={endpoint} onSaved={(saved) => onSaved(saved, `Saved ${saved.url}.`)} onCancel={onClose} />
      <div className="ops-subpanel">
        <h3>Secret and switching off</h3>
        <div className="button-row">
          <button type="button" className="button" disabled={busy} onClick={() => onShowSecret(endpoint)}>
            Show the signing secret
          </button>
          {endpoint.status === 'active' ? (
            <ConfirmButton label="Disable the endpoint" title={`Stop sending to ${endpoint.url}?`} confirmLabel="Disable the endpoint" onConfirm={disable}>
              <p>Deliveries still waiting are cancelled. Enabling it later does not bring them back (replay them one by one).</p>
            </ConfirmButton>
          ) : (
            <button type="button" className="button" disabled={busy} onClick={() => onEnable(endpoint)}>
              Enable the endpoint
            </button>
          )}
          <ConfirmButton label="Delete the endpoint" destructive title={`Delete the endpoint ${endpoint.url}?`} confirmLabel="Delete the endpoint" onConfirm={remove}>
            <p>Its delivery log goes with it. To keep the log, disable the endpoint instead.</p>
          </ConfirmButton>
        </div>
      </div>
    </div>
  );
}
