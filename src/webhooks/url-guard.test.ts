import { describe, expect, it } from 'vitest';
import { checkTarget, TargetRefused, type Resolver } from './url-guard.js';

const resolvesTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const nowhere: Resolver = async () => {
  throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
};

async function refusal(url: string, allowPrivate: boolean, resolve: Resolver = resolvesTo('93.184.215.14')): Promise<string> {
  try {
    await checkTarget(url, allowPrivate, resolve);
  } catch (error) {
    if (error instanceof TargetRefused) return error.message;
    throw error;
  }
  return 'allowed';
}

describe('the SSRF guard', () => {
  it('takes http and https URLs whose every address is public, and pins the first', async () => {
    const target = await checkTarget('https://hooks.example.com/in', false, resolvesTo('93.184.215.14', '2606:4700::1111'));
    expect(target).toMatchObject({ address: '93.184.215.14', family: 4 });
    expect(await refusal('http://hooks.example.com:8080/in', false)).toBe('allowed');
  });

  it('refuses other schemes, credentials and non-URLs', async () => {
    expect(await refusal('ftp://hooks.example.com/', false)).toMatch(/http or https/);
    expect(await refusal('file:///etc/passwd', false)).toMatch(/http or https/);
    expect(await refusal('https://user:pw@hooks.example.com/', false)).toMatch(/user name or password/);
    expect(await refusal('hooks.example.com/in', false)).toMatch(/absolute URL/);
  });

  it('refuses literal private addresses, localhost, and names that resolve to any private address', async () => {
    expect(await refusal('http://127.0.0.1:3000/', false)).toMatch(/loopback/);
    expect(await refusal('http://[::1]/', false)).toMatch(/loopback/);
    expect(await refusal('http://[::ffff:127.0.0.1]/', false)).toMatch(/loopback/);
    expect(await refusal('http://169.254.169.254/latest/meta-data/', false)).toMatch(/metadata/);
    expect(await refusal('http://0.0.0.0/', false)).toMatch(/unspecified/);
    expect(await refusal('http://localhost:8080/', false)).toMatch(/loopback/);
    expect(await refusal('http://app.localhost/', false)).toMatch(/loopback/);
    expect(await refusal('http://internal.example/', false, resolvesTo('10.0.0.5'))).toBe('internal.example resolves to 10.0.0.5, a private-network address');
    expect(await refusal('http://mixed.example/', false, resolvesTo('93.184.215.14', '192.168.0.2'))).toMatch(/192\.168\.0\.2/);
    expect(await refusal('http://cgnat.example/', false, resolvesTo('100.64.1.1'))).toMatch(/carrier-grade NAT/);
    expect(await refusal('http://ula.example/', false, resolvesTo('fd00::1'))).toMatch(/unique-local/);
    expect(await refusal('http://missing.example/', false, nowhere)).toBe('missing.example does not resolve (ENOTFOUND)');
  });

  it('allows private targets when configured, except the metadata service and non-unicast addresses', async () => {
    expect(await refusal('http://127.0.0.1:3000/', true)).toBe('allowed');
    expect(await refusal('http://localhost:3000/', true, resolvesTo('127.0.0.1'))).toBe('allowed');
    expect(await refusal('http://internal.example/', true, resolvesTo('10.0.0.5'))).toBe('allowed');
    expect(await refusal('http://169.254.169.254/', true)).toMatch(/metadata/);
    expect(await refusal('http://0.0.0.0/', true)).toMatch(/unspecified/);
  });
});
