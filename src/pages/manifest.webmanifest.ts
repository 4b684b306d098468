/** The web app manifest (Simplified Chinese, the site's default), from site settings. */
import type { APIRoute } from 'astro';
import { getSite } from '../content/queries.ts';
import { useT } from '../i18n/t.ts';
import { webManifest } from '../lib/offline/manifest.ts';

export const GET: APIRoute = async () => {
  const site = await getSite();
  const t = useT('zh-hans');
  const body = webManifest({
    name: `${site.communityName['zh-hans']} · ${site.centreName['zh-hans']}`,
    shortName: site.communityName['zh-hans'],
    description: site.tagline['zh-hans'],
    shortcuts: [
      { name: t('nav.events'), url: '/events/' },
      { name: t('selfCheck.title'), url: '/self-check/' },
    ],
  });
  return new Response(JSON.stringify(body, null, 2), { headers: { 'Content-Type': 'application/manifest+json' } });
};
