/**
 * A tiny static server for dist/ used by the tests (no dependencies): directory URLs serve index.html,
 * unknown paths get 404.html with status 404, like a CDN. Usage: node scripts/serve.mjs dist 4322
 */
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(process.argv[2] ?? 'dist');
const port = Number(process.argv[3] ?? 4322);
const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json', '.xml': 'application/xml', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.webp': 'image/webp', '.avif': 'image/avif', '.ics': 'text/calendar; charset=utf-8',
  '.ogg': 'audio/ogg', '.mp3': 'audio/mpeg', '.m4a': 'audio/mp4', '.webmanifest': 'application/manifest+json', '.txt': 'text/plain',
};

function resolve(urlPath) {
  let p = decodeURIComponent(urlPath.split('?')[0]);
  const file = path.join(root, p);
  if (!file.startsWith(root)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) {
    if (!p.endsWith('/')) return { redirect: `${p}/` };
    const index = path.join(file, 'index.html');
    return existsSync(index) ? { file: index } : null;
  }
  return existsSync(file) ? { file } : null;
}

createServer((req, res) => {
  const r = resolve(req.url ?? '/');
  if (r?.redirect) {
    res.writeHead(301, { Location: r.redirect });
    return res.end();
  }
  const file = r?.file ?? path.join(root, '404.html');
  const headers = { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream' };
  // The service worker and the manifest must be revalidated on every check, so a deploy reaches readers;
  // hashed assets never change.
  const base = path.basename(file);
  if (base === 'sw.js' || base === 'pwa.js' || base.endsWith('.webmanifest') || base.endsWith('.html')) headers['Cache-Control'] = 'no-cache';
  else if (file.includes(`${path.sep}_astro${path.sep}`)) headers['Cache-Control'] = 'public, max-age=31536000, immutable';
  res.writeHead(r ? 200 : 404, headers);
  createReadStream(file).pipe(res);
}).listen(port, '127.0.0.1', () => console.log(`serving ${root} at http://127.0.0.1:${port}/`));
