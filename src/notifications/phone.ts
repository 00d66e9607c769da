/**
 * Phone numbers for SMS: Twilio wants E.164 (`+` country code and subscriber number, at most 15
 * digits). Only trivial cleanup is done here — spaces, dashes, dots and parentheses that people type —
 * because guessing a country code for a national number would text a stranger.
 */

/** `+`, a non-zero first digit, 7 to 15 digits in all (the shortest real numbers have 7). */
const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

/** The number without typing separators, when that is E.164; else null. */
export function normalizePhone(value: string): string | null {
  const cleaned = value.trim().replace(/[\s\-.()\u00a0]/g, '');
  return isE164(cleaned) ? cleaned : null;
}
