/**
 * The GROQ the site runs against a Sanity dataset: one query for the whole content set (fetched once per
 * build). References become the ids the model uses, slugs their strings, assets their documents; everything
 * else keeps the Studio's field names and is mapped in map.ts. Types: `npm run cms:typegen` → sanity.types.ts.
 * `healthDocs` are the health documents whole (the review gate fingerprints exactly what was approved) and
 * `reviewEvents` the review records kept beside them (src/content/sanity/history.ts).
 */
import { defineQuery } from 'groq';

export const CONTENT_QUERY = defineQuery(`{
  "audiences": *[_type == "audience" && !(_id in path("drafts.**"))] | order(order asc) { _id, "id": id.current, name, description, icon, order },
  "topics": *[_type == "topic" && !(_id in path("drafts.**"))] | order(order asc) { _id, "id": id.current, name, description, icon, order },
  "sources": *[_type == "source" && !(_id in path("drafts.**"))] | order(_id asc) { _id, _updatedAt, "id": id.current, title, publisher, year, edition, url, updatedAt },
  "healthDays": *[_type == "healthDay" && !(_id in path("drafts.**"))] | order(_id asc) {
    _id, "id": id.current, name, rule, "topics": topics[]->id.current, "audiences": audiences[]->id.current
  },
  "articles": *[_type == "article" && !(_id in path("drafts.**"))] | order(slug.current asc) {
    _id, title, "slug": slug.current, summary,
    body[]{ ..., _type == "contentImage" => { "asset": asset-> } },
    "audiences": audiences[]->id.current, "topics": topics[]->id.current,
    keywords, aliases, featured,
    hero{ alt, credit, license, "asset": asset-> },
    audio[]{ dialect, durationSec, transcriptOf, "asset": src.asset-> },
    reviewer, reviewedAt, nextReviewDue, updatedAt,
    "sources": sources[]->{ "id": id.current, title, publisher, year, edition, url },
    translations{
      zh_hant{ title, summary, translator, body[]{ ..., _type == "contentImage" => { "asset": asset-> } } },
      yue{ title, summary, translator, body[]{ ..., _type == "contentImage" => { "asset": asset-> } } },
      en{ title, summary, translator, body[]{ ..., _type == "contentImage" => { "asset": asset-> } } }
    }
  },
  "events": *[_type == "event" && !(_id in path("drafts.**"))] | order(slug.current asc) {
    _id, title, "slug": slug.current, summary, description, type, start, end, timeZone, rrule, exceptions, overrides,
    location, organiser, "audiences": audiences[]->id.current, "topics": topics[]->id.current, signUp, accessibility,
    volunteersWanted, status, statusNote, image{ alt, credit, license, "asset": asset-> }, sequence, updatedAt, translations
  },
  "families": *[_type == "family" && !(_id in path("drafts.**"))] | order(slug.current asc) {
    _id, displayName, "slug": slug.current, members, summary,
    story[]{ ..., _type == "contentImage" => { "asset": asset-> } },
    photos[]{ alt, credit, license, "asset": asset-> },
    habits, award, building, consent, hidden, fictional,
    "audiences": audiences[]->id.current, "topics": topics[]->id.current,
    translations{
      zh_hant{ displayName, members, summary, habits, awardTitle, story[]{ ..., _type == "contentImage" => { "asset": asset-> } } },
      yue{ displayName, members, summary, habits, awardTitle, story[]{ ..., _type == "contentImage" => { "asset": asset-> } } },
      en{ displayName, members, summary, habits, awardTitle, story[]{ ..., _type == "contentImage" => { "asset": asset-> } } }
    }
  },
  "quizzes": *[_type == "quiz" && !(_id in path("drafts.**"))] | order(slug.current asc) {
    _id, "slug": slug.current, kind, title, summary, intro,
    questions[]{ ..., "recommend": recommend[]->slug.current },
    results[]{ ..., "recommend": { "articles": recommend.articles[]->slug.current, "audiences": recommend.audiences[]->id.current } },
    "source": source{ section, ...source->{ "id": id.current, title, publisher, year, edition, url } }, disclaimer, "audiences": audiences[]->id.current, "topics": topics[]->id.current, translations,
    reviewer, reviewedAt, nextReviewDue, updatedAt
  },
  "healthDocs": *[(_type in ["article", "quiz"] || (_type in ["event", "family"] && healthAdvice == true)) && !(_id in path("drafts.**"))],
  "reviewEvents": *[_type == "reviewEvent" && !(_id in path("drafts.**"))] | order(_id asc) { _id, document, action, contentHash, comment },
  "siteSettings": *[_type == "siteSettings" && !(_id in path("drafts.**"))] | order(_id asc) [0] {
    _id, communityName, centreName, tagline, contact, emergency, defaultLocale, sampleNotice
  }
}`);
