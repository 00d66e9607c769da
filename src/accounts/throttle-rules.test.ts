import { describe, expect, it } from 'vitest';
import { blockedFor, limits, signInBlock, THROTTLE_WINDOW_MS } from './throttle-rules.js';

const start = new Date('2026-11-22T10:00:00.000Z');
const at = (ms: number) => new Date(start.getTime() + ms);
const counter = (hits: number) => ({ hits, window_started_at: start.toISOString() });
const strange = { knownDevice: false, knownIp: false };

describe('sign-in throttle rules', () => {
  it('blocks at the limit until the window ends, and says for how long', () => {
    expect(blockedFor(counter(4), 5, at(0))).toBeNull();
    expect(blockedFor(counter(5), 5, at(0))).toBe(THROTTLE_WINDOW_MS / 1000);
    expect(blockedFor(counter(5), 5, at(THROTTLE_WINDOW_MS - 1500))).toBe(2);
    expect(blockedFor(counter(50), 5, at(THROTTLE_WINDOW_MS))).toBeNull();
    expect(blockedFor(undefined, 5, at(0))).toBeNull();
  });

  it('blocks a client on its own failures, whoever it is', () => {
    expect(signInBlock({ client: counter(limits.signInPerAccountClient) }, { knownDevice: true, knownIp: true }, at(0))).not.toBeNull();
  });

  it('lets a known device past the IP and account limits, and a known IP past the account limit', () => {
    const ipAndAccount = { ip: counter(limits.signInPerIp), account: counter(limits.signInPerAccount) };
    expect(signInBlock(ipAndAccount, strange, at(0))).not.toBeNull();
    expect(signInBlock(ipAndAccount, { knownDevice: true, knownIp: false }, at(0))).toBeNull();
    expect(signInBlock({ account: counter(limits.signInPerAccount) }, { knownDevice: false, knownIp: true }, at(0))).toBeNull();
    expect(signInBlock({ ip: counter(limits.signInPerIp) }, { knownDevice: false, knownIp: true }, at(0))).not.toBeNull();
  });
});
