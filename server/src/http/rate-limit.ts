/**
 * Fixed-window request limits per client and kind of action (enrolment, check-in, redemption), in memory:
 * one service process guards itself; several instances behind a balancer each count their own share (a
 * shared limit would go in the proxy, e.g. nginx limit_req, which deploy/nginx.conf sets for /api/).
 */
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
      if (this.windows.size > 50_000) this.windows.clear();
      this.windows.set(key, { start: now, n: 1 });
      return true;
    }
    w.n++;
    return w.n <= this.limits[kind];
  }
}
