/** Related reading: articles that share the most topics (weighted double) and audiences with this one. */

export interface Tagged {
  slug: string;
  topics: string[];
  audiences: string[];
  updatedAt: string;
}

export function relatedScore(a: Tagged, b: Tagged): number {
  const topics = a.topics.filter((t) => b.topics.includes(t)).length;
  const audiences = a.audiences.filter((x) => b.audiences.includes(x)).length;
  return topics * 2 + audiences;
}

export function related<T extends Tagged>(article: Tagged, all: T[], count = 3): T[] {
  return all
    .filter((o) => o.slug !== article.slug)
    .map((o) => ({ o, score: relatedScore(article, o) }))
    .filter((x) => x.score > 0)
    .sort((x, y) => y.score - x.score || y.o.updatedAt.localeCompare(x.o.updatedAt) || x.o.slug.localeCompare(y.o.slug))
    .slice(0, count)
    .map((x) => x.o);
}

/** Newest first, then by slug so the order is stable. */
export function byUpdated<T extends Pick<Tagged, 'slug' | 'updatedAt'>>(list: T[]): T[] {
  return [...list].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.slug.localeCompare(b.slug));
}
