/**
 * Password hashing: argon2id with OWASP's minimum (Password Storage Cheat Sheet: m = 19 MiB,
 * t = 2, p = 1), through hash-wasm (WebAssembly: no native build to break on install). The hash is
 * the PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`), so it carries its own parameters: raising
 * them later rehashes each password at its next successful sign-in (`needsRehash`).
 *
 * About 80 ms per hash on one core; sign-in throttling (throttle-rules.ts) keeps an attacker from
 * turning that into a denial of service on one account.
 */
import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';

export const ARGON2_PARAMS = Object.freeze({
  /** KiB (19 MiB). */
  memorySize: 19_456,
  iterations: 2,
  parallelism: 1,
  hashLength: 32,
  saltLength: 16,
});

/**
 * Unicode normalization first (NIST SP 800-63B 5.1.1.2): "é" typed as one code point or as e + ◌́
 * is the same password on every keyboard.
 */
export function normalizePassword(password: string): string {
  return password.normalize('NFKC');
}

export async function hashPassword(password: string): Promise<string> {
  return argon2id({
    password: normalizePassword(password),
    salt: randomBytes(ARGON2_PARAMS.saltLength),
    parallelism: ARGON2_PARAMS.parallelism,
    iterations: ARGON2_PARAMS.iterations,
    memorySize: ARGON2_PARAMS.memorySize,
    hashLength: ARGON2_PARAMS.hashLength,
    outputType: 'encoded',
  });
}

export interface Argon2Parameters {
  algorithm: string;
  memorySize: number;
  iterations: number;
  parallelism: number;
}

/** The parameters a PHC string was made with, or null when it is not an argon2 hash. */
export function parametersOf(hash: string): Argon2Parameters | null {
  const match = /^\$(argon2(?:id|i|d))\$v=\d+\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(hash);
  if (!match) return null;
  return { algorithm: match[1]!, memorySize: Number(match[2]), iterations: Number(match[3]), parallelism: Number(match[4]) };
}

/** True when the hash is weaker than today's parameters (or not argon2id at all). */
export function needsRehash(hash: string): boolean {
  const p = parametersOf(hash);
  return p === null || p.algorithm !== 'argon2id' || p.memorySize < ARGON2_PARAMS.memorySize || p.iterations < ARGON2_PARAMS.iterations;
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (parametersOf(hash) === null) return false;
  try {
    return await argon2Verify({ password: normalizePassword(password), hash });
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | null = null;

/**
 * Spends the time of one verification when there is no password to check (unknown email, an
 * account without a password), so that the answer's timing does not tell which emails have accounts.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(18).toString('base64url'));
  await verifyPassword(password, await dummyHash);
  return false;
}
