/**
 * A browser session (customer or staff) as React state: loaded once per page load from
 * GET …/auth/session when this browser signed in before, set by the sign-in pages, cleared by sign
 * out. Keeps the realm's CSRF token in the API client (api.csrf) in step with it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, type Realm } from '../api/index.js';
import { hasSessionHint, setSessionHint } from './session-hint.js';

export type SessionStatus = 'loading' | 'signed-in' | 'signed-out' | 'offline';

export interface SessionState<S> {
  status: SessionStatus;
  session: S | null;
  /** The visitor signed out here (not a session that ran out): the guard sends them to sign in without `?next=`. */
  leftByChoice: boolean;
  /** After a sign-in answer (it carries csrf_token). */
  signedIn(session: S): void;
  /** After a 401 from any call (the session ran out), or `byChoice` after the visitor signed out. */
  signedOut(byChoice?: boolean): void;
}

export function createSession<S extends { csrf_token: string }>(realm: Realm, load: () => Promise<S>) {
  const Context = createContext<SessionState<S> | null>(null);

  function SessionProvider({ children }: { children: ReactNode }) {
    const [status, setStatus] = useState<SessionStatus>(() => (hasSessionHint(realm) ? 'loading' : 'signed-out'));
    const [session, setSession] = useState<S | null>(null);
    const [leftByChoice, setLeftByChoice] = useState(false);

    const signedIn = useCallback((next: S) => {
      api.csrf[realm] = next.csrf_token;
      setSessionHint(realm, true);
      setSession(next);
      setLeftByChoice(false);
      setStatus('signed-in');
    }, []);
    const signedOut = useCallback((byChoice = false) => {
      api.csrf[realm] = null;
      setSessionHint(realm, false);
      setSession(null);
      setLeftByChoice(byChoice);
      setStatus('signed-out');
    }, []);

    useEffect(() => {
      if (!hasSessionHint(realm)) return;
      let live = true;
      load().then(
        (loaded) => live && signedIn(loaded),
        (error: unknown) => {
          if (!live) return;
          if (error instanceof ApiError && error.status === 0) setStatus('offline');
          else signedOut(false);
        },
      );
      return () => {
        live = false;
      };
    }, [signedIn, signedOut]);

    const value = useMemo(() => ({ status, session, leftByChoice, signedIn, signedOut }), [status, session, leftByChoice, signedIn, signedOut]);
    return <Context.Provider value={value}>{children}</Context.Provider>;
  }

  function useSession(): SessionState<S> {
    const value = useContext(Context);
    if (value === null) throw new Error(`useSession (${realm}) outside its SessionProvider`);
    return value;
  }

  return { SessionProvider, useSession };
}
