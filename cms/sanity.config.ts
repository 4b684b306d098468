/** The Sanity Studio where a health centre's editors write: same content model as the site (src/content/model). */
import { defineConfig } from 'sanity';
import { structureTool } from 'sanity/structure';
import { visionTool } from '@sanity/vision';
import { dataset, projectId } from './env.ts';
import { schemaTypes, SINGLETONS } from './schemaTypes/index.ts';
import { structure } from './structure/index.ts';

export default defineConfig({
  name: 'jiankang-shequ',
  title: '健康社区 · 内容编辑',
  projectId,
  dataset,
  plugins: [structureTool({ title: '内容', structure }), visionTool({ title: 'GROQ 查询' })],
  schema: {
    types: schemaTypes,
    // Site settings is one document: it cannot be created again from the "new document" menu.
    templates: (templates) => templates.filter((t) => !SINGLETONS.has(t.schemaType)),
  },
  document: {
    actions: (actions, ctx) =>
      SINGLETONS.has(ctx.schemaType) ? actions.filter((a) => a.action !== 'duplicate' && a.action !== 'delete') : actions,
  },
});
