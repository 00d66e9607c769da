/** Staff roles in words. Pure. */
import type { StaffRole } from '../../api/index.js';

export const staffRoles: readonly StaffRole[] = ['viewer', 'operator', 'admin'];

const descriptions: Record<StaffRole, string> = {
  viewer: 'Viewer (reads only)',
  operator: 'Operator (day-to-day work)',
  admin: 'Admin (everything)',
};

export function roleOptions(): Array<{ value: StaffRole; label: string }> {
  return staffRoles.map((role) => ({ value: role, label: descriptions[role] }));
}

export function roleLabel(role: StaffRole): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}

/** What the roles may do, beside a role choice. */
export const ROLE_HINT = 'Operators run orders, shipments, returns, stock and purchase orders; admins also manage users, API keys and webhooks.';
