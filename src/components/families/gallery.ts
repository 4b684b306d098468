/** The family gallery's filters: which award years, awards and habits exist, and which families match. */
export interface GalleryItem {
  slug: string;
  year: number;
  award: string;
  habits: string[];
}
export interface GalleryFilter {
  year?: number;
  award?: string;
  habit?: string;
}

export function facets(items: readonly GalleryItem[]): { years: number[]; awards: string[]; habits: string[] } {
  const years = [...new Set(items.map((i) => i.year))].sort((a, b) => b - a);
  const awards = [...new Set(items.map((i) => i.award))].sort((a, b) => a.localeCompare(b, 'zh'));
  // Habits shared by more than one family first (they make useful filters), then the rest.
  const count = new Map<string, number>();
  for (const h of items.flatMap((i) => i.habits)) count.set(h, (count.get(h) ?? 0) + 1);
  const habits = [...count.keys()].sort((a, b) => count.get(b)! - count.get(a)! || a.localeCompare(b, 'zh'));
  return { years, awards, habits };
}

export function matches(item: GalleryItem, filter: GalleryFilter): boolean {
  return (
    (filter.year === undefined || item.year === filter.year) &&
    (filter.award === undefined || item.award === filter.award) &&
    (filter.habit === undefined || item.habits.includes(filter.habit))
  );
}
