/**
 * An event as a page in one locale shows it (its view model): title, summary and description through the one
 * fallback (human translation, converted Traditional, or the original), and every untranslated detail (place,
 * address, organiser, notes, alt text) converted on Traditional pages or marked as Chinese elsewhere.
 */
import type { HealthEvent, EventLocation } from '@hc/domain/model/event.ts';
import type { Locale, TranslatedLocale } from '@hc/domain/locales/registry.ts';
import type { Occurrence } from '@hc/domain/calendar/occurrences.ts';
import { langFor, localizePlain, resolveText, type TextKind } from './resolve.ts';

export interface EventText {
  title: string;
  summary: string;
  description: string;
  textLocale: Locale;
  /** The description can stay in the original when a translation gives only title and summary. */
  descriptionLocale: Locale;
  kind: TextKind;
}

export interface EventView extends EventText {
  slug: string;
  /** lang for the title and summary, when not the page's. */
  lang?: string;
  descriptionLang?: string;
  /** lang for the untranslated details below, when not the page's (English pages: zh-Hans). */
  detailsLang?: string;
  location: EventLocation;
  organiser: string;
  statusNote?: string;
  signUpNote?: string;
  accessibility?: string;
  volunteersNote?: string;
  image?: { src: string; alt: string; credit?: string };
}

const cache = new WeakMap<HealthEvent, Map<Locale, EventView>>();

/** Text of an untranslated detail on this locale's pages. */
const plain = (text: string | undefined, locale: Locale) =>
  text === undefined ? undefined : localizePlain(text, locale).text;

export function localizeLocation(location: EventLocation, locale: Locale): EventLocation {
  return {
    ...location,
    name: localizePlain(location.name, locale).text,
    address: localizePlain(location.address, locale).text,
  };
}

/** An occurrence with its place and note as this locale shows them. */
export function localizeOccurrence<O extends Pick<Occurrence, 'location' | 'note'>>(o: O, locale: Locale): O {
  return { ...o, location: localizeLocation(o.location, locale), note: plain(o.note, locale) };
}

export function localizeEvent(event: HealthEvent, locale: Locale): EventView {
  let perEvent = cache.get(event);
  if (!perEvent) cache.set(event, (perEvent = new Map()));
  const hit = perEvent.get(locale);
  if (hit) return hit;
  const original = { title: event.title, summary: event.summary, description: event.description };
  const human: Partial<Record<TranslatedLocale, typeof original>> = {};
  for (const [loc, t] of Object.entries(event.translations) as Array<
    [TranslatedLocale, { title: string; summary: string; description?: string } | undefined]
  >) {
    if (t) human[loc] = { title: t.title, summary: t.summary, description: t.description ?? '' };
  }
  const r = resolveText(locale, original, human);
  // A translation without its own description keeps the original's, as this locale shows the original.
  const described = r.value.description
    ? { description: r.value.description, descriptionLocale: r.textLocale }
    : {
        description: plain(event.description, locale)!,
        descriptionLocale: resolveText(locale, event.description, {}).textLocale,
      };
  const details = localizePlain(event.organiser, locale);
  const view: EventView = {
    slug: event.slug,
    title: r.value.title,
    summary: r.value.summary,
    ...described,
    textLocale: r.textLocale,
    kind: r.kind,
    lang: langFor(locale, r.textLocale),
    descriptionLang: langFor(locale, described.descriptionLocale),
    detailsLang: details.lang,
    location: localizeLocation(event.location, locale),
    organiser: details.text,
    statusNote: plain(event.statusNote, locale),
    signUpNote: plain(event.signUp.note, locale),
    accessibility: plain(event.accessibility, locale),
    volunteersNote: plain(event.volunteersWanted?.note, locale),
    image: event.image && {
      src: event.image.src,
      alt: plain(event.image.alt, locale)!,
      credit: plain(event.image.credit, locale),
    },
  };
  perEvent.set(locale, view);
  return view;
}

/** Title, summary and description only (search documents, feeds). */
export function eventText(event: HealthEvent, locale: Locale): EventText {
  return localizeEvent(event, locale);
}
