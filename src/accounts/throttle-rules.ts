/**
 * Sign-in and email-link throttling: how many tries, counted how, and who is never locked out.
 * Pure: takes `now`. (The counters live in auth_throttle; throttle.repository.ts.)
 *
 * Passwords (per sign-in kind, customers and staff apart), in a fixed 15-minute window from the
 * first failure:
 * - one client on one account: 5 failures, then 429 for that client only. The client is the
 *   browser's device cookie when that device signed in to this account before, else the IP;
 * - one IP, any accounts: 50 failures (NAT-friendly), then 429 for that IP, except devices known
 *   to the account they sign in to;
 * - one account, from everywhere: 10 failures, then 429 for clients that never signed in to it —
 *   a device it signed in from (cookie) or an IP it signed in from in the last 30 days still may.
 *   So an attacker spreading guesses over many IPs slows down to 10 guesses per 15 minutes on the
 *   account, while the owner signs in from their usual device; and a new device of theirs can
 *   still get in by a magic link, which no password throttle blocks.
 * Counters are keyed by the email typed, not the account, so an unknown email throttles the same
 * way a real one does (no enumeration by 429s). A success clears its own client's counter only.
 *
 * Email links (magic link, password reset): 10 requests per IP per 15 minutes, then 429; at most 3
 * messages of one kind to one address per 15 minutes, past which the answer is the same 202 and
 * nothing is sent — so nobody can flood an inbox, and a flood cannot keep the owner from a link:
 * the links it triggers went to the owner. Token links: 20 failures (unknown, used, expired) per IP,
 * then 429. Registration: 10 "email taken" answers per IP, then 429 (slows enumeration by 409).
 */
export const THROTTLE_WINDOW_MS = 15 * 60_000;
/** How long a client that signed in stays known to the account. */
export const KNOWN_CLIENT_MS = 30 * 24 * 60 * 60_000;

export const limits = Object.freeze({
  signInPerAccountClient: 5,
  signInPerIp: 50,
  signInPerAccount: 10,
  emailRequestsPerIp: 10,
  emailsPerAddress: 3,
  tokenFailuresPerIp: 20,
  registerConflictsPerIp: 10,
});

export interface Counter {
  hits: number;
  window_started_at: string;
}

/** Seconds until the counter's window ends when it has reached `limit` in the current window, else null. */
export function blockedFor(counter: Counter | undefined, limit: number, now: Date, windowMs = THROTTLE_WINDOW_MS): number | null {
  if (counter === undefined) return null;
  const ends = Date.parse(counter.window_started_at) + windowMs;
  if (now.getTime() >= ends) return null;
  return counter.hits >= limit ? Math.max(1, Math.ceil((ends - now.getTime()) / 1000)) : null;
}

export interface SignInCounters {
  client?: Counter;
  ip?: Counter;
  account?: Counter;
}

/**
 * Whether a password attempt may be checked, or the seconds to wait. `knownDevice`: the browser's
 * device cookie signed in to this account before; `knownIp`: so did this IP, lately.
 */
export function signInBlock(counters: SignInCounters, known: { knownDevice: boolean; knownIp: boolean }, now: Date): number | null {
  const waits: number[] = [];
  const add = (seconds: number | null) => {
    if (seconds !== null) waits.push(seconds);
  };
  add(blockedFor(counters.client, limits.signInPerAccountClient, now));
  if (!known.knownDevice) add(blockedFor(counters.ip, limits.signInPerIp, now));
  if (!known.knownDevice && !known.knownIp) add(blockedFor(counters.account, limits.signInPerAccount, now));
  return waits.length === 0 ? null : Math.max(...waits);
}
