/** Building blocks shared by the document types, mirroring src/domain/model/common.ts and article.ts. */
import { registry, type Locale } from '@hc/domain/locales/registry.ts';
import { ID_PATTERN, PHONE_PATTERN } from '@hc/domain/model/patterns.ts';
import { ImageIcon } from '@sanity/icons/Image';
import { InfoOutlineIcon } from '@sanity/icons/InfoOutline';
import {
  defineArrayMember,
  defineField,
  defineType,
  type ArrayRule,
  type DateRule,
  type NumberRule,
  type Rule,
  type SlugRule,
  type StringRule,
  type TextRule,
} from 'sanity';

/** The site's rule (the locale registry's summaryMax): a summary is one or two sentences. */
export function summaryField(locale: Locale = registry.source, required = true) {
  const max = registry.info[locale].summaryMax;
  return defineField({
    name: 'summary',
    title: '摘要',
    description: `一两句话，不超过 ${max} 个字符；显示在列表和分享卡片上。`,
    type: 'text',
    rows: 3,
    validation: (rule: TextRule) => {
      const r = rule.max(max).error(`摘要最多 ${max} 个字符（一两句话）`);
      return required ? r.required().error('摘要必填') : r;
    },
  });
}

/** A slug or id (lower-case letters, digits, hyphens): the page address. */
/** A choice of one value from a list (stored as the value; the editor sees the titles). */
export interface Choice {
  value: string;
  title: string;
}

/**
 * A string field chosen from a list: the shape every enum of the model takes in the Studio. `required` adds the
 * required rule; anything else a field may carry (description, group, initialValue, hidden, layout) passes through.
 */
export function choiceField(
  name: string,
  title: string,
  list: readonly Choice[],
  {
    required = false,
    layout,
    ...rest
  }: { required?: boolean; layout?: 'radio' | 'dropdown' } & Record<string, unknown> = {},
) {
  return defineField({
    name,
    title,
    type: 'string',
    ...rest,
    options: { list: [...list], ...(layout ? { layout } : {}) },
    ...(required ? { validation: (r: StringRule) => r.required() } : {}),
  });
}

/**
 * A required field: name, title and type, with anything else it carries (description, group, rows, to …). The
 * shape most of the model's fields take in the Studio.
 */
export function requiredField(name: string, title: string, type: string, rest: Record<string, unknown> = {}) {
  return defineField({ name, title, type, ...rest, validation: (r: Rule) => r.required() } as Parameters<
    typeof defineField
  >[0]);
}

/**
 * A required whole number in a range (points, costs, caps, counts): the shape the model's integer fields take in
 * the Studio. Anything else the field carries (description, initialValue …) passes through.
 */
export function integerField(
  name: string,
  title: string,
  min: number,
  max: number,
  rest: Record<string, unknown> = {},
) {
  return defineField({
    name,
    title,
    type: 'number',
    ...rest,
    validation: (r: NumberRule) => r.required().integer().min(min).max(max),
  } as Parameters<typeof defineField>[0]);
}

/** A phone number field's check: the rule of content/ in git (PHONE_PATTERN), said to the editor in Chinese. */
export function checkPhone(value: string | undefined): true | string {
  return !value || PHONE_PATTERN.test(value.trim())
    ? true
    : '电话号码格式不对：只用数字、空格、- 或括号，分机写在“转”后面（如 010-8765-4321 转 8021）';
}

/** The field groups of the document types, named once. */
export const GROUPS = {
  content: { name: 'content', title: '内容', default: true },
  review: { name: 'review', title: '审核' },
  search: { name: 'search', title: '搜索' },
  media: { name: 'media', title: '图片和音频' },
  translations: { name: 'translations', title: '翻译' },
  time: { name: 'time', title: '时间和地点' },
  signup: { name: 'signup', title: '报名' },
  consent: { name: 'consent', title: '同意书' },
};

export function idField(name: 'slug' | 'id', source: string | undefined, title = '网址标识') {
  return defineField({
    name,
    title,
    description: '小写字母、数字和连字符，例如 home-blood-pressure。发布后不要再改，否则旧链接会失效。',
    type: 'slug',
    options: source ? { source, maxLength: 80 } : { maxLength: 80 },
    validation: (rule: SlugRule) =>
      rule
        .required()
        .custom((value) =>
          !value?.current || ID_PATTERN.test(value.current)
            ? true
            : '只能用小写字母、数字和连字符（如 home-blood-pressure）',
        ),
  });
}

/** References to audience or topic documents (the site stores their ids). */
export function refsField(name: string, title: string, to: 'audience' | 'topic' | 'article', min = 0, group?: string) {
  return defineField({
    name,
    title,
    type: 'array',
    group,
    of: [defineArrayMember({ type: 'reference', to: [{ type: to }] })],
    validation: (rule: ArrayRule<unknown[]>) =>
      (min > 0 ? rule.required().min(min).error(`至少选 ${min} 个`) : rule).unique(),
  });
}

