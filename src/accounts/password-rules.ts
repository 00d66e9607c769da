/**
 * What a password must be (NIST SP 800-63B 5.1.1.2, OWASP Authentication Cheat Sheet): at least 8
 * and at most 128 characters (after Unicode normalization, counted in code points, so emoji and
 * accents count as one each), not one of the most common passwords, not the account's own email.
 * No composition rules (a digit, a symbol…): they make passwords harder to remember, not to guess.
 * The upper bound keeps a hash request from being a way to burn CPU.
 */
import type { FieldError } from '../platform/errors.js';
import { commonPasswords } from './common-passwords.js';
import { normalizePassword } from './passwords.js';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;

/** The first rule the password breaks, as a field error on `path`, or null when it is acceptable. */
export function passwordProblem(password: string, context: { email: string }, path = 'password'): FieldError | null {
  const normalized = normalizePassword(password);
  const length = [...normalized].length;
  if (length < PASSWORD_MIN_LENGTH) return { path, message: `must be at least ${PASSWORD_MIN_LENGTH} characters (rule: min_length)` };
  if (length > PASSWORD_MAX_LENGTH) return { path, message: `must be at most ${PASSWORD_MAX_LENGTH} characters (rule: max_length)` };
  const lower = normalized.toLowerCase();
  if (commonPasswords(PASSWORD_MIN_LENGTH).has(lower)) return { path, message: 'is one of the most common passwords; choose another (rule: common_password)' };
  const email = context.email.trim().toLowerCase();
  const local = email.split('@')[0] ?? '';
  if (lower === email || (local.length >= PASSWORD_MIN_LENGTH && lower === local)) return { path, message: 'must not be your email address (rule: contains_email)' };
  return null;
}
