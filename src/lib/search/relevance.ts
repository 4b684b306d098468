/**
 * Relevance scoring: a set of queries with judged good answers (tests/fixtures/search-relevance.yaml), and
 * hit@1 / hit@3 of any engine's ranked result ids. Pure, so the fast scorer, the unit test and the benchmark
 * (ours and Pagefind) count the same way.
 */
export interface RelevanceCase {
  q: string;
  kind: string;
  locale?: string;
  /** "type:slug" of every page that answers the query well. */
  good: string[];
}

export interface RelevanceScore {
  cases: number;
  hitAt1: number;
  hitAt3: number;
  /** Queries whose first result was not a good answer, with what came first. */
  misses: Array<{ q: string; locale: string; kind: string; got: string[]; good: string[] }>;
  byKind: Record<string, { cases: number; hitAt1: number; hitAt3: number }>;
}

export function parseRelevance(data: unknown): RelevanceCase[] {
  if (!Array.isArray(data)) throw new Error('relevance set: expected a list');
  return data.map((c, i) => {
    const x = c as Partial<RelevanceCase>;
    if (
      typeof x.q !== 'string' ||
      !x.q.trim() ||
      !Array.isArray(x.good) ||
      x.good.length === 0 ||
      typeof x.kind !== 'string'
    ) {
      throw new Error(`relevance set, entry ${i + 1}: needs q, kind and good`);
    }
    for (const g of x.good)
      if (!/^(article|event|family|quiz|hub):[\w/-]+$/.test(g))
        throw new Error(`relevance set, "${x.q}": bad answer ${g}`);
    return { q: x.q, kind: x.kind, locale: x.locale ?? 'zh-hans', good: x.good };
  });
}

/** Scores ranked ids ("type:slug", best first) per case. */
export function scoreRelevance(cases: RelevanceCase[], results: string[][]): RelevanceScore {
  const out: RelevanceScore = { cases: cases.length, hitAt1: 0, hitAt3: 0, misses: [], byKind: {} };
  cases.forEach((c, i) => {
    const got = results[i] ?? [];
    const good = new Set(c.good);
    const at1 = got.length > 0 && good.has(got[0]);
    const at3 = got.slice(0, 3).some((g) => good.has(g));
    const k = (out.byKind[c.kind] ??= { cases: 0, hitAt1: 0, hitAt3: 0 });
    k.cases++;
    if (at1) {
      out.hitAt1++;
      k.hitAt1++;
    } else out.misses.push({ q: c.q, locale: c.locale ?? 'zh-hans', kind: c.kind, got: got.slice(0, 3), good: c.good });
    if (at3) {
      out.hitAt3++;
      k.hitAt3++;
    }
  });
  return out;
}
