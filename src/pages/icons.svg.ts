/** /icons.svg: the icon sprite (src/lib/icons.ts); pages ask for it as /icons.svg?v=<hash>, cached for good. */
import type { APIRoute } from 'astro';
import { iconSprite } from '../lib/icons.ts';

export const GET: APIRoute = () => new Response(iconSprite(), { headers: { 'Content-Type': 'image/svg+xml' } });
