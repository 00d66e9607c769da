/**
 * The shop must always keep one enabled admin user: without one, nobody could manage users from
 * the admin again (only the command line could). Pure: no I/O.
 */
import type { Role } from '../platform/http/api-keys.js';

export interface StaffUserState {
  role: Role;
  disabled: boolean;
}

function isEnabledAdmin(user: StaffUserState): boolean {
  return user.role === 'admin' && !user.disabled;
}

/**
 * Why the change may not be made, or null when it may: it would take the last enabled admin away
 * (demoted or disabled; the user changing may be that admin).
 */
export function lastAdminProblem(before: StaffUserState, after: StaffUserState, otherEnabledAdmins: number): string | null {
  if (!isEnabledAdmin(before) || isEnabledAdmin(after) || otherEnabledAdmins > 0) return null;
  const what = after.disabled ? 'disabled' : `made ${after.role}`;
  return `This is the last enabled admin: it cannot be ${what} until another admin is enabled`;
}
