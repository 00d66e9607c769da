/**
 * Whether the signed-in staff user may change things: operators and admins may, viewers only
 * read. Pages hide or disable their write actions for viewers (the API answers 403 anyway).
 */
import { useStaffSession } from '../session.js';

export function useCanWrite(): boolean {
  const role = useStaffSession().session?.user.role;
  return role === 'operator' || role === 'admin';
}
