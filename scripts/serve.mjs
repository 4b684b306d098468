/**
 * A tiny static server for dist/ used by the tests and the benchmarks (no dependencies): directory URLs serve
 * index.html, unknown paths get 404.html with status 404, like a CDN. Text responses are gzipped when the
 * client accepts it, and cache headers follow the CDN guidance in docs/deploying.md, so Lighthouse measures what a CDN
 * would send. Usage: node scripts/serve.mjs dist [port] — without a port (or with 0) the system picks a free one;
 * the first line printed names the address ("serving <dir> at http://127.0.0.1:<port>/").
 */
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';
import { securityHeaders } from '../src/lib/security/headers.ts';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ics': 'text/calendar; charset=utf-8',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain',
  '.wasm': 'application/wasm',
};
const compressible = /^(text\/|application\/(json|xml|manifest\+json|wasm)|image\/svg)/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const MEDIA = 'public, max-age=86400';

/**
 * Cache-Control for a site path, as in the caching table of docs/deploying.md (deploy/nginx.conf sends the same; a test checks):
 * content-hashed files — build assets, search indexes, ?v=<hash> URLs — forever; audio and other files under
 * /media/ for a day; everything else — HTML, the service worker (sw.js, pwa.js), the manifest, feeds —
 * revalidated on every use, so a deploy reaches readers.
 */
export function cacheControl(urlPath) {
  if (/[?&]v=/.test(urlPath)) return IMMUTABLE;
  if (urlPath.startsWith('/_astro/') || urlPath.startsWith('/search-index/')) return IMMUTABLE;
  if (urlPath.startsWith('/media/')) return MEDIA;
  return 'no-cache';
}

/**
 * Why a request may not reach the site's files, or undefined: the site is read with GET and HEAD only, its path
 * must decode (UTF-8, no overlong forms: a malformed one threw here and stopped the server), and once decoded hold
 * no NUL, control character or backslash, no empty segment and no segment starting with a dot. So no `..`
 * (however encoded: `%2e%2e`, `..%2f`) steps out of the folder, not even into a sibling whose name starts with
 * the folder's (dist-fixture beside dist); no dotfile (.env, .git, .data) is served (`.well-known` is the one dot
 * folder a site publishes); and no `//events` is redirected to `//events/`, which a browser reads as another host.
 */
export function siteRefusal(method, url) {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405, text: 'method not allowed' };
  const raw = (url ?? '/').split('?')[0];
  if (!raw.startsWith('/')) return { status: 400, text: 'bad request path' };
  let decoded;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { status: 400, text: 'bad request path' };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(decoded) || !decoded.isWellFormed())
    return { status: 400, text: 'bad request path' };
  const segments = decoded.split('/');
  if (
    decoded.includes('//') ||
    segments.some((seg, i) => seg.startsWith('.') && !(seg === '.well-known' && i < segments.length - 1))
  )
    return { status: 404, text: 'not found' };
  return undefined;
}

/** An http.Server serving `root` (not yet listening). */
export function createStaticServer(rootDir) {
  return createServer(staticHandler(rootDir));
}

/** The request listener behind createStaticServer (the points service serves the site with it too). */
export function staticHandler(rootDir) {
  const root = path.resolve(rootDir);
  const resolve = (urlPath) => {
    const p = decodeURIComponent(urlPath.split('?')[0]);
    const file = path.join(root, p);
    if (file !== root && !file.startsWith(root + path.sep)) return null;
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!p.endsWith('/')) return { redirect: `${p}/` };
      const index = path.join(file, 'index.html');
      return existsSync(index) ? { file: index } : null;
    }
    return existsSync(file) ? { file } : null;
  };
  return (req, res) => {
    const refused = siteRefusal(req.method, req.url);
    if (refused) {
      res.writeHead(refused.status, {
        'Content-Type': 'text/plain; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...(refused.status === 405 ? { Allow: 'GET, HEAD' } : {}),
      });
      return res.end(`${refused.text}\n`);
    }
    const r = resolve(req.url ?? '/');
    if (r?.redirect) {
      res.writeHead(301, { Location: r.redirect });
      return res.end();
    }
    const file = r?.file ?? path.join(root, '404.html');
    const type = types[path.extname(file)] ?? 'application/octet-stream';
    const gzip = compressible.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(r ? 200 : 404, {
      'Content-Type': type,
      'Cache-Control': cacheControl(req.url ?? '/'),
      // frame-ancestors and the rest of what a <meta> cannot carry (the header table in docs/deploying.md); the
      // staff pages may use the camera.
      ...Object.fromEntries(securityHeaders(req.url ?? '/')),
      ...(gzip ? { 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' } : {}),
    });
    if (req.method === 'HEAD') return res.end();
    // A file gone between the check and the read (a rebuild) ends this answer, not the server.
    const stream = createReadStream(file).on('error', () => res.destroy());
    (gzip ? stream.pipe(createGzip()) : stream).pipe(res);
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? 'dist');
  const server = createStaticServer(root);
  server.listen(Number(process.argv[3] ?? 0), '127.0.0.1', () =>
    console.log(`serving ${root} at http://127.0.0.1:${server.address().port}/`),
  );
}
