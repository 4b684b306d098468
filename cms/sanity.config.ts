/** The Sanity Studio where a health centre's editors write: same content model as the site (src/domain/model). */
import { defineConfig } from 'sanity';
import { structureTool } from 'sanity/structure';
import { visionTool } from '@sanity/vision';
import { zhHansLocale } from '@sanity/locale-zh-hans';
import { dataset, projectId } from './env.ts';
import { schemaTypes, SINGLETONS } from './schemaTypes/index.ts';
import { structure } from './structure/index.ts';
import { healthDocumentActions, OverdueBadge, ReviewStateBadge } from './workflow/actions.tsx';
import { isHealthType } from './workflow/rules.ts';

export default defineConfig({
  name: 'jiankang-shequ',
  title: '健康社区 · 内容编辑',
  projectId,
  dataset,
  // The Studio's own interface in Simplified Chinese (our schema titles are Chinese already).
  plugins: [structureTool({ title: '内容', structure }), visionTool({ title: 'GROQ 查询' }), zhHansLocale()],
  schema: {
    types: schemaTypes,
    // Site settings is one document: it cannot be created again from the "new document" menu.
    templates: (templates) => templates.filter((t) => !SINGLETONS.has(t.schemaType)),
  },
  document: {
    actions: (actions, ctx) => {
      if (SINGLETONS.has(ctx.schemaType))
        return actions.filter((a) => a.action !== 'duplicate' && a.action !== 'delete');
      // Health documents go through medical review before they are published (cms/workflow).
      return isHealthType(ctx.schemaType) ? healthDocumentActions(actions) : actions;
    },
    badges: (badges, ctx) => (isHealthType(ctx.schemaType) ? [...badges, ReviewStateBadge, OverdueBadge] : badges),
  },
});
