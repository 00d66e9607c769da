/**
 * /admin/users (admins only): the staff who sign in to the admin (GET /users), adding one (POST),
 * renaming one or changing their role, and disabling (which ends their sessions at once) or
 * enabling them (PATCH /users/{id}). The server refuses to leave the shop without an enabled
 * admin (409), and the page says so.
 */
import { useState } from 'react';
import { api, call, type StaffUserRecord } from '../../api/index.js';
import { formatDay, formatMoment } from '../../shared/format.js';
import { Notice } from '../../shared/Notice.js';
import { PageMain, usePageTitle } from '../../shared/page.js';
import { useLoad } from '../../shared/useLoad.js';
import { useStaffSession } from '../session.js';
import { CreateUserForm } from './CreateUserForm.js';
import { EditUserForm } from './EditUserForm.js';
import { OnlyAdmins } from './OnlyAdmins.js';
import { roleLabel } from './role-words.js';
import '../operations.css';
import { type Column, ConfirmButton, DataTable, LoadView, Panel, ProblemAlert, Section, StatusPill, useAction, useIsAdmin } from '../ui/index.js';

export function UsersPage() {
  usePageTitle('Users', 'Waybill admin');
  return useIsAdmin() ? <UsersAdmin /> : <OnlyAdmins title="Users" what="staff users" />;
}

function UsersAdmin() {
  const { session, signedOut } = useStaffSession();
  const users = useLoad(() => call(api.staffApi.GET('/api/v1/users')), [], signedOut);
  const [editing, setEditing] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  const enable = useAction(signedOut);
  const me = session?.user.id;

  function replaceRow(user: StaffUserRecord) {
    if (users.data) users.setData({ ...users.data, data: users.data.data.map((u) => (u.id === user.id ? user : u)) });
  }
  async function setDisabled(user: StaffUserRecord, disabled: boolean) {
    const changed = await call(api.staffApi.PATCH('/api/v1/users/{id}', { params: { path: { id: user.id } }, body: { disabled } }));
    replaceRow(changed);
    setDone(disabled ? `${user.email} is disabled and signed out everywhere.` : `${user.email} can sign in again.`);
  }

  const edited = editing === null ? undefined : users.data?.data.find((u) => u.id === editing);
  const columns: Column<StaffUserRecord>[] = [
    {
      key: 'email',
      header: 'User',
      rowHeader: true,
      cell: (u) => (
        <>
          {u.id === me ? `${u.email} (you)` : u.email}
          <span className="ops-sub">{u.name}</span>
        </>
      ),
    },
    { key: 'role', header: 'Role', cell: (u) => roleLabel(u.role) },
    { key: 'status', header: 'Status', cell: (u) => (u.disabled ? <StatusPill status="disabled" label="Disabled" tone="neutral" /> : <StatusPill status="active" label="Active" tone="success" />) },
    {
      key: 'last',
      header: 'Last sign-in',
      cell: (u) => (
        <>
          {u.last_sign_in_at ? formatMoment(u.last_sign_in_at) : 'Never'}
          <span className="ops-sub">added {formatDay(u.created_at)}</span>
        </>
      ),
    },
    {
      key: 'actions',
      header: 'Actions',
      cell: (u) => (
        <div className="ops-row-actions">
          <button type="button" className="button button-small" aria-expanded={editing === u.id} aria-label={`Edit ${u.email}`} onClick={() => setEditing(editing === u.id ? null : u.id)}>
            Edit
          </button>
          {u.disabled ? (
            <button type="button" className="button button-small" disabled={enable.pending} aria-label={`Enable ${u.email}`} onClick={() => void enable.run(() => setDisabled(u, false))}>
              Enable
            </button>
          ) : (
            <ConfirmButton
              label={
                <>
                  Disable<span className="visually-hidden"> {u.email}</span>
                </>
              }
              buttonClassName="button button-small button-danger-outline"
              destructive
              title={`Disable ${u.email}?`}
              confirmLabel="Disable the user"
              onConfirm={() => setDisabled(u, true)}
            >
              <p>{u.id === me ? 'You will be signed out at once.' : 'They are signed out at once and cannot sign in until enabled again.'} Their actions so far stay in the records.</p>
            </ConfirmButton>
          )}
        </div>
      ),
    },
  ];

  return (
    <PageMain title="Users">
      <p className="ops-lead">Staff who sign in to this admin. Integrations use API keys instead.</p>
      {done ? <Notice tone="success">{done}</Notice> : null}
      <ProblemAlert error={enable.error} />

      <details className="ops-disclosure">
        <summary>Add a staff user</summary>
        <CreateUserForm
          key={round}
          onCreated={(u) => {
            setDone(`Added ${u.email} as ${roleLabel(u.role).toLowerCase()}. They can sign in at /admin/sign-in.`);
            setRound((n) => n + 1);
            users.reload();
          }}
        />
      </details>

      {edited ? (
        <Panel key={edited.id} title={`Edit ${edited.email}`}>
          <EditUserForm
            user={edited}
            onCancel={() => setEditing(null)}
            onSaved={(u) => {
              replaceRow(u);
              setEditing(null);
              setDone(`Saved ${u.email}.`);
            }}
          />
        </Panel>
      ) : null}

      <Section title="Staff users">
        <LoadView loaded={users} what="the users">
          {(page) => <DataTable<StaffUserRecord> caption="Staff users and their roles" captionHidden rows={page.data} rowKey={(u) => u.id} rowProps={(u) => ({ 'data-testid': `user-${u.email}` })} empty="No staff users yet." columns={columns} />}
        </LoadView>
      </Section>
    </PageMain>
  );
}
