/**
 * The web app's API client (web/src/api/client.ts) against a real server, as the pages use it:
 * a customer registers, reads the session, writes with the CSRF header the client adds, is refused
 * without it, signs out; a staff user signs in; failures arrive as ApiError with the problem's code,
 * detail and field messages. Node's fetch keeps no cookies, so the test gives the client one that does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaffUser } from '../../src/accounts/index.js';
import { ApiError } from '../../web/src/api/problem.js';
import { call, createApiClients, CSRF_HEADER } from '../../web/src/api/client.js';
import { CUSTOMER_PASSWORD, STAFF_PASSWORD } from '../support/sessions.js';
import { testDialects } from '../support/databases.js';
import { startTestServer, type TestServer } from '../support/server.js';

/** A fetch with a cookie jar (what a browser does for `credentials: 'include'`), recording the requests. */
function browserFetch() {
  const jar = new Map<string, string>();
  const sent: Request[] = [];
  const fetchWithCookies = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    if (request.credentials !== 'omit' && jar.size > 0) request.headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    sent.push(request.clone());
    const response = await fetch(request);
    if (request.credentials === 'omit') return response;
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = value === '' || attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
  return { fetch: fetchWithCookies as typeof fetch, jar, sent };
}

describe.each(testDialects())('the web API client (%s)', (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(dialect);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('keeps a customer session: register, session, a write with the CSRF header, sign out', async () => {
    const browser = browserFetch();
    const api = createApiClients({ baseUrl: server.url, fetch: browser.fetch });
    const registered = await call(api.portalApi.POST('/portal/auth/register', { body: { name: 'Ada', email: 'ada.web@example.com', password: CUSTOMER_PASSWORD } }));
    expect(registered.account).toMatchObject({ email: 'ada.web@example.com', name: 'Ada', email_verified: false });
    expect(registered.csrf_token).toEqual(expect.any(String));
    expect([...browser.jar.keys()]).toContain('wb_session');

    const session = await call(api.portalApi.GET('/portal/auth/session'));
    expect(session.account.id).toBe(registered.account.id);

    // A write without the token is refused (403), as the server's CSRF rule says …
    const refused = await call(api.portalApi.POST('/portal/auth/verify-email/resend')).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({ status: 403, code: 'forbidden' });
    // … and goes through once the client knows it.
    api.csrf.customer = session.csrf_token;
    const resent = await call(api.portalApi.POST('/portal/auth/verify-email/resend'));
    expect(resent.status).toBe('accepted');
    expect(browser.sent.at(-1)!.headers.get(CSRF_HEADER)).toBe(session.csrf_token);
    // Reads never carry it.
    await call(api.portalApi.GET('/portal/orders'));
    expect(browser.sent.at(-1)!.headers.get(CSRF_HEADER)).toBeNull();

    await call(api.portalApi.POST('/portal/auth/logout'));
    const after = await call(api.portalApi.GET('/portal/auth/session')).catch((e: unknown) => e);
    expect(after).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('turns problem+json into ApiError with the detail and each field message', async () => {
    const api = createApiClients({ baseUrl: server.url, fetch: browserFetch().fetch });
    const weak = await call(api.portalApi.POST('/portal/auth/register', { body: { name: 'Bo', email: 'bo.web@example.com', password: 'short' } })).catch((e: unknown) => e);
    expect(weak).toBeInstanceOf(ApiError);
    const error = weak as ApiError;
    expect(error.status).toBe(422);
    expect(error.code).toBe('validation_failed');
    expect(error.fieldMessage('password')).toEqual(expect.stringMatching(/8/));

    const badEmail = (await call(api.portalApi.POST('/portal/auth/login', { body: { email: 'not-an-email', password: 'x' } })).catch((e: unknown) => e)) as ApiError;
    expect(badEmail.fieldMessage('email')).toEqual(expect.any(String));

    const wrong = (await call(api.portalApi.POST('/portal/auth/login', { body: { email: 'nobody.web@example.com', password: 'wrong password here' } })).catch((e: unknown) => e)) as ApiError;
    expect(wrong).toMatchObject({ status: 401, code: 'unauthorized', detail: 'The email or the password is wrong' });

    const unknown = (await call(api.publicApi.GET('/api/v1/track/{token}', { params: { path: { token: 'tk_no_such_token_0000000000' } } })).catch((e: unknown) => e)) as ApiError;
    expect(unknown).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('reports an unreachable server as a network error (status 0)', async () => {
    const api = createApiClients({ baseUrl: 'http://127.0.0.1:9' });
    const failure = await call(api.publicApi.GET('/api/v1/track/{token}', { params: { path: { token: 'x'.repeat(20) } } })).catch((e: unknown) => e);
    expect(failure).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('signs a staff user in and out with the staff client', async () => {
    await createStaffUser(server.deps.db, server.deps, { email: 'ops.web@example.com', role: 'operator', password: STAFF_PASSWORD });
    const browser = browserFetch();
    const api = createApiClients({ baseUrl: server.url, fetch: browser.fetch });
    const signedIn = await call(api.staffApi.POST('/auth/login', { body: { email: 'ops.web@example.com', password: STAFF_PASSWORD } }));
    expect(signedIn.user).toMatchObject({ email: 'ops.web@example.com', role: 'operator' });
    api.csrf.staff = signedIn.csrf_token;
    expect((await call(api.staffApi.GET('/auth/session'))).user.id).toBe(signedIn.user.id);
    // The public client sends no cookie: the tracking page never rides on a session.
    await call(api.publicApi.GET('/healthz'));
    expect(browser.sent.at(-1)!.headers.get('cookie')).toBeNull();
    await call(api.staffApi.POST('/auth/logout'));
    expect(await call(api.staffApi.GET('/auth/session')).catch((e: unknown) => e)).toMatchObject({ status: 401 });
  });
});
