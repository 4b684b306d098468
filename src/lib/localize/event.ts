/** An event's title, summary and description in a locale: human translation, converted Traditional, or the original. */
import type { HealthEvent } from '../../content/model/event.ts';
import type { Locale } from '../../content/model/common.ts';
import { convertStrings, resolveText, type TextKind } from './resolve.ts';

export interface EventText {
  title: string;
  summary: string;
  description: string;
  textLocale: Locale;
  /** The description can stay in the original when a translation gives only title and summary. */
  descriptionLocale: Locale;
  kind: TextKind;
}

const cache = new WeakMap<HealthEvent, Map<Locale, EventText>>();

export function eventText(event: HealthEvent, locale: Locale): EventText {
  let perEvent = cache.get(event);
  if (!perEvent) cache.set(event, (perEvent = new Map()));
  const hit = perEvent.get(locale);
  if (hit) return hit;
  const original = { title: event.title, summary: event.summary, description: event.description };
  const human: Partial<Record<Exclude<Locale, 'zh-hans'>, typeof original>> = {};
  for (const [loc, t] of Object.entries(event.translations) as Array<[Exclude<Locale, 'zh-hans'>, { title: string; summary: string; description?: string } | undefined]>) {
    if (t) human[loc] = { title: t.title, summary: t.summary, description: t.description ?? '' };
  }
  const r = resolveText(locale, original, human, (v, variant) => convertStrings(v, variant));
  // A translation without its own description keeps the original's, in the original's language.
  const text: EventText = r.value.description
    ? { ...r.value, textLocale: r.textLocale, descriptionLocale: r.textLocale, kind: r.kind }
    : { ...r.value, description: event.description, textLocale: r.textLocale, descriptionLocale: 'zh-hans', kind: r.kind };
  perEvent.set(locale, text);
  return text;
}
