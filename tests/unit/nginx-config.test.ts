/**
 * deploy/nginx.conf, the caching table of docs/deploying.md and scripts/serve.mjs (what the tests and benchmarks serve)
 * say the same thing. The config's cache maps are read and applied to sample paths; when an nginx binary is
 * available (NGINX=<path>, or nginx on PATH / in /usr/sbin) the config is also checked with `nginx -t` and run
 * over a small site, and every response is compared with serve.mjs: status, Cache-Control, Content-Type, and the
 * security headers (SECURITY_HEADERS) on every response, 404 and redirects included.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cacheControl, createStaticServer } from '../../scripts/serve.mjs';
import { freePort } from '../../scripts/free-port.mjs';
import { securityHeaders, SECURITY_HEADERS } from '../../src/lib/security/headers.ts';

const CONF = readFileSync('deploy/nginx.conf', 'utf8');

/** Cache-Control as the config's two maps ($uri → $hc_cache_path, then $arg_v → $hc_cache) compute it. */
function nginxCache(url: string): string {
  const block = (name: string) => new RegExp(`map \\$${name} \\$\\w+ \\{([\\s\\S]*?)\\n\\}`).exec(CONF)?.[1] ?? '';
  const entries = (body: string) =>
    [...body.matchAll(/^\s*(\S+)\s+("[^"]*"|\$\w+);/gm)].map((m) => [m[1]!, m[2]!.replace(/^"|"$/g, '')] as const);
  const [pathname, query = ''] = url.split('?');
  let byPath = '';
  for (const [key, value] of entries(block('uri'))) {
    if (key === 'default' ? !byPath : key.startsWith('~') && new RegExp(key.slice(1)).test(pathname!)) {
      byPath = value;
      if (key !== 'default') break;
    }
  }
  const v = new URLSearchParams(query).get('v') ?? '';
  const arg = entries(block('arg_v'));
  const chosen = v === '' ? arg.find(([k]) => k === '""')![1] : arg.find(([k]) => k === 'default')![1];
  return chosen === '$hc_cache_path' ? byPath : chosen;
}

const PATHS = [
  '/',
  '/articles/x/',
  '/404.html',
  '/_astro/a.css',
  '/_astro/b.js',
  '/icons.svg?v=0123abcd',
  '/search-index/zh-hans/0123456789ab.json',
  '/media/audio/x.mp3',
  '/sw.js',
  '/pwa.js',
  '/manifest.webmanifest',
  '/events/feeds/all.ics',
  '/sitemap-index.xml',
  '/articles/x/pinyin.json',
];

describe('caching rules', () => {
  it('nginx.conf sends the Cache-Control serve.mjs sends, on every kind of path', () => {
    for (const p of PATHS) expect(nginxCache(p), p).toBe(cacheControl(p));
  });

  it('nginx.conf sends the security headers of src/lib/security/headers.ts, on every response', () => {
    const sent = [...CONF.matchAll(/^\s*add_header (\S+) "([^"]*)" always;/gm)].map((m) => [m[1], m[2]]);
    for (const [name, value] of SECURITY_HEADERS)
      if (name !== 'Permissions-Policy') expect(sent, name).toContainEqual([name, value]);
    // add_header inside a location would drop the server-level ones there.
    const directives = CONF.replace(/#.*$/gm, '');
    expect(directives.match(/add_header/g)!.length).toBe(
      directives.slice(0, directives.search(/^\s*location\b/m)).match(/add_header/g)!.length,
    );
  });

  it('nginx.conf allows the camera on the staff pages only, as securityHeaders(path) does', () => {
    expect(CONF).toMatch(/^\s*add_header Permissions-Policy \$hc_permissions always;/m);
    const body = /map \$uri \$hc_permissions \{([\s\S]*?)\n\}/.exec(CONF)![1]!;
    const entries = [...body.matchAll(/^\s*(\S+)\s+"([^"]*)";/gm)].map((m) => [m[1]!, m[2]!] as const);
    const nginxPolicy = (p: string) =>
      entries.find(([k]) => k.startsWith('~') && new RegExp(k.slice(1)).test(p))?.[1] ??
      entries.find(([k]) => k === 'default')![1];
    const policy = (p: string) => Object.fromEntries(securityHeaders(p))['Permissions-Policy'];
    for (const p of [...PATHS, '/staff/', '/staff/enrol/', '/staff', '/en/staff/', '/staffing/', '/articles/staff/']) {
      expect(nginxPolicy(p), p).toBe(policy(p));
    }
    expect(policy('/staff/')).toContain('camera=(self)');
    expect(policy('/staff/enrol/')).toContain('camera=(self)');
    for (const p of ['/', '/articles/x/', '/points/', '/staffing/', '/en/staff/'])
      expect(policy(p), p).toContain('camera=()');
  });

  it("docs/deploying.md's caching table names the values serve.mjs sends", () => {
    const doc = readFileSync('docs/deploying.md', 'utf8');
    const table = doc.slice(doc.indexOf('## Caching headers'));
    const rows = [...table.matchAll(/^\| `(\/[^`]+)`[^|]*\| `([^`]+)`/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(4);
    for (const [, p, value] of rows) {
      const sample = p!.replace('*', 'x.bin').replace('<hash>', '0123abcd').replace(/\/$/, '/x.bin');
      expect(cacheControl(sample), `${p} (docs/deploying.md)`).toBe(value);
    }
  });
});

const nginx = [
  process.env.NGINX,
  '/usr/sbin/nginx',
  spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim(),
].find((p) => p && existsSync(p));
const mimeTypes =
  nginx &&
  [path.resolve(path.dirname(nginx), '../../etc/nginx/mime.types'), '/etc/nginx/mime.types'].find((p) => existsSync(p));

describe.skipIf(!nginx || !mimeTypes)('nginx with deploy/nginx.conf', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'hc-nginx-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const site = path.join(work, 'site');
  const files: Record<string, string> = {
    'index.html': '<!doctype html><title>home</title>',
    '404.html': '<!doctype html><title>not found</title>',
    'articles/x/index.html': '<!doctype html><title>x</title>',
    'articles/x/pinyin.json': '{}',
    '_astro/a.css': 'body{}',
    '_astro/b.js': 'export {}',
    'icons.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'search-index/zh-hans/0123456789ab.json': '{}',
    'media/audio/x.mp3': 'ID3',
    'sw.js': '//',
    'pwa.js': '//',
    'manifest.webmanifest': '{}',
    'events/feeds/all.ics': 'BEGIN:VCALENDAR',
    'sitemap-index.xml': '<x/>',
    'staff/index.html': '<!doctype html><title>staff</title>',
    'staff/enrol/index.html': '<!doctype html><title>enrol</title>',
  };
  for (const [f, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(site, f)), { recursive: true });
    writeFileSync(path.join(site, f), body);
  }
  chmodSync(work, 0o755);

  const wrap = (port: number) => {
    const server = CONF.replace(/^\s*listen \[::\]:80;\n/m, '')
      .replace(/^(\s*)listen 80;/m, `$1listen 127.0.0.1:${port};`)
      .replace(/^(\s*)root [^;]+;/m, `$1root ${site};`)
      .replace('/etc/nginx/mime.types', mimeTypes!);
    const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
      .map((t) => `${t}_temp_path ${work}/${t};`)
      .join('\n');
    const conf = `daemon off;\nmaster_process off;\npid ${work}/nginx.pid;\nerror_log ${work}/error.log;\nevents {}\nhttp {\ninclude ${mimeTypes};\naccess_log off;\n${temp}\n${server}\n}\n`;
    writeFileSync(path.join(work, 'nginx.conf'), conf);
    return path.join(work, 'nginx.conf');
  };

  it('passes nginx -t and answers like serve.mjs, with the security headers on every response', async () => {
    const port = await freePort();
    const conf = wrap(port);
    const check = spawnSync(nginx!, ['-t', '-p', work, '-e', `${work}/error.log`, '-c', conf], { encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    const proc = spawn(nginx!, ['-p', work, '-e', `${work}/error.log`, '-c', conf], { stdio: 'ignore' });
    const ours = createStaticServer(site);
    await new Promise<void>((r) => ours.listen(0, '127.0.0.1', () => r()));
    const oursPort = (ours.address() as { port: number }).port;
    try {
      await expect
        .poll(async () => (await fetch(`http://127.0.0.1:${port}/`).catch(() => null))?.status ?? 0)
        .toBe(200);
      for (const p of [...PATHS, '/missing/', '/articles/x', '/staff/', '/staff/enrol/', '/staff']) {
        const get = (origin: string) =>
          fetch(`${origin}${p}`, { redirect: 'manual', headers: { 'accept-encoding': 'gzip' } });
        const [a, b] = await Promise.all([get(`http://127.0.0.1:${port}`), get(`http://127.0.0.1:${oursPort}`)]);
        expect(a.status, p).toBe(b.status);
        if (a.status === 301) expect(a.headers.get('location'), p).toBe(b.headers.get('location'));
        else {
          expect(a.headers.get('cache-control'), p).toBe(b.headers.get('cache-control'));
          // Same media type (the two names of JavaScript, and of XML, are one), and a charset wherever serve.mjs sends one.
          const type = (r: Response) =>
            (r.headers.get('content-type') ?? '')
              .toLowerCase()
              .replace('application/javascript', 'text/javascript')
              .replace('text/xml', 'application/xml');
          expect(type(a).split(';')[0], p).toBe(type(b).split(';')[0]);
          if (type(b).includes('charset=utf-8')) expect(type(a), p).toContain('charset=utf-8');
        }
        for (const [name, value] of securityHeaders(p)) expect(a.headers.get(name), `${p} ${name}`).toBe(value);
        for (const [name] of SECURITY_HEADERS)
          expect(b.headers.get(name), `${p} ${name} (serve.mjs)`).toBe(a.headers.get(name));
      }
    } finally {
      proc.kill();
      await new Promise<void>((r) => ours.close(() => r()));
    }
  }, 30_000);
});
