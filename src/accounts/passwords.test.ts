import { describe, expect, it } from 'vitest';
import { ARGON2_PARAMS, hashPassword, needsRehash, parametersOf, verifyNothing, verifyPassword } from './passwords.js';

describe('password hashing', () => {
  it('uses argon2id at or above the OWASP minimum (m ≥ 19 MiB, t ≥ 2, p = 1)', async () => {
    // OWASP Password Storage Cheat Sheet: m=19456 (19 MiB), t=2, p=1 is the floor. Lowering any
    // parameter must fail this test.
    expect(ARGON2_PARAMS.memorySize).toBeGreaterThanOrEqual(19_456);
    expect(ARGON2_PARAMS.iterations).toBeGreaterThanOrEqual(2);
    expect(ARGON2_PARAMS.parallelism).toBe(1);
    expect(ARGON2_PARAMS.saltLength).toBeGreaterThanOrEqual(16);
    expect(ARGON2_PARAMS.hashLength).toBeGreaterThanOrEqual(32);
    const hash = await hashPassword('correct horse battery');
    expect(parametersOf(hash)).toEqual({ algorithm: 'argon2id', memorySize: ARGON2_PARAMS.memorySize, iterations: ARGON2_PARAMS.iterations, parallelism: 1 });
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
  });

  it('verifies the password and nothing else, and salts every hash', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'not a hash')).toBe(false);
    expect(await verifyNothing('anything')).toBe(false);
  });

  it('treats the same text typed as composed or decomposed Unicode as the same password', async () => {
    const hash = await hashPassword('caf\u00e9 au lait!');
    expect(await verifyPassword('cafe\u0301 au lait!', hash)).toBe(true);
  });

  it('asks for a rehash of weaker or other hashes', async () => {
    expect(needsRehash(await hashPassword('correct horse battery'))).toBe(false);
    expect(needsRehash('$argon2id$v=19$m=4096,t=3,p=1$c2FsdHNhbHRzYWx0$aGFzaA')).toBe(true);
    expect(needsRehash('$argon2i$v=19$m=65536,t=3,p=1$c2FsdHNhbHRzYWx0$aGFzaA')).toBe(true);
    expect(needsRehash('$2b$10$abcdefghijklmnopqrstuv')).toBe(true);
  });
});
