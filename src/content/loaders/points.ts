/**
 * The 健康积分 catalogue in git: content/points/settings.yaml, departments.yaml, rules.yaml and rewards.yaml,
 * checked with the same standard as articles (every problem with its file and field path; an unknown field
 * names the nearest known one). `npm run validate:content` runs it; `npm run points:sync` hands the result to
 * the service. A content folder without points/ has no programme (undefined).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import * as yaml from 'js-yaml';
import type { z } from 'zod';
import {
  checkPointsContent,
  departmentsFileSchema,
  pointsSettingsSchema,
  rewardsFileSchema,
  rulesFileSchema,
  type PointsContent,
} from '@hc/domain/points/model.ts';
import { ContentError, zodProblems, type ContentProblem } from './errors.ts';

const FILES = ['settings.yaml', 'departments.yaml', 'rules.yaml', 'rewards.yaml'] as const;

/** Reads and validates content/points/ (events: the slugs rules may name), or undefined when there is no such folder. */
export async function loadPointsContent(
  contentRoot: string,
  eventSlugs?: readonly string[],
): Promise<PointsContent | undefined> {
  const dir = path.join(path.resolve(contentRoot), 'points');
  if (!existsSync(dir)) return undefined;
  const rel = (name: string) => `${path.basename(path.resolve(contentRoot))}/points/${name}`;
  const problems: ContentProblem[] = [];
  for (const name of (await readdir(dir)).sort()) {
    if (!name.startsWith('.') && !(FILES as readonly string[]).includes(name))
      problems.push({ source: rel(name), path: '', message: `file is not read: points/ holds ${FILES.join(', ')}` });
  }
  async function read<S extends z.ZodType>(name: (typeof FILES)[number], schema: S): Promise<z.infer<S> | undefined> {
    const file = path.join(dir, name);
    if (!existsSync(file)) {
      problems.push({ source: rel(name), path: '', message: 'file is missing' });
      return undefined;
    }
    let raw: unknown;
    try {
      raw = yaml.load(await readFile(file, 'utf8'), { filename: file, schema: yaml.JSON_SCHEMA });
    } catch (e) {
      problems.push({
        source: rel(name),
        path: '',
        message: `cannot read YAML: ${(e as Error).message.split('\n')[0]}`,
      });
      return undefined;
    }
    const r = schema.safeParse(raw);
    if (!r.success) {
      problems.push(...zodProblems(rel(name), r.error, [], { schema }));
      return undefined;
    }
    return r.data;
  }
  const settings = await read('settings.yaml', pointsSettingsSchema);
  const departments = await read('departments.yaml', departmentsFileSchema);
  const rules = await read('rules.yaml', rulesFileSchema);
  const rewards = await read('rewards.yaml', rewardsFileSchema);
  if (problems.length || !settings || !departments || !rules || !rewards) throw new ContentError(problems);
  const content: PointsContent = {
    settings,
    departments: departments.departments,
    rules: rules.rules,
    rewards: rewards.rewards,
  };
  const cross = checkPointsContent(content).map((p) => ({
    source: rel(`${p.file}.yaml`),
    path: p.path,
    message: p.message,
  }));
  if (eventSlugs) {
    const known = new Set(eventSlugs);
    content.rules.forEach((r, i) => {
      for (const slug of Object.keys(r.events))
        if (!known.has(slug))
          cross.push({
            source: rel('rules.yaml'),
            path: `rules[${i}].events.${slug}`,
            message: `unknown event "${slug}"`,
          });
    });
  }
  if (cross.length) throw new ContentError(cross);
  return content;
}