export function dateField(name: string, title: string, description?: string, required = true) {
  return defineField({
    name,
    title,
    description,
    type: 'date',
    options: { dateFormat: 'YYYY-MM-DD' },
    validation: (rule: DateRule) => (required ? rule.required() : rule),
  });
}

/** An image with required alt text (src in the site's model is the uploaded asset). */
export const contentImage = defineType({
  name: 'contentImage',
  title: '图片',
  type: 'image',
  icon: ImageIcon,
  options: { hotspot: true },
  fields: [
    defineField({
      name: 'alt',
      title: '替代文字',
      description: '给看不见图片的人听的描述：图里有什么、为什么重要。必填。',
      type: 'string',
      validation: (rule) => rule.required().error('每张图片都需要替代文字'),
    }),
    defineField({ name: 'credit', title: '作者 / 来源', type: 'string' }),
    defineField({ name: 'license', title: '授权', type: 'string' }),
  ],
  validation: (rule) =>
    rule.custom((value: { asset?: unknown; alt?: string } | undefined) =>
      !value || !value.asset || (value.alt && value.alt.trim()) ? true : '每张图片都需要替代文字',
    ),
});

export const reviewer = defineType({
  name: 'reviewer',
  title: '审核人',
  type: 'object',
  fields: [requiredField('name', '姓名', 'string'), requiredField('role', '职称 / 岗位', 'string')],
});

export const DIALECTS = [
  { value: 'cmn', title: '普通话' },
  { value: 'yue', title: '粤语' },
  { value: 'nan', title: '闽南话' },
  { value: 'wuu', title: '吴语（上海话）' },
  { value: 'sc', title: '四川话' },
  { value: 'hak', title: '客家话' },
];

export const audioTrack = defineType({
  name: 'audioTrack',
  title: '方言音频',
  type: 'object',
  fields: [
    choiceField('dialect', '方言', DIALECTS, { required: true }),
    defineField({
      name: 'src',
      title: '音频文件',
      type: 'file',
      options: { accept: 'audio/*' },
      validation: (r) => r.required(),
    }),
    defineField({
      name: 'durationSec',
      title: '时长（秒）',
      type: 'number',
      validation: (r) => r.required().positive(),
    }),
    choiceField('transcriptOf', '朗读的是哪种文字', [
      { value: 'zh-hans', title: '简体' },
      { value: 'zh-hant', title: '繁體' },
      { value: 'yue', title: '粤语' },
      { value: 'en', title: 'English' },
    ]),
  ],
  preview: { select: { title: 'dialect', subtitle: 'durationSec' } },
});

/** A highlighted note inside a body (rendered as a quoted paragraph, like a Markdown blockquote). */
export const callout = defineType({
  name: 'callout',
  title: '提示框',
  type: 'object',
  icon: InfoOutlineIcon,
  fields: [
    choiceField(
      'tone',
      '类型',
      [
        { value: 'note', title: '提示' },
        { value: 'warning', title: '注意' },
      ],
      { initialValue: 'note' },
    ),
    requiredField('text', '内容', 'text', { rows: 3 }),
  ],
  preview: { select: { title: 'text', subtitle: 'tone' } },
});

/** Rich text: what the site's Markdown can say (headings, lists, bold, links, images with alt, callouts). */
export const richText = defineType({
  name: 'richText',
  title: '正文',
  type: 'array',
  of: [
    defineArrayMember({
      type: 'block',
      styles: [
        { title: '正文', value: 'normal' },
        { title: '小标题', value: 'h2' },
        { title: '三级标题', value: 'h3' },
        { title: '四级标题', value: 'h4' },
        { title: '引用', value: 'blockquote' },
      ],
      lists: [
        { title: '项目列表', value: 'bullet' },
        { title: '编号列表', value: 'number' },
      ],
      marks: {
        decorators: [
          { title: '加粗', value: 'strong' },
          { title: '斜体', value: 'em' },
          { title: '代码', value: 'code' },
        ],
        annotations: [
          defineArrayMember({
            name: 'link',
            title: '链接',
            type: 'object',
            fields: [
              defineField({
                name: 'href',
                title: '网址',
                type: 'url',
                validation: (r) =>
                  r.required().uri({ allowRelative: true, scheme: ['http', 'https', 'tel', 'mailto'] }),
              }),
            ],
          }),
        ],
      },
    }),
    defineArrayMember({ type: 'contentImage' }),
    defineArrayMember({ type: 'callout' }),
  ],
});

export const commonTypes = [contentImage, reviewer, audioTrack, callout, richText];
