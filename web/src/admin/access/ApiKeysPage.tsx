/**
 * /admin/api-keys (admins only): the keys integrations use (GET /api-keys, revoked ones too; never
 * the key itself), creating one (the key is shown once, with a copy button) and revoking one
 * (DELETE /api-keys/{id}, asked first: it answers 401 from then on).
 */
import { useState } from 'react';
import { api, call, type ApiKeyRecord, type CreatedApiKey } from '../../api/index.js';
import { formatDay, formatMoment } from '../../shared/format.js';
import { Notice } from '../../shared/Notice.js';
import { PageMain, usePageTitle } from '../../shared/page.js';
import { useLoad } from '../../shared/useLoad.js';
import { useStaffSession } from '../session.js';
import { CreateApiKeyForm } from './CreateApiKeyForm.js';
import { OnlyAdmins } from './OnlyAdmins.js';
import { roleLabel } from './role-words.js';
import '../operations.css';
import { type Column, ConfirmButton, DataTable, LoadView, Section, ShownOnce, StatusPill, useIsAdmin } from '../ui/index.js';

export function ApiKeysPage() {
  usePageTitle('API keys', 'Waybill admin');
  return useIsAdmin() ? <ApiKeysAdmin /> : <OnlyAdmins title="API keys" what="API keys" />;
}

function ApiKeysAdmin() {
  const { signedOut } = useStaffSession();
  const keys = useLoad(() => call(api.staffApi.GET('/api/v1/api-keys')), [], signedOut);
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [round, setRound] = useState(0);

  const columns: Column<ApiKeyRecord>[] = [
    { key: 'name', header: 'Name', rowHeader: true, cell: (k) => k.name },
    { key: 'role', header: 'Role', cell: (k) => roleLabel(k.role) },
    { key: 'prefix', header: 'Starts with', cell: (k) => <code>{k.prefix}…</code> },
    { key: 'status', header: 'Status', cell: (k) => (k.revoked_at ? <StatusPill status="revoked" label={`Revoked ${formatMoment(k.revoked_at)}`} tone="neutral" /> : <StatusPill status="active" label="Active" tone="success" />) },
    { key: 'created', header: 'Created', cell: (k) => formatDay(k.created_at) },
    {
      key: 'actions',
      header: 'Actions',
      cell: (k) =>
        k.revoked_at ? null : (
          <ConfirmButton
            label={
              <>
                Revoke<span className="visually-hidden"> {k.name}</span>
              </>
            }
            buttonClassName="button button-small button-danger-outline"
            destructive
            title={`Revoke the key “${k.name}”?`}
            confirmLabel="Revoke the key"
            onConfirm={async () => {
              await call(api.staffApi.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: k.id } } }));
              setDone(`Revoked “${k.name}”. Requests with it are refused from now on.`);
              keys.reload();
            }}
          >
            <p>
              Anything using the key starting <code>{k.prefix}</code> is refused from now on (401). This cannot be undone: a new key has to be created and set up where it was used.
            </p>
          </ConfirmButton>
        ),
    },
  ];

  return (
    <PageMain title="API keys">
      <p className="ops-lead">
        Integrations send a key as <code>Authorization: Bearer …</code>. A key carries a role like a staff user; only its first characters are kept readable.
      </p>
      {done ? <Notice tone="success">{done}</Notice> : null}

      {created ? (
        created.key !== null ? (
          <ShownOnce
            title={`New key: ${created.name}`}
            label="API key"
            value={created.key}
            warning="Copy this key now and keep it somewhere safe: it will not be shown again. If it is lost, revoke it and create another."
            onDismiss={() => setCreated(null)}
            testId="new-api-key"
          />
        ) : (
          <Notice tone="warning">The key “{created.name}” was made by an earlier attempt and its secret cannot be shown again. Revoke it and create another.</Notice>
        )
      ) : null}

      <details className="ops-disclosure">
        <summary>Create an API key</summary>
        <CreateApiKeyForm
          key={round}
          onCreated={(k) => {
            setDone(null);
            setCreated(k);
            setRound((n) => n + 1);
            keys.reload();
          }}
        />
      </details>

      <Section title="Keys">
        <LoadView loaded={keys} what="the API keys">
          {(page) => <DataTable<ApiKeyRecord> caption="API keys" captionHidden rows={page.data} rowKey={(k) => k.id} rowProps={(k) => ({ 'data-testid': `api-key-${k.id}` })} empty="No API keys." columns={columns} />}
        </LoadView>
      </Section>
    </PageMain>
  );
}
