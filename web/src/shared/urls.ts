/** Reading the URLs the pages are opened with. Pure (tests run it in Node). */

/** `token` of a fragment like `#token=abc` (the emailed links' form); null when there is none. */
export function tokenOfFragment(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return token !== null && /^[A-Za-z0-9_-]{1,128}$/.test(token) ? token : null;
}

/** Where to go after signing in: `?next=` when it stays inside `area` (no open redirect), else `fallback`. */
export function nextPath(search: string, area: string, fallback: string): string {
  const next = new URLSearchParams(search).get('next');
  return next !== null && next.startsWith(`${area}/`) && !next.startsWith('//') && !next.includes('\\') ? next : fallback;
}
