/**
 * A note in localStorage that this browser signed in to a realm. The session cookie is HttpOnly, so
 * a page cannot see it; without the note, every signed-out visit would ask GET …/auth/session and
 * get a 401 (which Chromium logs as a console error). Holds no secret: the cookie is the credential.
 */
import type { Realm } from '../api/index.js';

const key = (realm: Realm) => `waybill.signed-in.${realm}`;

export function hasSessionHint(realm: Realm): boolean {
  try {
    return window.localStorage.getItem(key(realm)) === '1';
  } catch {
    return true; // storage blocked: ask the server
  }
}

export function setSessionHint(realm: Realm, signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(key(realm), '1');
    else window.localStorage.removeItem(key(realm));
  } catch {
    // storage blocked: nothing to remember
  }
}
