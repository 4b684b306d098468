/**
 * The built site served by the service's own port (npm run serve): only files inside the dist folder, only by GET
 * and HEAD, never a dotfile; a hostile path gets a short 4xx and the service keeps running.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../src/service.ts';
import { staticHandler } from '../../scripts/serve.mjs';
import { ENGINES, fixture, type Fixture } from './helpers.ts';

/** A raw request: the path exactly as given (fetch would resolve %2e%2e and dot segments first). */
function send(base: string, method: string, rawPath: string) {
  const u = new URL(base);
  return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
    const r = request({ host: u.hostname, port: u.port, method, path: rawPath, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
    });
    r.on('error', reject);
    r.end();
  });
}

describe('the site on the service’s port', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'hc-points-site-'));
  const dist = path.join(base, 'dist');
  let f: Fixture;
  let svc: RunningService;
  beforeAll(async () => {
    mkdirSync(dist);
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>home</title>');
    writeFileSync(path.join(dist, '404.html'), '<!doctype html><title>404</title>');
    writeFileSync(path.join(dist, '.env'), 'DOTFILE=1');
    mkdirSync(path.join(dist, 'example.org'));
    writeFileSync(path.join(dist, 'example.org', 'index.html'), '<!doctype html><title>folder</title>');
    mkdirSync(path.join(dist, '.data'));
    writeFileSync(path.join(dist, '.data', 'x.txt'), 'DOTFOLDER');
    mkdirSync(path.join(dist, '.well-known'));
    writeFileSync(path.join(dist, '.well-known', 'security.txt'), 'Contact: mailto:x@example.org');
    // A sibling whose name starts with the dist folder's, and a file beside the folder.
    mkdirSync(path.join(base, 'dist-secret'));
    writeFileSync(path.join(base, 'dist-secret', 'x.txt'), 'SIBLING');
    writeFileSync(path.join(base, 'package.json'), '{"OUTSIDE":1}');
    f = await fixture(ENGINES[0]!);
    svc = await startService({
      // Its keyring in the test's own folder, not the default .data/points (absent on a fresh clone).
      database: { ...f.db, dataDir: base },
      site: staticHandler(dist),
      port: 0,
      host: '127.0.0.1',
      background: false,
    });
  });
  afterAll(async () => {
    if (svc) {
      svc.server.closeAllConnections();
      await new Promise((r) => svc.server.close(r));
    }
    await f?.close();
    rmSync(base, { recursive: true, force: true });
  });

  it('serves the site’s files', async () => {
    expect(await send(svc.url, 'GET', '/')).toMatchObject({ status: 200, body: expect.stringContaining('home') });
    expect((await send(svc.url, 'HEAD', '/index.html')).status).toBe(200);
    expect((await send(svc.url, 'GET', '/.well-known/security.txt')).body).toContain('Contact');
    expect((await send(svc.url, 'GET', '/no-such-page/')).status).toBe(404);
  });

  it('a malformed or overlong percent-encoding is a 400, and the service keeps running', async () => {
    for (const p of ['/%c0%ae%c0%ae/package.json', '/%E0%A4%A', '/%', '/a%zz', '/%ed%a0%80']) {
      const r = await send(svc.url, 'GET', p);
      expect(r.status, p).toBe(400);
      expect(r.type, p).toMatch(/^text\/plain/);
    }
    expect((await send(svc.url, 'GET', '/')).status).toBe(200);
    expect((await send(svc.url, 'GET', '/api/v1/health')).status).toBe(200);
  });

  it('nothing outside the dist folder and no dotfile is ever served', async () => {
    const hostile = [
      '/..%2fdist-secret/x.txt',
      '/%2e%2e/dist-secret/x.txt',
      '/%2e%2e%2fpackage.json',
      '/..%2fpackage.json',
      '/..%5cpackage.json',
      '/foo/..%2f..%2fpackage.json',
      '/.env',
      '/%2eenv',
      '/.data/x.txt',
      '/.data/',
      '/a%00b',
      '/index.html%00.png',
      '//..%2fpackage.json',
    ];
    for (const p of hostile) {
      const r = await send(svc.url, 'GET', p);
      expect(r.status, p).toBeGreaterThanOrEqual(400);
      expect(r.status, p).toBeLessThan(500);
      expect(r.body, p).not.toMatch(/SIBLING|OUTSIDE|DOTFILE|DOTFOLDER/);
    }
  });

  it('a request Node or Hono’s adapter cannot read (headers too large, a malformed request line or Host) gets a short problem+json', async () => {
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const u = new URL(svc.url);
        const s = connect(Number(u.port), u.hostname, () => s.end(text));
        let out = '';
        s.on('data', (d) => (out += d));
        s.on('close', () => resolve(out));
        s.on('error', () => resolve(out));
      });
    const cases: Array<[string, string, number]> = [
      ['a huge cookie', `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nCookie: a=${'b'.repeat(20_000)}\r\n\r\n`, 431],
      [
        'thousands of headers',
        `GET /api/v1/health HTTP/1.1\r\nHost: x\r\n${Array.from({ length: 3000 }, (_, i) => `x${i}: 1\r\n`).join('')}\r\n`,
        431,
      ],
      ['an unknown method', 'FOO /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n', 400],
      ['a request line that is not HTTP', 'hello\r\n\r\n', 400],
      // Hono's Node adapter cannot make a URL of these (it used to answer an empty 400).
      ['a Host that is not a host', 'GET /api/v1/health HTTP/1.1\r\nHost: a b\r\n\r\n', 400],
      ['a Host with a bad port', 'GET /api/v1/health HTTP/1.1\r\nHost: evil.example:99999\r\n\r\n', 400],
      ['a backslash in an API path', 'GET /api/v1/x\\..\\health HTTP/1.1\r\nHost: [::1\r\n\r\n', 400],
      [
        'both Content-Length and chunked',
        'POST /api/v1/cards HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
        400,
      ],
    ];
    for (const [name, text, status] of cases) {
      const out = await raw(text);
      expect(out, name).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(out, name).toMatch(/\r\ncontent-type: application\/problem\+json; charset=utf-8\r\n/i);
      expect(out.split('\r\n\r\n')[1], name).toMatch(/"title":"[^"]+"/);
    }
    expect((await send(svc.url, 'GET', '/api/v1/health')).status).toBe(200);
  });

  it('a folder is redirected to its own path with a slash, never to another host', async () => {
    expect(await send(svc.url, 'GET', '/example.org')).toMatchObject({ status: 301 });
    for (const p of ['//example.org', '///example.org', '/%2fexample.org', '/example.org//']) {
      const r = await new Promise<{ status: number; location?: string }>((resolve, reject) => {
        const u = new URL(svc.url);
        request({ host: u.hostname, port: u.port, path: p, agent: false }, (res) => {
          res.resume();
          resolve({ status: res.statusCode!, location: res.headers.location });
        })
          .on('error', reject)
          .end();
      });
      expect(r.location ?? '', p).not.toMatch(/^\/\//);
      expect(r.status, p).toBeLessThan(500);
    }
  });

  it('only GET and HEAD reach the site', async () => {
    for (const m of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const r = await send(svc.url, m, '/index.html');
      expect(r.status, m).toBe(405);
      expect(r.body, m).not.toContain('home');
    }
  });
});
