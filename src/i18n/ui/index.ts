/** Every locale's UI strings (one JSON file per locale of the registry; a new locale adds its file here). */
import type { Locale } from '@hc/domain/locales/registry.ts';
import zhHans from './zh-hans.json' with { type: 'json' };
import zhHant from './zh-hant.json' with { type: 'json' };
import yue from './yue.json' with { type: 'json' };
import en from './en.json' with { type: 'json' };

/** The source locale's strings define the keys; `satisfies` makes a locale without a strings file an error. */
export const UI_RESOURCES = { 'zh-hans': zhHans, 'zh-hant': zhHant, yue, en } as const satisfies Record<Locale, object>;
