import { describe, expect, it } from 'vitest';
import { addressRefusal, classifyAddress } from './address-policy.js';

describe('which addresses a webhook may target', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.10.10', 'link_local'],
    ['169.254.169.254', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.64.0.1', 'shared'],
    ['100.127.255.255', 'shared'],
    ['fc00::1', 'unique_local'],
    ['fd12:3456::1', 'unique_local'],
    ['fe80::1%eth0', 'link_local'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'multicast'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
    ['198.51.100.7', 'documentation'],
    ['not-an-address', 'reserved'],
    ['93.184.215.14', 'public'],
    ['172.32.0.1', 'public'],
    ['100.128.0.1', 'public'],
    ['2606:4700::1111', 'public'],
    ['::ffff:93.184.215.14', 'public'],
  ])('%s is %s', (address, kind) => {
    expect(classifyAddress(address)).toBe(kind);
  });

  it('refuses private targets unless allowed, and some targets always', () => {
    expect(addressRefusal('93.184.215.14', false)).toBeNull();
    expect(addressRefusal('127.0.0.1', false)).toBe('127.0.0.1 is a loopback address');
    expect(addressRefusal('10.0.0.1', false)).toMatch(/private/);
    expect(addressRefusal('127.0.0.1', true)).toBeNull();
    expect(addressRefusal('192.168.0.10', true)).toBeNull();
    expect(addressRefusal('::1', true)).toBeNull();
    expect(addressRefusal('169.254.169.254', true)).toMatch(/metadata/);
    expect(addressRefusal('0.0.0.0', true)).toMatch(/unspecified/);
    expect(addressRefusal('224.0.0.1', true)).toMatch(/multicast/);
  });
});
