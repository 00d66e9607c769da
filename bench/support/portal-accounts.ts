/**
 * Customers with portal accounts, made the way a customer makes one: `POST /portal/auth/register`,
 * then the verification link the server mailed (read back through the staff notifications API, as
 * the dev outbox keeps it) posted to `/portal/auth/verify-email`, which links the account to the
 * customer with that email and so to their orders. The same flow as test/support/sessions.ts,
 * kept here because benches do not depend on test/.
 */
export interface PortalSession {
  email: string;
  /** The Cookie header value (`name=value`). */
  cookie: string;
  /** Sent as `x-csrf-token` on writes. */
  csrf: string;
}

export const PORTAL_PASSWORD = 'a quiet harbour at dawn';

function sessionCookie(res: Response): string | null {
  for (const line of res.headers.getSetCookie()) {
    const pair = line.split(';')[0]!;
    const eq = pair.indexOf('=');
    if (pair.slice(0, eq).trim().replace(/^__Host-/, '') === 'wb_session' && pair.slice(eq + 1) !== '') return pair.trim();
  }
  return null;
}

async function mailedVerifyToken(url: string, adminKey: string, email: string): Promise<string> {
  const headers = { authorization: `Bearer ${adminKey}` };
  const list = await fetch(`${url}/api/v1/notifications?channel=email&limit=200`, { headers });
  if (list.status !== 200) throw new Error(`listing notifications: ${list.status} ${await list.text()}`);
  const found = ((await list.json()) as { data: Array<{ id: string; to: string; template: string }> }).data.find(
    (n) => n.to === email.toLowerCase() && n.template === 'account_verify_email',
  );
  if (found === undefined) throw new Error(`no verification email to ${email}`);
  const detail = await fetch(`${url}/api/v1/notifications/${found.id}`, { headers });
  const text = ((await detail.json()) as { text: string }).text;
  const match = /[?&#]token=([A-Za-z0-9_-]+)/.exec(text);
  if (!match) throw new Error(`no token link in the verification email to ${email}`);
  return match[1]!;
}

export async function registerPortalCustomer(url: string, adminKey: string, email: string, name: string): Promise<PortalSession> {
  const registered = await fetch(`${url}/portal/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PORTAL_PASSWORD, name }),
  });
  if (registered.status !== 201) throw new Error(`registering ${email}: ${registered.status} ${await registered.text()}`);
  const cookie = sessionCookie(registered);
  if (cookie === null) throw new Error(`registering ${email}: no session cookie`);
  const { csrf_token: csrf } = (await registered.json()) as { csrf_token: string };
  const token = await mailedVerifyToken(url, adminKey, email);
  const verified = await fetch(`${url}/portal/auth/verify-email`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  if (verified.status !== 200) throw new Error(`verifying ${email}: ${verified.status} ${await verified.text()}`);
  return { email, cookie, csrf };
}
