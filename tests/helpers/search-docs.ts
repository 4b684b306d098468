import type { SourceDoc } from '../../src/lib/search/types.ts';

/** A search document for index tests: an article with empty fields unless given. */
export const searchDoc = (over: Partial<SourceDoc> & { id: string; title: string }): SourceDoc => ({
  type: 'article',
  originalTitle: over.title,
  summary: '',
  headings: [],
  keywords: [],
  audiences: [],
  topics: [],
  ...over,
});
