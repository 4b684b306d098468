/**
 * Citations by id: articles list `sources: [id, …]` and self-checks `source: id` (or `{ id, section }`), and the
 * loader replaces each id by its entry in the shared source list (content/sources.yaml), so one guideline reads
 * the same everywhere. An unknown id is a problem reported with the file and the field. A written-out citation
 * (an object with a title) is still accepted, for content that has no source list (test fixtures).
 */
import type { SourceEntry } from '@hc/domain/model/index.ts';
import type { ContentProblem } from './errors.ts';

export type SourceList = ReadonlyMap<string, SourceEntry>;

function resolveOne(
  value: unknown,
  list: SourceList,
  file: string,
  field: string,
  problems: ContentProblem[],
): unknown {
  let id: unknown;
  let section: unknown;
  if (typeof value === 'string') id = value;
  else if (value && typeof value === 'object' && !Array.isArray(value) && 'id' in value && !('title' in value)) {
    ({ id, section } = value as { id: unknown; section?: unknown });
  } else {
    return value;
  }
  const entry = typeof id === 'string' ? list.get(id) : undefined;
  if (!entry) {
    const known = list.size ? ` (known: ${[...list.keys()].join(', ')})` : ' (content/sources.yaml has no entries)';
    problems.push({
      source: file,
      path: field,
      message: `unknown source id "${String(id)}": add it to content/sources.yaml${known}`,
    });
    return undefined;
  }
  // The day the list entry changed is the list's business (it flags citing documents 待复审), not the citation's.
  const { updatedAt: _changed, ...cited } = entry;
  return section === undefined ? cited : { ...cited, section };
}

/** An article's raw `sources` with ids resolved; an unknown id is reported (and becomes undefined). */
export function resolveSources(raw: unknown, list: SourceList, file: string, problems: ContentProblem[]): unknown {
  if (!Array.isArray(raw)) return raw;
  return raw.map((v, i) => resolveOne(v, list, file, `sources[${i}]`, problems));
}

/** A self-check's raw `source` with its id resolved. */
export function resolveSource(raw: unknown, list: SourceList, file: string, problems: ContentProblem[]): unknown {
  return resolveOne(raw, list, file, 'source', problems);
}
