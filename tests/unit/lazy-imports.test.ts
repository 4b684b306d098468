/** Code on first use (issue 29): plain import() without Vite's preload helper, and offline copies that keep it. */
import { describe, expect, it } from 'vitest';
import { unwrapPreload } from '../../src/integrations/lazy-imports.ts';
import { withModuleImports } from '../../src/lib/offline/precache.ts';

describe('unwrapPreload', () => {
  it('turns each wrapped import() back into a plain one and drops the helper import', () => {
    const code = [
      'import { t as __vitePreload } from "./preload-helper-!~{002}~.js";',
      'const a = () => __vitePreload(() => import("./a.js").then((m) => m.go()), __VITE_PRELOAD__);',
      'const b = () => __vitePreload(async () => { const { x } = await import("./b.js"); return { x }; },__VITE_PRELOAD__ , import.meta.url);',
    ].join('\n');
    const out = unwrapPreload(code);
    expect(out).not.toContain('__vitePreload');
    expect(out).not.toContain('__VITE_PRELOAD__');
    expect(out).toContain('(() => import("./a.js").then((m) => m.go()))()');
    expect(out).toContain('(async () => { const { x } = await import("./b.js"); return { x }; })()');
  });

  it('leaves code without the helper alone and refuses a call it cannot read', () => {
    expect(unwrapPreload('import("./x.js")')).toBe('import("./x.js")');
    expect(() => unwrapPreload('__vitePreload(() => import("./x.js"))')).toThrow(/unexpected/);
  });
});

describe('withModuleImports', () => {
  it('adds what scripts import at once and on first use, followed through, once each', async () => {
    const files: Record<string, string> = {
      '/_astro/loader.js': 'import{a}from"./prefs.js";const l=()=>import(`./tool.js`);',
      '/_astro/tool.js': 'import{f}from"./fill.js";import{a}from"./prefs.js";export const go=1;',
      '/_astro/fill.js': 'export const f=1;',
      '/_astro/prefs.js': 'export const a=1;',
    };
    const out = await withModuleImports(
      ['/a/', '/img.avif', '/_astro/loader.js', '/_astro/x.css'],
      async (u) => files[u] ?? null,
    );
    expect(out.sort()).toEqual(
      [
        '/_astro/fill.js',
        '/_astro/loader.js',
        '/_astro/prefs.js',
        '/_astro/tool.js',
        '/_astro/x.css',
        '/a/',
        '/img.avif',
      ].sort(),
    );
  });

  it('keeps going when a script cannot be read', async () => {
    const out = await withModuleImports(['/_astro/gone.js'], () => Promise.reject(new Error('offline')));
    expect(out).toEqual(['/_astro/gone.js']);
  });
});
