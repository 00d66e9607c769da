/**
 * /account/preferences: which messages the shop sends, by email and by SMS (GET/PUT
 * /portal/preferences), as a table of checkboxes: a row per message, a column per channel. The
 * API marks no message as mandatory, so every one can be switched; a message the server ever
 * leaves out of a channel is shown as not offered there.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api, ApiError, call, type NotificationPreferences } from '../api/index.js';
import { SubmitButton } from '../shared/forms.js';
import { Notice } from '../shared/Notice.js';
import { PageMain, usePageTitle } from '../shared/page.js';
import { useLoad } from '../shared/useLoad.js';
import { channelLabel, messageTypeLabel } from './message-types.js';
import { usePortalSession } from './session.js';

type Choices = Record<string, Record<string, boolean>>;

export function PreferencesPage() {
  usePageTitle('Messages we send you');
  const { session, signedOut } = usePortalSession();
  const loaded = useLoad(() => call(api.portalApi.GET('/portal/preferences')), [], signedOut);
  const [choices, setChoices] = useState<Choices | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (loaded.data) setChoices(loaded.data as Choices);
  }, [loaded.data]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (choices === null || pending) return;
    setPending(true);
    setSaved(false);
    setError(null);
    try {
      const answer = await call(api.portalApi.PUT('/portal/preferences', { body: choices as NotificationPreferences }));
      setChoices(answer as Choices);
      setSaved(true);
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 401) signedOut(false);
      else if (failure instanceof ApiError) setError(failure);
      else throw failure;
    } finally {
      setPending(false);
    }
  }

  const toggle = (channel: string, type: string, on: boolean) => {
    setSaved(false);
    setChoices((all) => (all ? { ...all, [channel]: { ...all[channel], [type]: on } } : all));
  };

  const channels = choices ? Object.keys(choices) : [];
  const types = [...new Set(channels.flatMap((c) => Object.keys(choices![c]!)))];
  return (
    <PageMain title="Messages we send you">
      <p>Choose which updates reach you and how. Emails go to {session?.account.email ?? 'your address'}; texts go to the phone number on your orders.</p>
      {choices === null && loaded.error === null ? <Notice busy>Loading your choices…</Notice> : null}
      {loaded.error ? (
        <div className="form-error" role="alert">
          <p>{loaded.error.detail}</p>
        </div>
      ) : null}
      {choices !== null ? (
        <form className="form portal-preferences-form" onSubmit={onSubmit} id="preferences-form">
          {error ? (
            <div className="form-error" role="alert">
              <p>{error.detail}</p>
            </div>
          ) : null}
          <div className="table-scroll">
            <table className="portal-preferences">
              <caption>Messages by email and by SMS</caption>
              <thead>
                <tr>
                  <th scope="col">Message</th>
                  {channels.map((c) => (
                    <th scope="col" key={c}>
                      {channelLabel(c)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {types.map((type) => (
                  <tr key={type}>
                    <th scope="row">{messageTypeLabel(type)}</th>
                    {channels.map((c) => {
                      const value = choices[c]?.[type];
                      const id = `pref-${c}-${type}`;
                      return (
                        <td key={c}>
                          {value === undefined ? (
                            <span className="muted">Not offered</span>
                          ) : (
                            <>
                              <input type="checkbox" id={id} checked={value} onChange={(e) => toggle(c, type, e.target.checked)} />
                              <label htmlFor={id} className="visually-hidden">
                                {channelLabel(c)}: {messageTypeLabel(type)}
                              </label>
                            </>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {saved ? <Notice tone="success">Saved. We send you these messages from now on.</Notice> : null}
          <SubmitButton pending={pending} busyLabel="Saving…">
            Save your choices
          </SubmitButton>
        </form>
      ) : null}
    </PageMain>
  );
}
