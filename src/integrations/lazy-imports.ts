/**
 * Vite plugin: a dynamic import() in the site's browser code stays a plain import(). Vite wraps each one in its
 * preload helper (`__vitePreload`, about 0.9 KB gzip) so that the imported chunk's CSS and static imports are
 * fetched in parallel; the helper is then part of the first flight of every page whose script lazily imports
 * anything, which made code-on-first-use a loss rather than a saving (issue 29, docs/performance.md). The site's
 * lazily imported modules have no CSS and share their few dependencies with the script that imports them, so
 * the unwrapped import() loads exactly the same files; the minifier then drops the unused helper (its own chunk,
 * when several scripts shared it, is still written to _astro/ but nothing loads it).
 *
 * A lazily imported chunk that brings CSS would need the helper (it is what inserts the <link>), so such a
 * chunk fails the build rather than losing its styles.
 */
import type { Plugin } from 'vite';

const CALL = '__vitePreload(';
const MARK = '__VITE_PRELOAD__';

/** `__vitePreload(FACTORY, __VITE_PRELOAD__[, import.meta.url])` → `(FACTORY)()`, innermost first. */
export function unwrapPreload(code: string): string {
  let out = code;
  for (let start = out.lastIndexOf(CALL); start >= 0; start = start > 0 ? out.lastIndexOf(CALL, start - 1) : -1) {
    const mark = out.indexOf(MARK, start);
    const tail = mark < 0 ? null : /^\s*(?:,\s*import\.meta\.url\s*)?\)/.exec(out.slice(mark + MARK.length));
    if (!tail) throw new Error(`lazy-imports: an unexpected ${CALL}…) call at ${start}`);
    const factory = out
      .slice(start + CALL.length, mark)
      .trimEnd()
      .replace(/,$/, '');
    out = `${out.slice(0, start)}(${factory})()${out.slice(mark + MARK.length + tail[0].length)}`;
  }
  // The helper's import (a shared chunk when several scripts import lazily), now unused but still fetched.
  return out.replace(/import\s*\{\s*(?:\w+\s+as\s+)?__vitePreload\s*\}\s*from\s*(["'])[^"']+\1;?\n?/g, '');
}

export default function lazyImports(): Plugin {
  return {
    name: 'hc:lazy-imports-without-preload',
    apply: 'build',
    enforce: 'post',
    // Browser code only: the prerender bundle's lazy imports run in Node, where CSS means something else.
    applyToEnvironment: (environment) => environment.config.consumer === 'client',
    renderChunk(code) {
      if (!code.includes(CALL)) return null;
      const out = unwrapPreload(code);
      if (out.includes(CALL)) this.error(`lazy-imports: a ${CALL}…) call was left in a chunk`);
      return { code: out, map: null };
    },
    generateBundle(_options, bundle) {
      const css = (file: string, seen = new Set<string>()): boolean => {
        const chunk = bundle[file];
        if (!chunk || chunk.type !== 'chunk' || seen.has(file)) return false;
        seen.add(file);
        const meta = (chunk as { viteMetadata?: { importedCss: Set<string> } }).viteMetadata;
        return (meta?.importedCss.size ?? 0) > 0 || chunk.imports.some((f) => css(f, seen));
      };
      for (const chunk of Object.values(bundle))
        if (chunk.type === 'chunk')
          for (const lazy of chunk.dynamicImports)
            if (css(lazy))
              this.error(
                `${chunk.fileName} lazily imports ${lazy}, which brings CSS: without Vite's preload helper (src/integrations/lazy-imports.ts) that CSS would never load`,
              );
    },
  };
}
