/**
 * Which locale each precached file serves, so the service worker installs only the shell and hubs of the
 * reader's locale (its script URL says which: /sw.js?locale=en). Pages belong to the locale of their path;
 * CSS/JS to every locale whose precached pages load them (with their static and lazy imports, so the search
 * page's engine is there offline); anything else (icons, manifest, pwa.js) to all. Pure: the caller passes
 * `read(url)` returning a built file's text (or null), so it runs at build time and in unit tests.
 */
import { pageLoads, resolveUrl, staticImports } from './page-loads.ts';
import { localeOfPath, OFFLINE_LOCALES, type LocaleEntry, type ManifestEntry, type OfflineLocale } from './names.ts';

/** Modules a script loads on demand: import("./x.js") or import(`./x.js`) (literals only, as bundlers write them). */
export function lazyImports(js: string): string[] {
  return [...new Set([...js.matchAll(/\bimport\s*\(\s*["'`]([^"'`$]+)["'`]\s*\)/g)].map((m) => m[1]))];
}

/**
 * `urls` and, for each script among them, every module it imports at once or on first use, followed through
 * (a page's scripts load the reading tools' code only when a reader reaches for a tool: a page kept or saved
 * for offline needs that code too). `read(url)` gives a script's text, or null when it cannot be had.
 */
export async function withModuleImports(
  urls: readonly string[],
  read: (url: string) => Promise<string | null>,
): Promise<string[]> {
  const out = new Set(urls);
  const queue = urls.filter((u) => /\.m?js$/.test(u.split('?')[0]));
  for (let url = queue.shift(); url !== undefined; url = queue.shift()) {
    const js = await read(url).catch(() => null);
    if (js == null) continue;
    for (const ref of [...staticImports(js), ...lazyImports(js)]) {
      const dep = resolveUrl(ref, url);
      if (dep && !out.has(dep)) {
        out.add(dep);
        queue.push(dep);
      }
    }
  }
  return [...out];
}

/** Site URL of a dist/-relative file: "en/index.html" → "/en/", "_astro/x.js" → "/_astro/x.js". */
export function siteUrl(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
}

/** CSS and JS (site URLs) a page needs: its stylesheets and scripts, their static imports and lazy imports. */
export function pageAssets(pageUrl: string, html: string, read: (url: string) => string | null): string[] {
  const out = new Set<string>();
  const addJs = (url: string) => {
    if (out.has(url)) return;
    const js = read(url);
    if (js == null) return;
    out.add(url);
    for (const ref of lazyImports(js)) {
      const dep = resolveUrl(ref, url);
      if (dep)
        for (const r of pageLoads(dep, `<script type="module" src="${dep}"></script>`, read).loads)
          if (r.kind === 'js') addJs(r.url);
    }
  };
  for (const r of pageLoads(pageUrl, html, read).loads) {
    if (r.kind === 'css') out.add(r.url);
    else if (r.kind === 'js') addJs(r.url);
  }
  return [...out];
}

/**
 * Tags the manifest: pages (dist/-relative "…index.html" entries) with their locale, the CSS/JS of `assets`
 * (dist/-relative, hashed) with the locales whose pages load them, the rest with none (every locale). Assets
 * no precached page loads are dropped: they are cached at run time when first used.
 */
export function tagLocales(
  pages: ManifestEntry[],
  assets: ManifestEntry[],
  shared: ManifestEntry[],
  read: (url: string) => string | null,
): LocaleEntry[] {
  const users = new Map<string, Set<OfflineLocale>>();
  const tagged: LocaleEntry[] = [];
  for (const p of pages) {
    const url = siteUrl(p.url);
    const locale = localeOfPath(url);
    tagged.push({ ...p, l: [locale] });
    const html = read(url.endsWith('/') ? `${url}index.html` : url);
    if (html == null) continue;
    for (const a of pageAssets(url, html, read)) {
      if (!users.has(a)) users.set(a, new Set());
      users.get(a)!.add(locale);
    }
  }
  for (const a of assets) {
    const used = users.get(siteUrl(a.url));
    if (!used) continue;
    tagged.push(used.size === OFFLINE_LOCALES.length ? { ...a } : { ...a, l: [...used].sort() });
  }
  return [...tagged, ...shared];
}
