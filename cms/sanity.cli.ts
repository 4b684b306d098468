import { defineCliConfig } from 'sanity/cli';
import { dataset, projectId } from './env.ts';

export default defineCliConfig({
  api: { projectId, dataset },
  // `npx sanity deploy` publishes the Studio at https://<studioHost>.sanity.studio
  studioHost: process.env.SANITY_STUDIO_HOST || undefined,
  typegen: {
    path: ['../src/content/sanity/**/*.ts'],
    schema: './schema.json',
    generates: '../src/content/sanity/sanity.types.ts',
    overloadClientMethods: false,
  },
});
