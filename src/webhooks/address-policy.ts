/**
 * Which network addresses a webhook may be sent to (the SSRF guard's rules). Pure: no I/O; the
 * resolver (url-guard.ts) asks this about every address a host name resolves to.
 *
 * Refused unless configuration allows private targets (WAYBILL_WEBHOOKS_ALLOW_PRIVATE=1): loopback,
 * RFC 1918 private, link-local, CGNAT shared space, unique-local IPv6, and the reserved and
 * documentation ranges that are never a customer's server. IPv6 forms that embed an IPv4 address
 * (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by the IPv4 address inside,
 * or `::ffff:127.0.0.1` would walk around the loopback rule. Always refused, whatever the
 * configuration: the unspecified address, multicast and broadcast (never one server), and the cloud
 * metadata service (169.254.169.254, fd00:ec2::254), which holds credentials.
 */
import { isIP } from 'node:net';

export type AddressClass =
  | 'public'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'shared'
  | 'unique_local'
  | 'reserved'
  | 'documentation'
  | 'unspecified'
  | 'multicast'
  | 'metadata';

const neverAllowed = new Set<AddressClass>(['unspecified', 'multicast', 'metadata']);

const described: Record<Exclude<AddressClass, 'public'>, string> = {
  loopback: 'a loopback address',
  private: 'a private-network address',
  link_local: 'a link-local address',
  shared: 'a carrier-grade NAT (100.64.0.0/10) address',
  unique_local: 'a unique-local IPv6 address',
  reserved: 'a reserved address',
  documentation: 'a documentation-only address',
  unspecified: 'the unspecified address',
  multicast: 'a multicast or broadcast address',
  metadata: 'the cloud metadata service',
};

/** Why `address` may not be a webhook target, or null when it may. */
export function addressRefusal(address: string, allowPrivate: boolean): string | null {
  const kind = classifyAddress(address);
  if (kind === 'public') return null;
  if (allowPrivate && !neverAllowed.has(kind)) return null;
  return `${address} is ${described[kind]}`;
}

/** The class of an IPv4 or IPv6 literal; anything unparseable is `reserved` (refused). */
export function classifyAddress(address: string): AddressClass {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 4) return classifyV4(v4Octets(bare));
  if (version === 6) return classifyV6(v6Groups(bare));
  return 'reserved';
}

function v4Octets(address: string): number[] {
  return address.split('.').map(Number);
}

/** [network, prefix length, class], first match wins. */
const v4Ranges: ReadonlyArray<[string, number, AddressClass]> = [
  ['169.254.169.254', 32, 'metadata'],
  ['0.0.0.0', 8, 'unspecified'],
  ['10.0.0.0', 8, 'private'],
  ['100.64.0.0', 10, 'shared'],
  ['127.0.0.0', 8, 'loopback'],
  ['169.254.0.0', 16, 'link_local'],
  ['172.16.0.0', 12, 'private'],
  ['192.0.0.0', 24, 'reserved'],
  ['192.0.2.0', 24, 'documentation'],
  ['192.88.99.0', 24, 'reserved'],
  ['192.168.0.0', 16, 'private'],
  ['198.18.0.0', 15, 'reserved'],
  ['198.51.100.0', 24, 'documentation'],
  ['203.0.113.0', 24, 'documentation'],
  ['224.0.0.0', 4, 'multicast'],
  ['255.255.255.255', 32, 'multicast'],
  ['240.0.0.0', 4, 'reserved'],
];

function v4Number(octets: readonly number[]): number {
  return ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
}

function classifyV4(octets: readonly number[]): AddressClass {
  const value = v4Number(octets);
  for (const [network, bits, kind] of v4Ranges) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((value & mask) >>> 0 === (v4Number(v4Octets(network)) & mask) >>> 0) return kind;
  }
  return 'public';
}

/** Eight 16-bit groups; isIP has already said the text is IPv6. */
function v6Groups(address: string): number[] {
  let text = address.toLowerCase();
  // A trailing dotted quad (::ffff:10.0.0.1) is two groups.
  const quad = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (quad) {
    const o = v4Octets(quad[1]!);
    text = text.slice(0, quad.index) + `${((o[0]! << 8) | o[1]!).toString(16)}:${((o[2]! << 8) | o[3]!).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':').filter((g) => g !== '') : [];
  const right = tail ? tail.split(':').filter((g) => g !== '') : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((g) => Number.parseInt(g, 16));
}

function embeddedV4(hi: number, lo: number): number[] {
  return [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
}

function classifyV6(g: readonly number[]): AddressClass {
  const zeroUpTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroUpTo(8)) return 'unspecified';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (the deprecated compatible form)
  if (zeroUpTo(5) && (g[5] === 0xffff || g[5] === 0)) return classifyV4(embeddedV4(g[6]!, g[7]!));
  // 64:ff9b::/96 NAT64
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyV4(embeddedV4(g[6]!, g[7]!));
  // 2002::/16 6to4: the IPv4 address is in groups 1 and 2
  if (g[0] === 0x2002) return classifyV4(embeddedV4(g[1]!, g[2]!));
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254) return 'metadata';
  const first = g[0]!;
  if ((first & 0xfe00) === 0xfc00) return 'unique_local';
  if ((first & 0xffc0) === 0xfe80) return 'link_local';
  // fec0::/10, site-local (deprecated, still routed internally by some networks)
  if ((first & 0xffc0) === 0xfec0) return 'private';
  if ((first & 0xff00) === 0xff00) return 'multicast';
  if (first === 0x2001 && g[1] === 0x0db8) return 'documentation';
  // 100::/64 discard-only
  if (first === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return 'reserved';
  return 'public';
}
