/**
 * The volunteer's page's pure parts (docs/staff.md): the check-in URL in the QR, the device name offered at
 * enrolment, the security headers per path, and the zxing .wasm the site serves being the one the barcode
 * polyfill was built for.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ZXING_WASM_SHA256, ZXING_WASM_VERSION } from 'barcode-detector/ponyfill';
import { ZXING_WASM_VERSION as READER_VERSION } from 'zxing-wasm/reader';
import { checkinCode, parseCheckinCode } from '@hc/domain/points/checkin-code.ts';
import { checkinUrl, CHECKIN_PATH } from '../../src/components/staff/volunteer/code-screen.ts';
import { defaultDeviceName } from '../../src/components/staff/volunteer/enrol.ts';
import { cameraAllowed, securityHeaders, SECURITY_HEADERS } from '../../src/lib/security/headers.ts';

const require = createRequire(import.meta.url);

describe('the check-in URL', () => {
  it('is /points/checkin/ with the code as the fragment, unchanged by decoding', async () => {
    const code = await checkinCode(new Uint8Array(32).fill(7), 'e2e-talk/2026-12-06T00:00', 59_000_000);
    const url = new URL(checkinUrl('https://health.example.org', code));
    expect(CHECKIN_PATH).toBe('/points/checkin/');
    expect(url.pathname).toBe(CHECKIN_PATH);
    expect(url.hash.slice(1)).toBe(code);
    expect(decodeURIComponent(url.hash.slice(1))).toBe(code);
    expect(parseCheckinCode(url.hash.slice(1))?.occurrenceId).toBe('e2e-talk/2026-12-06T00:00');
  });
});

describe('the device name offered at enrolment', () => {
  const day = new Date('2026-12-06T02:00:00Z');
  it('names the kind of device and the day in China', () => {
    expect(defaultDeviceName('Mozilla/5.0 (Linux; Android 14; Pixel 5)', day)).toBe('安卓手机（12月6日）');
    expect(defaultDeviceName('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)', day)).toBe('iPhone（12月6日）');
    expect(defaultDeviceName('Mozilla/5.0 (Windows NT 10.0; Win64; x64)', day)).toBe('电脑（12月6日）');
    expect(defaultDeviceName('', new Date('2026-12-06T17:00:00Z'))).toBe('手机（12月7日）');
  });
  it('fits the service’s 60 characters', () => {
    expect(defaultDeviceName('iPad', day).length).toBeLessThanOrEqual(60);
  });
});

describe('security headers per path', () => {
  it('allow the camera on the staff pages only', () => {
    const policy = (p: string) => new Map(securityHeaders(p)).get('Permissions-Policy');
    expect(policy('/staff/')).toBe('camera=(self), microphone=(), geolocation=(), payment=(), usb=()');
    expect(policy('/staff/enrol/?x=1')).toContain('camera=(self)');
    for (const p of ['/', '/points/', '/points/checkin/', '/en/staff/', '/staffing/', '/articles/x/'])
      expect(policy(p), p).toBe('camera=(), microphone=(), geolocation=(), payment=(), usb=()');
    expect(cameraAllowed('/staff')).toBe(true);
  });
  it('change nothing else', () => {
    const others = (p: string) => securityHeaders(p).filter(([n]) => n !== 'Permissions-Policy');
    expect(others('/staff/')).toEqual(SECURITY_HEADERS.filter(([n]) => n !== 'Permissions-Policy'));
  });
});

describe('the barcode reader’s WebAssembly', () => {
  it('is the build the polyfill expects (zxing-wasm pinned to its version, same bytes)', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['zxing-wasm']).toBe(ZXING_WASM_VERSION);
    expect(READER_VERSION).toBe(ZXING_WASM_VERSION);
    const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
    expect(createHash('sha256').update(wasm).digest('hex')).toBe(ZXING_WASM_SHA256);
  });
});
