/**
 * The site's Content-Security-Policy and the other security headers, in one place.
 *
 * - CSP_DIRECTIVES go into every page's <meta http-equiv="content-security-policy"> through Astro's own CSP
 *   support (astro.config.mjs `security.csp`), which adds `script-src`/`style-src` with the hashes of the
 *   scripts and styles on the page; inline scripts written by hand (the pre-paint script, the service-worker
 *   registration, the home page's simple-mode redirect) are hashed with scriptHash() where they are emitted.
 * - SECURITY_HEADERS are what the host must send with every response (a meta tag cannot carry
 *   frame-ancestors): scripts/serve.mjs sends them, docs/deploying.md's header table lists them, and a host config
 *   (e.g. nginx `add_header`) should copy them from here. securityHeaders(path) is the same list for one path:
 *   the staff pages (CAMERA_PATHS) may use the camera, every other page may not.
 */
import { createHash } from 'node:crypto';
import { IMAGE_ORIGINS } from '@hc/domain/markdown/sanitize.ts';

/**
 * Directives beyond script-src and style-src (those Astro writes, with hashes). Every byte is paid on pages
 * with a 14 KB budget, so the meta carries only what must hold whatever the host does; the rest is in
 * SECURITY_HEADERS. `sanity`: images and audio uploaded in Sanity are linked from its CDN rather than copied.
 */
type Directive = `${'default-src' | 'object-src' | 'base-uri' | 'img-src' | 'media-src'} ${string}`;

export function cspDirectives(opts: { sanity?: boolean } = {}): Directive[] {
  const directives: Directive[] = [
    "default-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `img-src 'self' data:${opts.sanity ? ` ${IMAGE_ORIGINS.join(' ')}` : ''}`,
  ];
  if (opts.sanity) directives.push("media-src 'self' https://cdn.sanity.io");
  return directives;
}

/**
 * style resources beyond Astro's own: inline style attributes (image placeholders, the calendar grid) are allowed
 * through style-src-attr only. style-src itself is Astro's default, 'self' (the site's stylesheets) plus the hashes
 * of its <style> elements; naming 'self' here as well would only make every build warn that style-src-attr does
 * not inherit it, which it need not.
 */
export const CSP_STYLE_RESOURCES = [{ resource: "'unsafe-inline'", kind: 'attribute' }] as const;

/** The Permissions-Policy of reading pages: nothing on them uses these; sharing and copying a link stay allowed. */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';
/**
 * Paths whose pages may use the camera: the volunteer's page scans residents' cards (docs/staff.md). Only the
 * site itself (self), never a frame from elsewhere; every other page keeps camera=().
 */
export const CAMERA_PATHS = ['/staff/'] as const;
export const CAMERA_PERMISSIONS_POLICY = 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()';

/** Headers the host sends with every response (the reading pages' set; securityHeaders() gives a path's own). */
export const SECURITY_HEADERS: ReadonlyArray<readonly [name: string, value: string]> = [
  ['Content-Security-Policy', "frame-ancestors 'none'; form-action 'self'; object-src 'none'; base-uri 'self'"],
  ['X-Frame-Options', 'DENY'],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ['Permissions-Policy', PERMISSIONS_POLICY],
];

/** Whether a request path (query ignored) is one where the camera is allowed. */
export function cameraAllowed(urlPath: string): boolean {
  const p = urlPath.split(/[?#]/)[0]!;
  return CAMERA_PATHS.some((prefix) => p === prefix.slice(0, -1) || p.startsWith(prefix));
}

/** The security headers for a request path: SECURITY_HEADERS, with the camera allowed under CAMERA_PATHS. */
export function securityHeaders(urlPath: string): ReadonlyArray<readonly [name: string, value: string]> {
  if (!cameraAllowed(urlPath)) return SECURITY_HEADERS;
  return SECURITY_HEADERS.map(([name, value]) =>
    name === 'Permissions-Policy' ? ([name, CAMERA_PERMISSIONS_POLICY] as const) : ([name, value] as const),
  );
}

/** The CSP source expression (sha256-…) for an inline script's exact text. */
export function scriptHash(code: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(code, 'utf8').digest('base64')}`;
}
