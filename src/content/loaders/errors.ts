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

export function zodProblems(source: string, error: z.ZodError, prefix: PropertyKey[] = []): ContentProblem[] {
  return error.issues.map((issue) => ({
    source,
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
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
