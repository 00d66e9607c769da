/** The staff user's browser session (POST /auth/login; GET /auth/session on reload). */
import { api, call } from '../api/index.js';
import { createSession } from '../shared/session.js';

export const { SessionProvider: StaffSessionProvider, useSession: useStaffSession } = createSession('staff', () => call(api.staffApi.GET('/auth/session')));
