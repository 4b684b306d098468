/** 分众人群 and 主题: mirror src/domain/model/audience.ts and topic.ts. */
import { TagIcon } from '@sanity/icons/Tag';
import { UsersIcon } from '@sanity/icons/Users';
import { defineField, defineType } from 'sanity';
import { idField, requiredField } from './common.ts';

function taxonomy(name: 'audience' | 'topic', title: string, icon: typeof UsersIcon) {
  return defineType({
    name,
    title,
    type: 'document',
    icon,
    fields: [
      idField('id', undefined, '标识'),
      requiredField('name', '名称', 'localeString'),
      requiredField('description', '说明', 'localeText'),
      requiredField('icon', '图标名', 'string', { description: '网站 src/components/icons 里的图标名。' }),
      defineField({
        name: 'order',
        title: '排序',
        description: '数字小的排在前面。',
        type: 'number',
        validation: (r) => r.required().integer(),
      }),
    ],
    orderings: [{ title: '排序', name: 'order', by: [{ field: 'order', direction: 'asc' }] }],
    preview: { select: { title: 'name.zh_hans', subtitle: 'id.current' } },
  });
}

export const audience = taxonomy('audience', '人群', UsersIcon);
export const topic = taxonomy('topic', '主题', TagIcon);
