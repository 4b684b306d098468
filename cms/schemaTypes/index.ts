/** Every schema type of the Studio: one document type per document type of src/domain/model. */
import { article, articleTranslation } from './article.ts';
import { audience, topic } from './audience.ts';
import { commonTypes } from './common.ts';
import { event, eventLocation, eventTranslation } from './event.ts';
import { family, familyTranslation } from './family.ts';
import { healthDay } from './healthDay.ts';
import { localeString, localeText } from './locale.ts';
import { quiz, quizTranslation } from './quiz.ts';
import { pointsTypes } from './points.ts';
import { siteSettings } from './siteSettings.ts';
import { quizSource, source } from './source.ts';
import { reviewerProfile, reviewEvent, reviewRecord } from './review.ts';

/** Documents that exist once (edited from the desk, never created or deleted). */
export const SINGLETONS = new Set(['siteSettings']);

export const schemaTypes = [
  localeString,
  localeText,
  ...commonTypes,
  articleTranslation,
  eventLocation,
  eventTranslation,
  familyTranslation,
  quizTranslation,
  quizSource,
  reviewRecord,
  article,
  event,
  family,
  quiz,
  audience,
  topic,
  healthDay,
  source,
  reviewerProfile,
  reviewEvent,
  siteSettings,
  ...pointsTypes,
];
