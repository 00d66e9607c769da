/**
 * The tokens that email links carry: what each is for and how long it works. Short-lived where a
 * link signs somebody in or changes a password (OWASP Forgot Password Cheat Sheet), a day for the
 * address check, which grants nothing but the link to orders placed with that address. Every token
 * works once. Pure: takes `now`.
 */
export const tokenPurposes = ['verify_email', 'magic_link', 'password_reset'] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

export const TOKEN_LIFETIME_MS: Readonly<Record<TokenPurpose, number>> = Object.freeze({
  verify_email: 24 * 60 * 60_000,
  magic_link: 15 * 60_000,
  password_reset: 30 * 60_000,
});

/** Random bits of a token (the link's secret; only its SHA-256 is stored). */
export const TOKEN_BITS = 256;

export type TokenState = 'usable' | 'used' | 'expired';

export function tokenState(token: { used_at: string | null; expires_at: string }, now: Date): TokenState {
  if (token.used_at !== null) return 'used';
  if (now.getTime() >= Date.parse(token.expires_at)) return 'expired';
  return 'usable';
}

/**
 * Where each link points: pages of the portal web app (under /account, since /portal/* is its JSON
 * API), which post the token to the API. The token is in the fragment, which browsers never send to
 * a server nor put in a Referer header. Links mailed before the web app moved them pointed at
 * /portal/<page>; the server redirects those paths here (src/platform/http/web-app.routes.ts).
 */
export function linkFor(publicUrl: string, purpose: TokenPurpose, token: string): string {
  return `${publicUrl}/account/${linkPages[purpose]}#token=${token}`;
}

/** The portal page of each link, under /account. */
export const linkPages: Readonly<Record<TokenPurpose, string>> = Object.freeze({
  verify_email: 'verify-email',
  magic_link: 'sign-in/link',
  password_reset: 'reset-password',
});

/** Where each link pointed before (/portal/<page>) → where it points now: the server redirects. */
export const movedLinkPages: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.values(linkPages).map((page) => [`/portal/${page}`, `/account/${page}`])),
);
