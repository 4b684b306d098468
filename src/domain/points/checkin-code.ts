/**
 * The check-in code a volunteer's phone shows at an event and a resident scans: it changes every 30 seconds.
 * code = HMAC-SHA-256(per-occurrence secret, "<occurrence id>|<window>"), truncated to 128 bits, where window =
 * ⌊unix time / 30 s⌋. The service accepts the current window and one either side (clocks drift; a scan takes
 * time) and nothing older, so a photo of the code sent round later does not work. A check-in sent late (no signal in
 * the hall) names its scan time instead of now, and the service then also requires that time to fall during the
 * event and the request to arrive within a day (docs/points.md, "Late check-ins"). Web Crypto only, so the
 * volunteer's page computes the same code offline from the secret the service gave it.
 */

export const WINDOW_SECONDS = 30;
/** Windows either side of now that are still accepted. */
export const WINDOW_SLACK = 1;
const PREFIX = 'hc1';

export function windowOf(now: Date): number {
  return Math.floor(now.getTime() / 1000 / WINDOW_SECONDS);
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function mac(secret: Uint8Array, occurrenceId: string, window: number): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    secret as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const sig = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(`${occurrenceId}|${window}`));
  return base64url(new Uint8Array(sig).slice(0, 16));
}

/** The code (the QR's text) for an occurrence in a window. */
export async function checkinCode(secret: Uint8Array, occurrenceId: string, window: number): Promise<string> {
  return `${PREFIX}:${window}:${await mac(secret, occurrenceId, window)}:${occurrenceId}`;
}

export interface ParsedCode {
  window: number;
  mac: string;
  occurrenceId: string;
}

/** The parts of a scanned code, or undefined if it is not one (the occurrence id is last: it may hold colons). */
export function parseCheckinCode(code: string): ParsedCode | undefined {
  const m = /^hc1:(\d{1,12}):([A-Za-z0-9_-]{22}):(.{1,200})$/.exec(code);
  if (!m) return undefined;
  return { window: Number(m[1]), mac: m[2]!, occurrenceId: m[3]! };
}

export type CodeCheck = 'ok' | 'forged' | 'expired';

/**
 * Whether a parsed code is genuine for the occurrence's secret and current at `now`. A forged code is one whose
 * MAC does not match (checked first, so a forger learns nothing about windows); an expired one is genuine but
 * from a window more than WINDOW_SLACK away.
 */
export async function verifyCheckinCode(secret: Uint8Array, code: ParsedCode, now: Date): Promise<CodeCheck> {
  const expected = await mac(secret, code.occurrenceId, code.window);
  if (!timingSafeEqual(expected, code.mac)) return 'forged';
  return Math.abs(windowOf(now) - code.window) <= WINDOW_SLACK ? 'ok' : 'expired';
}

function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
