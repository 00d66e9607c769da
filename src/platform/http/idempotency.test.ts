import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { validateIdempotencyKey } from './idempotency.js';

describe('validateIdempotencyKey', () => {
  it('passes an absent key through', () => {
    expect(validateIdempotencyKey(undefined)).toBeUndefined();
  });

  it('accepts 1 to 255 visible ASCII characters', () => {
    for (const key of ['a', 'k'.repeat(255), '3f2b8c1e-5d4a-4e0b-9c7d-2a1b0c9d8e7f', 'order:2026-11-22#1~!']) {
      expect(validateIdempotencyKey(key)).toBe(key);
    }
  });

  it('refuses anything else with validation_failed naming the header', () => {
    for (const key of ['', 'k'.repeat(256), 'k'.repeat(300), 'with space', 'tab\t', 'ünïcode', 'nul\u0000', ['a', 'b'], 42]) {
      let thrown: unknown;
      try {
        validateIdempotencyKey(key);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(key)).toBeInstanceOf(AppError);
      expect((thrown as AppError).code).toBe('validation_failed');
      expect((thrown as AppError).extras.errors).toEqual([{ path: 'headers.idempotency-key', message: expect.any(String) }]);
    }
  });
});
