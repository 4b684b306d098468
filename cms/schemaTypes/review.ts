/**
 * The medical-review workflow's data (rules: cms/workflow/rules.ts; actions: cms/workflow/actions.tsx):
 *   reviewerProfile  who may approve health content (name, title, Sanity user id), kept in the dataset
 *   review           on every health document: its state, the approval (for which content), and the history
 * The review field is read-only: only the workflow's actions write it. The site does not read it.
 */
import { UserIcon } from '@sanity/icons/User';
import { defineArrayMember, defineField, defineType } from 'sanity';
import { ACTION_LABEL, STATE_LABEL } from '../workflow/rules.ts';

export const reviewerProfile = defineType({
  name: 'reviewerProfile',
  title: '审核人',
  type: 'document',
  icon: UserIcon,
  description: '可以审核健康内容的医生。审核通过时，文章的审核人和审核日期按这里的资料自动填写。',
  fields: [
    defineField({ name: 'name', title: '姓名', type: 'string', validation: (r) => r.required() }),
    defineField({
      name: 'title',
      title: '职称 / 岗位',
      description: '显示在文章上，例如 全科主治医师。',
      type: 'string',
      validation: (r) => r.required(),
    }),
    defineField({
      name: 'userId',
      title: 'Sanity 用户 ID',
      description: '这位医生登录 Studio 用的账号的用户 ID（sanity.io/manage 的成员列表里可以看到，形如 p1AbCdEf）。',
      type: 'string',
      validation: (r) => r.required().regex(/^[A-Za-z0-9_-]+$/, { name: '用户 ID' }),
    }),
    defineField({
      name: 'active',
      title: '有效',
      description: '离职或不再审核时关掉，不要删除（审核记录里还用得到）。',
      type: 'boolean',
      initialValue: true,
    }),
  ],
  preview: {
    select: { title: 'name', subtitle: 'title', active: 'active' },
    prepare: ({ title, subtitle, active }) => ({
      title,
      subtitle: active === false ? `${subtitle ?? ''}（已停用）` : subtitle,
    }),
  },
});

const stateList = Object.entries(STATE_LABEL).map(([value, title]) => ({ value, title }));
const actionList = Object.entries(ACTION_LABEL).map(([value, title]) => ({ value, title }));

export const reviewHistoryEntry = defineType({
  name: 'reviewHistoryEntry',
  title: '审核记录',
  type: 'object',
  fields: [
    defineField({ name: 'at', title: '时间', type: 'datetime' }),
    defineField({ name: 'action', title: '操作', type: 'string', options: { list: actionList } }),
    defineField({ name: 'by', title: '操作人', type: 'string' }),
    defineField({ name: 'userId', title: '用户 ID', type: 'string' }),
    defineField({ name: 'comment', title: '意见', type: 'text', rows: 2 }),
    defineField({ name: 'contentHash', title: '内容指纹', type: 'string' }),
  ],
  preview: {
    select: { at: 'at', action: 'action', by: 'by', comment: 'comment' },
    prepare: ({ at, action, by, comment }) => ({
      title: `${ACTION_LABEL[action as keyof typeof ACTION_LABEL] ?? action} · ${by ?? ''}`,
      subtitle: [at ? new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '', comment]
        .filter(Boolean)
        .join(' · '),
    }),
  },
});

export const reviewRecord = defineType({
  name: 'reviewRecord',
  title: '医学审核',
  type: 'object',
  fields: [
    defineField({ name: 'status', title: '状态', type: 'string', options: { list: stateList } }),
    defineField({
      name: 'approval',
      title: '审核通过',
      type: 'object',
      fields: [
        defineField({ name: 'reviewer', title: '审核人', type: 'string' }),
        defineField({ name: 'reviewerTitle', title: '职称', type: 'string' }),
        defineField({ name: 'approvedAt', title: '审核日期', type: 'date' }),
        defineField({ name: 'profileId', title: '审核人资料', type: 'string' }),
        defineField({ name: 'userId', title: '用户 ID', type: 'string' }),
        defineField({
          name: 'contentHash',
          title: '审核时的内容指纹',
          description: '内容再改动，指纹就对不上，需要重新审核。',
          type: 'string',
        }),
      ],
    }),
    defineField({
      name: 'history',
      title: '审核记录',
      type: 'array',
      of: [defineArrayMember({ type: 'reviewHistoryEntry' })],
    }),
  ],
});

/** The read-only review field every health document has. */
export const reviewField = (group?: string) =>
  defineField({
    name: 'review',
    title: '医学审核',
    type: 'reviewRecord',
    group,
    readOnly: true,
    description: '由“提交审核”“审核通过”“退回修改”“发布”按钮填写，不能手动修改。',
  });
