/**
 * What the signed-in staff user may do. Pages hide or disable what the role may not do (the API
 * answers 403 anyway): viewers only read, operators and admins change things, and only admins
 * manage webhook endpoints, users and API keys.
 */
import { useStaffSession } from '../session.js';

export function useCanWrite(): boolean {
  const role = useStaffSession().session?.user.role;
  return role === 'operator' || role === 'admin';
}

export function useIsAdmin(): boolean {
  return useStaffSession().session?.user.role === 'admin';
}
