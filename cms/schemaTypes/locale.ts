/**
 * Field-level translations. The site's locales are zh-hans (the original), zh-hant, yue and en; Sanity field
 * names cannot hold a hyphen, so they are zh_hans, zh_hant, yue, en here and the loader maps them back.
 * Fallback is the site's (src/lib/localize/resolve.ts): zh-hant and yue without a human translation are
 * converted from Simplified by OpenCC, en falls back to Chinese with a notice. Editors leave a locale empty
 * to get that fallback.
 */
import { defineField, defineType, type StringRule } from 'sanity';
import { registry } from '@hc/domain/locales/registry.ts';

/** One field per site locale, from the locale registry (src/domain/locales/registry.ts); the source locale first. */
export const LOCALE_FIELDS = registry.defs.map((l) => ({
  name: registry.sanityField(l.id),
  locale: l.id,
  title: l.cmsTitle,
}));
export const TRANSLATION_FIELDS = LOCALE_FIELDS.slice(1);
const SOURCE_FIELD = registry.sanityField(registry.source);

const FALLBACK_NOTE = '留空时网站自动处理：繁体、粤语由简体转换，英文显示中文原文并附说明。';

function localeObject(name: string, title: string, type: 'string' | 'text') {
  return defineType({
    name,
    title,
    type: 'object',
    description: FALLBACK_NOTE,
    options: { collapsible: true, collapsed: false },
    fields: LOCALE_FIELDS.map((l) =>
      defineField({
        name: l.name,
        title: l.title,
        type,
        ...(type === 'text' ? { rows: 2 } : {}),
        validation: l.name === SOURCE_FIELD ? (rule: StringRule) => rule.required().error('简体中文必填') : undefined,
      }),
    ),
  });
}

export const localeString = localeObject('localeString', '多语言文字', 'string');
export const localeText = localeObject('localeText', '多语言段落', 'text');

/** `translations: { zh_hant, yue, en }`, each of the given object type; all optional. */
export function translationsField(type: string) {
  return defineField({
    name: 'translations',
    title: '人工翻译',
    description: `只填有人工翻译的语言。${FALLBACK_NOTE}`,
    type: 'object',
    group: 'translations',
    options: { collapsible: true, collapsed: true },
    fields: TRANSLATION_FIELDS.map((l) =>
      defineField({ name: l.name, title: l.title, type, options: { collapsible: true, collapsed: true } }),
    ),
  });
}
