/**
 * Accounts: customers' accounts (register, password or emailed-link sign-in, verification that
 * links the account to the orders of its email, password reset) and staff users, both signed in
 * with server-side browser sessions (platform/http/sessions.ts) behind a CSRF token.
 */
export { portalAuthRoutes } from './portal-auth.routes.js';
export { staffAuthRoutes } from './staff-auth.routes.js';
/** The admin's staff user management (/api/v1/users, admin only). */
export { staffUserRoutes } from './staff-users.routes.js';
/** The platform auth hook's view of sessions: who each belongs to (app.ts hands it to installAuth). */
export { sessionAuthOf } from './session-subjects.js';
/** Old email-link pages (/portal/…) and the portal pages (/account/…) they moved to. */
export { movedLinkPages } from './token-rules.js';
/** The signed-in customer of a `access: 'customer'` route: account, linked customer (or null), email. */
export { customerOf, type SignedInCustomer } from './customer-of.js';
/** Staff users, for the CLI (`waybill users create | list`) and tests. */
export { createStaffUser, listStaffUsers, type StaffUser } from './staff-user.repository.js';
export { ARGON2_PARAMS, parametersOf } from './passwords.js';
export { PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH } from './password-rules.js';
