/**
 * The Studio mirrors the content model: every field of every Zod schema (src/domain/model) has its counterpart
 * in the Studio's extracted schema (cms/schema.json, `npm run cms:typegen`), and every Studio field has one in
 * the model. Both lists are derived from the schemas themselves; the only differences allowed are the ones
 * the mapping (src/content/sanity/map.ts) bridges, listed below with their reason.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  articleSchema,
  audienceSchema,
  eventSchema,
  familySchema,
  healthDaySchema,
  quizSchema,
  siteSettingsSchema,
  sourceEntrySchema,
  topicSchema,
} from '@hc/domain/model/index.ts';
import { departmentSchema, earningRuleSchema, rewardSchema } from '@hc/domain/points/model.ts';
import { FIELD_LOCALE } from '../../src/content/sanity/map.ts';

const MODEL: Record<string, z.ZodType> = {
  article: articleSchema,
  event: eventSchema,
  family: familySchema,
  quiz: quizSchema,
  audience: audienceSchema,
  topic: topicSchema,
  healthDay: healthDaySchema,
  source: sourceEntrySchema,
  siteSettings: siteSettingsSchema,
  pointsDepartment: departmentSchema,
  earningRule: earningRuleSchema,
  reward: rewardSchema,
};

/** Fields only the Studio has, and why. */
const SANITY_ONLY: Record<string, string> = {
  'earningRule:events[].event':
    'the Studio lists per-event points as (event reference, points) pairs; the model keeps a record by event slug',
  'earningRule:events[].points': 'same',
  'quiz:translations.zh-hant.questions[].questionId':
    'the model keeps question translations in a record keyed by question id',
  'quiz:translations.yue.questions[].questionId': 'same',
  'quiz:translations.en.questions[].questionId': 'same',
  'quiz:source.source': 'a self-check cites a source document by reference; the model holds the resolved citation',
};

/** Studio-only field trees (every path under them), and why. */
const SANITY_ONLY_PREFIX: Record<string, string> = {
  'article:review': 'the medical-review workflow (cms/workflow): state, approval and history stay in the Studio',
  'quiz:review': 'same',
  'event:review': 'same (an event marked as health advice is reviewed)',
  'family:review': 'same (a family story marked as health advice is reviewed)',
  'event:healthAdvice':
    'marks an event as health advice, so the Studio and the build gate review it; the site shows nothing of it',
  'family:healthAdvice': 'same, for a family story',
};

/** Document types only the Studio has, and why. */
const SANITY_ONLY_TYPES: Record<string, string> = {
  reviewerProfile: 'who may approve health content (cms/workflow); the site does not show it',
  reviewEvent: 'the review records kept beside health documents; the build checks them, the site does not show them',
};

/** Fields only the model has, and why. */
const MODEL_ONLY: Record<string, string> = {
  'article:sources[].id':
    'an article cites source documents by reference; the query resolves them (their fields: the source type)',
  'article:sources[].title': 'same',
  'article:sources[].publisher': 'same',
  'article:sources[].year': 'same',
  'article:sources[].edition': 'same',
  'article:sources[].url': 'same',
  'article:sources[].section': 'same',
  'quiz:source.id': 'the resolved fields of the referenced source document',
  'quiz:source.title': 'same',
  'quiz:source.publisher': 'same',
  'quiz:source.year': 'same',
  'quiz:source.edition': 'same',
  'quiz:source.url': 'same',
};

interface ZodDef {
  type: string;
  [k: string]: unknown;
}
const def = (s: unknown) => (s as { _zod: { def: ZodDef } })._zod.def;

/** Every field path of a Zod schema: `a.b`, with `[]` for array elements and record values. */
export function zodPaths(schema: unknown, prefix = '', out = new Set<string>()): Set<string> {
  const d = def(schema);
  const join = (k: string) => (prefix ? `${prefix}.${k}` : k);
  switch (d.type) {
    case 'optional':
    case 'default':
    case 'nullable':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return zodPaths(d.innerType, prefix, out);
    case 'pipe':
      return zodPaths(d.in, prefix, out);
    case 'object':
      for (const [k, v] of Object.entries(d.shape as Record<string, unknown>)) {
        out.add(join(k));
        zodPaths(v, join(k), out);
      }
      return out;
    case 'array':
      return zodPaths(d.element, `${prefix}[]`, out);
    case 'record':
      return zodPaths(d.valueType, `${prefix}[]`, out);
    case 'tuple':
      for (const item of d.items as unknown[]) zodPaths(item, `${prefix}[]`, out);
      return out;
    case 'union':
      for (const o of d.options as unknown[]) zodPaths(o, prefix, out);
      return out;
    default:
      return out;
  }
}

