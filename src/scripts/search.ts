/**
 * The search page's behaviour. Nothing heavy loads until search is used: the first focus, keystroke or a ?q=
 * in the address fetches the engine (fuse.js) and the locale's core index, then the detail file in the
 * background. Results are grouped by type, the matched text is marked, the count is announced in a live
 * region, and the arrow keys move between results.
 */
import type { Engine, Range, SearchHit } from '../lib/search/engine.ts';
import type { CoreIndex, DetailIndex, DocType } from '../lib/search/types.ts';

interface Strings {
  loading: string;
  none: string;
  error: string;
  via: string;
  for: string;
  one: string;
  many: string;
  types: Record<DocType, string>;
}

type EngineModule = typeof import('../lib/search/engine.ts');

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function marked(mod: EngineModule, text: string, ranges: readonly Range[]): Node[] {
  return mod.markParts(text, ranges).map((p) => (p.mark ? el('mark', {}, p.text) : document.createTextNode(p.text)));
}

function clip(text: string, ranges: readonly Range[], max = 110): { text: string; ranges: Range[] } {
  if (text.length <= max) return { text, ranges: [...ranges] };
  const first = ranges.length ? Math.min(...ranges.map((r) => r[0])) : 0;
  const start = Math.max(0, Math.min(first - 20, text.length - max));
  const out = (start > 0 ? '…' : '') + text.slice(start, start + max) + (start + max < text.length ? '…' : '');
  const shift = start > 0 ? 1 - start : 0;
  return { text: out, ranges: ranges.map(([s, e]) => [s + shift, e + shift] as Range).filter(([s, e]) => s >= 0 && e < out.length) };
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
  let engine: Engine | undefined;
  let loading: Promise<void> | undefined;
  let timer: number | undefined;
  let lastQuery = '';

  const fetchJson = async <T,>(url: string): Promise<T> => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${url}: ${res.status}`);
    return (await res.json()) as T;
  };

  function load(): Promise<void> {
    loading ??= (async () => {
      const [m, core] = await Promise.all([import('../lib/search/engine.ts'), fetchJson<CoreIndex>(root.dataset.index!)]);
      mod = m;
      engine = m.createEngine(core);
      root.dataset.loaded = 'core';
      // Summaries and headings widen matching; until they arrive the core answers on its own.
      fetchJson<DetailIndex>(core.detail)
        .then((detail) => {
          engine = m.createEngine(core, detail);
          root.dataset.loaded = 'detail';
          if (lastQuery) run(lastQuery, false);
        })
        .catch(() => {});
    })();
    return loading;
  }

  function render(hits: SearchHit[], q: string): void {
    const m = mod!;
    results.replaceChildren();
    for (const group of m.groupByType(hits)) {
      const id = `search-group-${group.type}`;
      const list = el('ol', { class: 'search-list' });
      for (const h of group.hits) {
        const link = el('a', { href: h.url, class: 'search-hit-link', 'data-testid': 'search-result', 'data-id': h.id, 'data-type': h.type }, ...marked(m, h.title, h.titleMarks));
        const item = el('li', { class: 'search-hit' }, el('h3', { class: 'search-hit-title' }, link));
        if (h.via) item.append(el('p', { class: 'search-via' }, strings.via, ...marked(m, h.via.text, h.via.marks)));
        if (h.summary) {
          const c = clip(h.summary, h.summaryMarks);
          item.append(el('p', { class: 'search-summary' }, ...marked(m, c.text, c.ranges)));
        }
        const tags = el('ul', { class: 'tags', 'aria-label': strings.for.replace(/[:：]\s*$/, '') }, el('li', { class: 'tag accent' }, strings.types[h.type]));
        for (const a of h.audiences) tags.append(el('li', { class: 'tag' }, a));
        item.append(tags);
        list.append(item);
      }
      results.append(el('section', { class: 'search-group', 'aria-labelledby': id }, el('h2', { id }, `${strings.types[group.type]} (${group.hits.length})`), list));
    }
    status.textContent = hits.length === 0 ? strings.none.replace('{{q}}', q) : (hits.length === 1 ? strings.one : strings.many).replace('{{count}}', String(hits.length));
  }

  async function run(q: string, updateUrl = true): Promise<void> {
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
    if (!engine) {
      status.textContent = strings.loading;
      try {
        await load();
      } catch {
        status.textContent = strings.error;
        return;
      }
    }
    if (q.trim() !== lastQuery) return; // a newer query is on its way
    render(engine!.search(lastQuery), lastQuery);
  }

  input.addEventListener('focus', () => void load().catch(() => {}), { once: true });
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
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
