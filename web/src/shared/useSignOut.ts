/**
 * Signing out, as both headers do it: tell the server (a failure does not matter: this browser
 * forgets the session either way), forget the session here, and go to the sign-in page.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';

export function useSignOut(logout: () => Promise<unknown>, signedOut: (byChoice?: boolean) => void, signInPath: string): { signOut: () => Promise<void>; leaving: boolean } {
  const navigate = useNavigate();
  const [leaving, setLeaving] = useState(false);
  async function signOut() {
    setLeaving(true);
    try {
      await logout();
    } catch {
      // Signed out on the server or not, this browser forgets the session.
    }
    signedOut(true);
    setLeaving(false);
    await navigate(signInPath, { replace: true });
  }
  return { signOut, leaving };
}
