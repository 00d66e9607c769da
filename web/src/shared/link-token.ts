/**
 * The token of an emailed link: it comes in the URL's fragment (`#token=…`, never sent to a server
 * nor in a Referer; src/accounts/token-rules.ts). Read once, then dropped from the address bar and
 * the history so that it is not left behind on a shared computer.
 */
import { useEffect, useState } from 'react';
import { tokenOfFragment } from './urls.js';

export function useLinkToken(): string | null {
  const [token] = useState(() => tokenOfFragment(window.location.hash));
  useEffect(() => {
    if (token !== null && window.location.hash !== '') window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}`);
  }, [token]);
  return token;
}
