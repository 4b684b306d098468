/**
 * Where the Studio reads and writes: the Sanity project and dataset, from the environment
 * (cms/.env or the shell). `sanity build` works without them (CI has no Sanity account), using a placeholder
 * project ID that no real project has; `sanity dev` and `sanity deploy` need the real values.
 */
export const PLACEHOLDER_PROJECT_ID = 'set-project-id';

function read(name: string): string | undefined {
  // process.env in the CLI; Vite replaces process.env.SANITY_STUDIO_* in the Studio bundle.
  const value = typeof process !== 'undefined' ? process.env[name] : undefined;
  return value && value.trim() ? value.trim() : undefined;
}

export const projectId = read('SANITY_STUDIO_PROJECT_ID') ?? PLACEHOLDER_PROJECT_ID;
export const dataset = read('SANITY_STUDIO_DATASET') ?? 'production';
export const hasProject = projectId !== PLACEHOLDER_PROJECT_ID;
/**
 * The preview site (a build or `astro dev` with CONTENT_SOURCE=sanity SANITY_PERSPECTIVE=drafts, see docs/sanity.md, "Preview"):
 * the 预览 action opens <this>/articles/<slug>/. Unset: the action says so.
 */
export const previewUrl = read('SANITY_STUDIO_PREVIEW_URL');

/**
 * The placeholder only matters where the Studio is used or built for deployment: `sanity dev`, `sanity start`,
 * `sanity deploy`, and `sanity build` except when npm test builds it only to check that it builds
 * (SANITY_STUDIO_BUILD_CHECK=1). Schema extraction and typegen, and the Studio bundle itself, stay quiet.
 */
const command = typeof process !== 'undefined' && Array.isArray(process.argv) ? process.argv.slice(2) : [];
const forDeployment =
  command.some((a) => a === 'deploy' || a === 'dev' || a === 'start') ||
  (command.includes('build') && read('SANITY_STUDIO_BUILD_CHECK') !== '1');

if (!hasProject && forDeployment) {
  console.warn(
    'SANITY_STUDIO_PROJECT_ID is not set: the Studio is built with a placeholder project and cannot load content. ' +
      'Copy cms/.env.example to cms/.env and fill in the project ID from sanity.io/manage.',
  );
}
