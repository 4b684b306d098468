/**
 * The search page's behaviour. Nothing loads until search is used: the first focus, keystroke or a ?q= in the
 * address fetches the engine and the locale's manifest (a few KB); each query then fetches only the index
 * shards its words need that are not loaded yet, and the doc files of the results on screen. Results are one
 * list ranked by relevance (articles, events and the rest together, each with its type), the matched words
 * marked in the title and in a snippet of the summary or body — built as text nodes, never as HTML. The count
 * is announced in a live region, and the arrow keys move between results.
 */
import type { Range, SearchHit, SearchResult, Searcher } from '../../lib/search/engine.ts';
import type { DocType, Manifest } from '../../lib/search/types.ts';
import { fill, fillPlural } from '../../lib/text/fill.ts';

interface Strings {
  loading: string;
  none: string;
  error: string;
  for: string;
  /** "{{count}} results" by plural category. */
  results: Partial<Record<Intl.LDMLPluralRule, string>>;
  more: string;
  types: Record<DocType, string>;
}

type EngineModule = typeof import('../../lib/search/engine.ts');
const PAGE = 10;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function marked(mod: EngineModule, text: string, ranges: readonly Range[]): Node[] {
  return mod.markParts(text, ranges).map((p) => (p.mark ? el('mark', {}, p.text) : document.createTextNode(p.text)));
}

export function initSearch(): void {
  const found = document.querySelector<HTMLElement>('[data-search]');
  if (!found) return;
  const root: HTMLElement = found;
  const strings = JSON.parse(root.dataset.strings ?? '{}') as Strings;
  const form = root.querySelector<HTMLFormElement>('form')!;
  const input = root.querySelector<HTMLInputElement>('input[type="search"]')!;
  const status = root.querySelector<HTMLElement>('[role="status"]')!;
  const results = root.querySelector<HTMLElement>('.search-results')!;
  document.querySelector<HTMLElement>('[data-search-nojs]')?.setAttribute('hidden', '');
  root.querySelector<HTMLElement>('[data-search-keys]')?.removeAttribute('hidden');

  let mod: EngineModule | undefined;
  let searcher: Searcher | undefined;
  let loading: Promise<void> | undefined;
  let timer: number | undefined;
  let lastQuery = '';
  let generation = 0;

  const fetchJson = async <T>(url: string): Promise<T> => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    return (await res.json()) as T;
  };

  function load(): Promise<void> {
    loading ??= (async () => {
      const [m, manifest] = await Promise.all([
        import('../../lib/search/engine.ts'),
        fetchJson<Manifest>(root.dataset.index!),
      ]);
      mod = m;
      searcher = m.createSearcher(manifest, fetchJson);
      root.dataset.loaded = 'manifest';
    })();
    loading.catch(() => (loading = undefined));
    return loading;
  }

  function item(m: EngineModule, h: SearchHit): HTMLLIElement {
    const link = el(
      'a',
      { href: h.url, class: 'search-hit-link', 'data-testid': 'search-result', 'data-id': h.id, 'data-type': h.type },
      ...marked(m, h.title, h.titleMarks),
    );
    const li = el('li', { class: 'search-hit' }, el('h2', { class: 'search-hit-title' }, link));
    if (h.snippet)
      li.append(
        el('p', { class: 'search-summary', 'data-testid': 'search-snippet' }, ...marked(m, h.snippet, h.snippetMarks)),
      );
    const tags = el(
      'ul',
      { class: 'tags', 'aria-label': strings.for.replace(/[:：]\s*$/, '') },
      el('li', { class: 'tag accent' }, strings.types[h.type]),
    );
    if (h.note) tags.append(el('li', { class: 'tag' }, el('time', { datetime: h.note }, h.note)));
    for (const a of h.audiences) tags.append(el('li', { class: 'tag' }, a));
    li.append(tags);
    return li;
  }

  async function render(result: SearchResult, q: string, mine: number): Promise<void> {
    const m = mod!;
    const first = await searcher!.hits(result, 0, PAGE);
    if (mine !== generation) return;
    const list = el('ol', { class: 'search-list' }, ...first.map((h) => item(m, h)));
    results.replaceChildren(list);
    const total = result.ranked.length;
    status.textContent =
      total === 0 ? fill(strings.none, { q }) : fillPlural(strings.results, total, document.documentElement.lang);
    // The query whose results are on screen (tests and the typing benchmark wait for it).
    root.dataset.shown = q;
    if (total > PAGE) {
      const more = el(
        'button',
        { type: 'button', class: 'button search-more', 'data-testid': 'search-more' },
        strings.more,
      );
      more.addEventListener('click', async () => {
        const shown = list.children.length;
        const next = await searcher!.hits(result, shown, PAGE);
        if (mine !== generation) return;
        list.append(...next.map((h) => item(m, h)));
        (list.children[shown]?.querySelector('a') as HTMLAnchorElement | null)?.focus();
        if (list.children.length >= total) more.remove();
      });
      results.append(more);
    }
  }

  async function run(q: string, updateUrl = true): Promise<void> {
    const mine = ++generation;
    lastQuery = q.trim();
    if (updateUrl) {
      const url = new URL(location.href);
      if (lastQuery) url.searchParams.set('q', lastQuery);
      else url.searchParams.delete('q');
      history.replaceState(null, '', url);
    }
    if (!lastQuery) {
      results.replaceChildren();
      status.textContent = '';
      return;
    }
    try {
      if (!searcher) {
        status.textContent = strings.loading;
        await load();
      }
      const result = await searcher!.rank(lastQuery);
      if (mine !== generation) return; // a newer query is on its way
      await render(result, lastQuery, mine);
    } catch {
      if (mine === generation) status.textContent = strings.error;
    }
  }

  input.addEventListener('focus', () => void load().catch(() => {}), { once: true });
  // On a phone the on-screen keyboard takes the lower half: bring the box to the top so results show above it.
  input.addEventListener('focus', () => {
    if (window.matchMedia('(max-width: 40rem)').matches) root.scrollIntoView({ block: 'start' });
  });
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    // The words typed so far fetch their index files now, while the debounce waits for the next keystroke.
    if (searcher && input.value.trim()) searcher.prefetch(input.value);
    timer = window.setTimeout(() => void run(input.value), 150);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    window.clearTimeout(timer);
    void run(input.value);
  });

  // Arrow keys: from the box to the first result, between results, Esc back to the box.
  const links = () => [...results.querySelectorAll<HTMLAnchorElement>('[data-testid="search-result"]')];
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' && links().length) {
      e.preventDefault();
      links()[0].focus();
    }
  });
  results.addEventListener('keydown', (e) => {
    const all = links();
    const at = all.indexOf(document.activeElement as HTMLAnchorElement);
    if (at < 0) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = at + (e.key === 'ArrowDown' ? 1 : -1);
      if (next < 0) input.focus();
      else all[Math.min(next, all.length - 1)].focus();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      input.focus();
    }
  });

  const initial = new URLSearchParams(location.search).get('q') ?? '';
  if (initial) {
    input.value = initial;
    void run(initial, false);
  }
}