type Node = {
  type: string;
  name?: string;
  attributes?: Record<string, { value: Node }>;
  of?: Node | Node[];
  rest?: Node;
  value?: Node;
};
const schemaJson = JSON.parse(readFileSync(path.resolve('cms/schema.json'), 'utf8')) as Array<Node & { name: string }>;
const named = new Map(schemaJson.map((t) => [t.name, t]));

/** Types that are one value in the model: slugs are strings, references ids, rich text a Markdown body. */
const LEAF_TYPES = new Set(['slug', 'richText']);

/** Every field path of a Studio type, in the model's terms (locale keys with hyphens, image asset → src). */
export function sanityPaths(node: Node, prefix = '', out = new Set<string>()): Set<string> {
  const join = (k: string) => (prefix ? `${prefix}.${k}` : k);
  switch (node.type) {
    case 'inline': {
      if (LEAF_TYPES.has(node.name!) || node.name!.endsWith('.reference')) return out;
      const t = named.get(node.name!);
      if (!t) throw new Error(`unknown type ${node.name}`);
      return sanityPaths(t.type === 'type' ? t.value! : t, prefix, out);
    }
    case 'object':
    case 'document': {
      const attrs = node.attributes ?? {};
      if (node.rest) sanityPaths(node.rest, prefix, out);
      if ('asset' in attrs && !('alt' in attrs)) return out; // a file: one value (the model's src)
      for (const [k, v] of Object.entries(attrs)) {
        if (k.startsWith('_') || ('asset' in attrs && ['hotspot', 'crop', 'media'].includes(k))) continue;
        const key = k === 'asset' ? 'src' : (FIELD_LOCALE[k] ?? k);
        out.add(join(key));
        if (k !== 'asset') sanityPaths(v.value, join(key), out);
      }
      return out;
    }
    case 'array':
      for (const o of Array.isArray(node.of) ? node.of : [node.of!]) sanityPaths(o, `${prefix}[]`, out);
      return out;
    case 'union':
      for (const o of (node.of as Node[]) ?? []) sanityPaths(o, prefix, out);
      return out;
    default:
      return out;
  }
}

describe('cms/schema.json mirrors src/domain/model', () => {
  it('has a document type for every model type, and no other', () => {
    expect(
      schemaJson
        .filter((t) => t.type === 'document' && !t.name.startsWith('sanity.') && !(t.name in SANITY_ONLY_TYPES))
        .map((t) => t.name)
        .sort(),
    ).toEqual(Object.keys(MODEL).sort());
    expect(Object.keys(SANITY_ONLY_TYPES).every((t) => named.get(t)?.type === 'document')).toBe(true);
  });

  it.each(Object.keys(MODEL))('%s: every model field is in the Studio and every Studio field in the model', (type) => {
    const model = zodPaths(MODEL[type]);
    const studio = sanityPaths(named.get(type)!);
    expect(model.size).toBeGreaterThan(3);
    const allowed = new Set(
      Object.keys(SANITY_ONLY)
        .filter((k) => k.startsWith(`${type}:`))
        .map((k) => k.slice(type.length + 1)),
    );
    const modelOnly = new Set(
      Object.keys(MODEL_ONLY)
        .filter((k) => k.startsWith(`${type}:`))
        .map((k) => k.slice(type.length + 1)),
    );
    expect(
      [...model].filter((p) => !studio.has(p) && !modelOnly.has(p)),
      'model fields missing in the Studio',
    ).toEqual([]);
    const prefixes = Object.keys(SANITY_ONLY_PREFIX)
      .filter((k) => k.startsWith(`${type}:`))
      .map((k) => k.slice(type.length + 1));
    const studioOnly = (p: string) => allowed.has(p) || prefixes.some((x) => p === x || p.startsWith(`${x}.`));
    expect(
      [...studio].filter((p) => !model.has(p) && !studioOnly(p)),
      'Studio fields the model lacks',
    ).toEqual([]);
  });

  it('can fail: a field the Studio lacks is found', () => {
    const studio = sanityPaths(named.get('article')!);
    expect(studio.has('reviewer.name')).toBe(true);
    expect(studio.has('reviewer.email')).toBe(false);
    expect(zodPaths(articleSchema).has('translations.zh-hant.body')).toBe(true);
    expect(studio.has('translations.zh-hant.body')).toBe(true);
  });
});
