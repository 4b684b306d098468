// The nearest known field ("did you mean …?") is the domain core's: the points service says it the same way.
import { unknownFieldMessage } from '@hc/domain/fields.ts';
import type { z } from 'zod';

/** One problem in one content file (or Sanity document), with the field path that is wrong. */
export interface ContentProblem {
  /** File path relative to the project (content/articles/x.md) or a Sanity document id. */
  source: string;
  /** Dotted field path, e.g. reviewer.name or sources[0].year; empty for the whole entry. */
  path: string;
  message: string;
}

export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

export function formatProblem(p: ContentProblem): string {
  return `${p.source}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

interface Def {
  type?: string;
  shape?: Record<string, unknown>;
  innerType?: unknown;
  in?: unknown;
  element?: unknown;
  valueType?: unknown;
  options?: unknown[];
  items?: unknown[];
  getter?: () => unknown;
}
const defOf = (s: unknown): Def | undefined => (s as { _zod?: { def?: Def } } | undefined)?._zod?.def;

/** The object schemas a value at `path` may be checked against (several for a union). */
function objectSchemasAt(schema: unknown, path: readonly PropertyKey[]): Def[] {
  const def = defOf(schema);
  if (!def) return [];
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return objectSchemasAt(def.innerType, path);
    case 'pipe':
      return objectSchemasAt(def.in, path);
    case 'lazy':
      return def.getter ? objectSchemasAt(def.getter(), path) : [];
    case 'union':
      return (def.options ?? []).flatMap((o) => objectSchemasAt(o, path));
  }
  if (path.length === 0) return def.type === 'object' ? [def] : [];
  const [head, ...rest] = path;
  if (def.type === 'object')
    return def.shape && typeof head === 'string' && head in def.shape ? objectSchemasAt(def.shape[head], rest) : [];
  if (def.type === 'array') return objectSchemasAt(def.element, rest);
  if (def.type === 'record') return objectSchemasAt(def.valueType, rest);
  if (def.type === 'tuple' && typeof head === 'number') return objectSchemasAt(def.items?.[head], rest);
  return [];
}

/** Field names the schema knows for the object at `path`. */
export function knownKeysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  return [...new Set(objectSchemasAt(schema, path).flatMap((d) => Object.keys(d.shape ?? {})))];
}

export interface ZodProblemOptions {
  /** The schema that was parsed: unknown fields are reported with the nearest known field. */
  schema?: z.ZodType;
  /**
   * Lines before a Markdown field's text in its file (by top-level field name), so that an issue carrying
   * `params.line` (a line of the field's text) names the line of the file.
   */
  lineOffsets?: Record<string, number>;
}

export function zodProblems(
  source: string,
  error: z.ZodError,
  prefix: PropertyKey[] = [],
  opts: ZodProblemOptions = {},
): ContentProblem[] {
  return error.issues.flatMap((issue): ContentProblem[] => {
    if (issue.code === 'unrecognized_keys') {
      const known = opts.schema ? knownKeysAt(opts.schema, issue.path) : [];
      return issue.keys.map((key) => ({
        source,
        path: formatPath([...prefix, ...issue.path, key]),
        message: known.length ? unknownFieldMessage(key, known) : 'unknown field',
      }));
    }
    const line = issue.code === 'custom' ? (issue.params as { line?: unknown } | undefined)?.line : undefined;
    if (typeof line === 'number') {
      const offset = opts.lineOffsets?.[String(issue.path[0])];
      return [
        {
          source,
          path: formatPath([...prefix, ...issue.path]),
          message: `line ${line + (offset ?? 0)}${offset === undefined ? ' of the text' : ''}: ${issue.message}`,
        },
      ];
    }
    // Zod says "Invalid input: expected string, received undefined" for a field that is not there.
    const missing = issue.code === 'invalid_type' && / received undefined$/.test(issue.message);
    return [
      {
        source,
        path: formatPath([...prefix, ...issue.path]),
        message: missing ? `missing: this field is required (${issue.expected})` : issue.message,
      },
    ];
  });
}

/** Thrown when content is invalid; the message lists every problem, one per line. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];
  constructor(problems: ContentProblem[]) {
    super(
      `Invalid content (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'ContentError';
    this.problems = problems;
  }
}
