/**
 * The medical-review workflow's data (rules: cms/workflow/rules.ts; actions: cms/workflow/actions.tsx):
 *   reviewerProfile  who may approve in the Studio (name, title, the person's sign-in account), created and changed
 *                    only by administrators; the public build accepts an approval only from an account that is also
 *                    on the repository's list (content/reviewers.yaml)
 *   reviewEvent      one record per step (提交审核, 批准, 退回修改, 发布): created by the action, never changed, kept
 *                    beside the document so it survives a discarded draft
 *   review           on every health document: its current state and approval (hidden; the badge shows it)
 */
import { chinaDateTime } from '@hc/domain/time.ts';
import { DocumentsIcon } from '@sanity/icons/Documents';
import { choiceField, requiredField } from './common.ts';
import { UserIcon } from '@sanity/icons/User';
import { defineField, defineType, type CurrentUser } from 'sanity';
import { ACTION_LABEL, STATE_LABEL } from '../workflow/rules.ts';

/** Administrators of the project (sanity.io/manage → 成员 → 角色). */
export const isAdministrator = (user: Omit<CurrentUser, 'role'> | null | undefined) =>
  Boolean(user?.roles?.some((r) => r.name === 'administrator'));

export const reviewerProfile = defineType({
  name: 'reviewerProfile',
  title: '审核人',
  type: 'document',
  icon: UserIcon,
  description: '可以批准健康内容的医生。只有管理员能新建和修改；批准时，文章的审核人和审核日期按这里的资料填写。',
  readOnly: ({ currentUser }) => !isAdministrator(currentUser),
  fields: [
    requiredField('name', '姓名', 'string', { description: '和审核人名单（content/reviewers.yaml）里写的完全一样。' }),
    requiredField('title', '职称 / 岗位', 'string', {
      description: '显示在文章上，例如 全科主治医师；和审核人名单里的“资格”一样。',
    }),
    defineField({
      name: 'userId',
      title: '登录账号编号',
      description:
        '这位医生登录用的账号编号：在 sanity.io/manage 的“成员”里点开这位医生即可看到，形如 p1AbCdEf。审核人名单里也要登记同一个编号。',
      type: 'string',
      validation: (r) => r.required().regex(/^[A-Za-z0-9_-]+$/, { name: '账号编号' }),
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

const shanghaiTime = (iso: string | undefined) => (iso ? chinaDateTime(iso) : '');

/** One step of the review: who did what to which document, when, with what comment. */
export const reviewEvent = defineType({
  name: 'reviewEvent',
  title: '审核记录',
  type: 'document',
  icon: DocumentsIcon,
  description: '由“提交审核”“批准”“退回修改”“发布”自动生成，不能修改或删除。',
  readOnly: true,
  fields: [
    defineField({ name: 'title', title: '文档标题', type: 'string' }),
    defineField({ name: 'document', title: '文档编号', type: 'string', hidden: true }),
    defineField({ name: 'documentType', title: '文档类型', type: 'string', hidden: true }),
    choiceField('action', '操作', actionList),
    defineField({ name: 'by', title: '操作人', type: 'string' }),
    defineField({ name: 'at', title: '时间', type: 'datetime' }),
    defineField({ name: 'comment', title: '意见', type: 'text', rows: 3 }),
    defineField({
      name: 'changed',
      title: '和上次批准相比改动的内容',
      type: 'array',
      of: [{ type: 'string' }],
    }),
    defineField({ name: 'userId', title: '账号编号', type: 'string', hidden: true }),
    defineField({ name: 'contentHash', title: '内容指纹', type: 'string', hidden: true }),
  ],
  preview: {
    select: { title: 'title', action: 'action', by: 'by', at: 'at', comment: 'comment' },
    prepare: ({ title, action, by, at, comment }) => ({
      title: `${ACTION_LABEL[action as keyof typeof ACTION_LABEL] ?? action}：${title ?? ''}`,
      subtitle: [by, shanghaiTime(at), comment].filter(Boolean).join(' · '),
    }),
  },
  orderings: [{ title: '时间（最新在前）', name: 'atDesc', by: [{ field: 'at', direction: 'desc' }] }],
});

export const reviewRecord = defineType({
  name: 'reviewRecord',
  title: '医学审核',
  type: 'object',
  fields: [
    choiceField('status', '状态', stateList),
    defineField({ name: 'submittedBy', title: '提交人', type: 'string' }),
    defineField({ name: 'submittedHash', title: '提交时的内容指纹', type: 'string' }),
    defineField({
      name: 'approval',
      title: '批准记录',
      type: 'object',
      fields: [
        defineField({ name: 'reviewer', title: '审核人', type: 'string' }),
        defineField({ name: 'reviewerTitle', title: '职称', type: 'string' }),
        defineField({ name: 'approvedAt', title: '批准日期', type: 'date' }),
        defineField({ name: 'profileId', title: '审核人资料', type: 'string' }),
        defineField({ name: 'userId', title: '账号编号', type: 'string' }),
        defineField({ name: 'contentHash', title: '批准时的内容指纹', type: 'string' }),
      ],
    }),
  ],
});

/** The workflow field every health document has: written only by the actions, shown by the badge. */
export const reviewField = (group?: string) =>
  defineField({
    name: 'review',
    title: '医学审核',
    type: 'reviewRecord',
    group,
    readOnly: true,
    hidden: true,
  });

/** 审核人 / 审核日期 / 下次复审: filled in by 批准, never typed (a typed value would void the approval). */
export const SET_BY_APPROVAL = '由“批准”自动填写，不能手动修改（手动改会让批准失效）。';
