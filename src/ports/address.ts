export type Scope = 'loopback' | 'all' | 'specific';

/** IPv4 in /proc/net is one 32-bit word in host (little-endian) order: 0100007F → 127.0.0.1. */
export function decodeIpv4Hex(hex: string): string {
  const bytes = hexBytes(hex).reverse();
  return bytes.join('.');
}

/** IPv6 in /proc/net is four 32-bit words, each in host order: every word's bytes are reversed. */
export function decodeIpv6Hex(hex: string): string {
  const bytes: number[] = [];
  for (let w = 0; w < 4; w++) bytes.push(...hexBytes(hex.slice(w * 8, w * 8 + 8)).reverse());
  return formatIpv6(bytes);
}

function hexBytes(hex: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < hex.length; i += 2) out.push(parseInt(hex.slice(i, i + 2), 16));
  return out;
}

/** RFC 5952 text: lower-case, leading zeros dropped, the longest run of zero groups as ::, v4-mapped as ::ffff:a.b.c.d. */
function formatIpv6(bytes: number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! << 8) | bytes[i + 1]!);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${bytes.slice(12).join('.')}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/** Who can reach a listener bound to this address. */
export function scopeOf(address: string): Scope {
  const a = address.toLowerCase().replace(/^\[|\]$/g, '');
  if (a === '0.0.0.0' || a === '::' || a === '*' || a === '::ffff:0.0.0.0') return 'all';
  if (a.startsWith('127.') || a === '::1' || a.startsWith('::ffff:127.')) return 'loopback';
  return 'specific';
}

export function familyOf(address: string): 4 | 6 {
  return address.includes(':') ? 6 : 4;
}
