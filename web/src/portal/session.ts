/** The customer's browser session (POST /portal/auth/login…; GET /portal/auth/session on reload). */
import { api, call } from '../api/index.js';
import { createSession } from '../shared/session.js';

export const { SessionProvider: PortalSessionProvider, useSession: usePortalSession } = createSession('customer', () => call(api.portalApi.GET('/portal/auth/session')));
