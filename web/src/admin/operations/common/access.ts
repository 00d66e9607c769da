/** Admin-only pages and actions (webhook endpoints, users, API keys); the rest follows ui/useCanWrite. */
import { useStaffSession } from '../../session.js';

export function useIsAdmin(): boolean {
  return useStaffSession().session?.user.role === 'admin';
}
