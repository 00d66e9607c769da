import { describe, expect, it } from 'vitest';
import { passwordProblem } from './password-rules.js';

const rule = (password: string, email = 'ada@example.com') => passwordProblem(password, { email })?.message.match(/rule: (\w+)/)?.[1] ?? null;

describe('password rules', () => {
  it('wants 8 to 128 characters, counted as people see them', () => {
    expect(rule('1234567')).toBe('min_length');
    expect(rule('x'.repeat(129))).toBe('max_length');
    expect(rule('x'.repeat(128))).toBeNull();
    expect(rule('🐙'.repeat(8))).toBeNull();
    expect(rule('🐙'.repeat(7))).toBe('min_length');
  });

  it('refuses common passwords whatever their case, and has no composition rules', () => {
    for (const common of ['password', 'PASSWORD1', 'iloveyou', '12345678', 'qwertyuiop', 'football']) expect(rule(common), common).toBe('common_password');
    for (const fine of ['lowercase only words', 'ALLCAPSNOTCOMMONHERE', 'mug lantern harbour']) expect(rule(fine), fine).toBeNull();
  });

  it('refuses the account email (or its long local part) as the password', () => {
    expect(rule('Ada@Example.com')).toBe('contains_email');
    expect(rule('lovelace1815', 'lovelace1815@example.com')).toBe('contains_email');
  });

  it('names the field it was given', () => {
    expect(passwordProblem('short', { email: 'a@b.c' }, 'new_password')?.path).toBe('new_password');
  });
});
