/**
 * Fixed-window request limits per client and kind of action (enrolment, check-in, redemption), in memory:
 * one service process guards itself; several instances behind a balancer each count their own share (a
 * shared limit would go in the proxy, e.g. nginx limit_req, which deploy/nginx.conf sets for /api/).
 */
import ipaddr from 'ipaddr.js';

export type LimitKind = 'enrol' | 'checkin' | 'redeem';
export type Limits = Record<LimitKind, number>;

export const DEFAULT_LIMITS: Limits = { enrol: 20, checkin: 120, redeem: 30 };

/** POINTS_RATE_LIMITS="enrol=20,checkin=120,redeem=30" (per minute). */
export function limitsFromEnv(value: string | undefined): Limits {
  const out = { ...DEFAULT_LIMITS };
  for (const part of (value ?? '').split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    if (k && k in out && Number(v) > 0) out[k as LimitKind] = Number(v);
  }
  return out;
}

export class RateLimiter {
  private windows = new Map<string, { start: number; n: number }>();
  private readonly limits: Limits;
  constructor(limits: Limits) {
    this.limits = limits;
  }
  /** True if the request may go ahead. */
  take(kind: LimitKind, client: string, now = Date.now()): boolean {
    const key = `${kind}|${client}`;
    const w = this.windows.get(key);
    if (!w || now - w.start >= 60_000) {
      if (this.windows.size > 50_000) {
        // Forget the windows that have ended first: clearing them all would give every client a fresh count.
        for (const [k, v] of this.windows) if (now - v.start >= 60_000) this.windows.delete(k);
        if (this.windows.size > 50_000) this.windows.clear();
      }
      this.windows.set(key, { start: now, n: 1 });
      return true;
    }
    w.n++;
    return w.n <= this.limits[kind];
  }
}

/**
 * The client a per-address limit counts: an IPv4 address as it is (also when written as IPv6, ::ffff:a.b.c.d), an
 * IPv6 address by its /64, the block one subscriber or host is given (it could otherwise take a new address, and
 * a fresh count, for every request), written one way whatever the spelling (parsed by ipaddr.js).
 */
export function addressKey(address: string): string {
  const bare = address.replace(/%.*$/, ''); // a zone (fe80::1%eth0)
  if (!ipaddr.isValid(bare)) return address;
  const ip = ipaddr.parse(bare);
  if (ip.kind() === 'ipv4') return ip.toString();
  const v6 = ip as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  return `${v6.parts
    .slice(0, 4)
    .map((h) => h.toString(16))
    .join(':')}::/64`;
}
