/** The Sanity Studio where a health centre's editors write: same content model as the site (src/domain/model). */
import { defineConfig } from 'sanity';
import { structureTool } from 'sanity/structure';
import { visionTool } from '@sanity/vision';
import { zhHansLocale } from '@sanity/locale-zh-hans';
import { dataset, projectId } from './env.ts';
import { schemaTypes, SINGLETONS } from './schemaTypes/index.ts';
import { structure } from './structure/index.ts';
import { defaultDocumentNode } from './structure/document-node.tsx';
import { healthDocumentActions, OverdueBadge, ReviewStateBadge } from './workflow/actions.tsx';
import { isHealthType } from './workflow/rules.ts';
import { isAdministrator } from './schemaTypes/review.ts';

/** Written only by the workflow's actions: never created from the menu, edited, duplicated or deleted. */
const ACTION_ONLY = new Set(['reviewEvent']);
/** Created and changed only by administrators (checked here and, for approvals, by the build's allow-list). */
const ADMIN_ONLY = new Set(['reviewerProfile']);

export default defineConfig({
  name: 'jiankang-shequ',
  title: '健康社区 · 内容编辑',
  projectId,
  dataset,
  // The Studio's own interface in Simplified Chinese (our schema titles are Chinese already).
  // The query tool is for developers (it speaks GROQ); editors never need it, so it is there only in `sanity dev`.
  plugins: [
    structureTool({ title: '内容', structure, defaultDocumentNode }),
    ...(process.env.NODE_ENV === 'development' ? [visionTool({ title: '数据查询（开发用）' })] : []),
    zhHansLocale(),
  ],
  // Content Releases and scheduled drafts publish without the review workflow's 发布 action: switched off.
  releases: { enabled: false },
  scheduledDrafts: { enabled: false },
  scheduledPublishing: { enabled: false },
  schema: {
    types: schemaTypes,
    // Site settings is one document and review records are written by actions: neither is in the "new" menu.
    templates: (templates) => templates.filter((t) => !SINGLETONS.has(t.schemaType) && !ACTION_ONLY.has(t.schemaType)),
  },
  document: {
    // Only administrators may add a reviewer profile.
    newDocumentOptions: (prev, { currentUser }) =>
      isAdministrator(currentUser) ? prev : prev.filter((t) => !ADMIN_ONLY.has(t.templateId)),
    actions: (actions, ctx) => {
      if (ACTION_ONLY.has(ctx.schemaType)) return [];
      if (ADMIN_ONLY.has(ctx.schemaType) && !isAdministrator(ctx.currentUser)) return [];
      if (SINGLETONS.has(ctx.schemaType))
        return actions.filter((a) => a.action !== 'duplicate' && a.action !== 'delete');
      // Health documents go through medical review before they are published (cms/workflow).
      return isHealthType(ctx.schemaType) ? healthDocumentActions(actions) : actions;
    },
    badges: (badges, ctx) => (isHealthType(ctx.schemaType) ? [...badges, ReviewStateBadge, OverdueBadge] : badges),
  },
});
