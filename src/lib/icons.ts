/**
 * The site's icons (24×24, stroked, decorative) as one SVG sprite served at /icons.svg?v=<hash>: each page
 * refers to the icons it shows with <use href>, so the drawings are downloaded once and cached (immutable, the
 * hash changes when an icon does) instead of being repeated in every page's HTML.
 */
import { createHash } from 'node:crypto';

export const ICON_PATHS: Record<string, string> = {
  elder:
    'M12 5.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM9 22l1.5-7L9 12V9.5A2.5 2.5 0 0 1 11.5 7h1A2.5 2.5 0 0 1 15 9.5V14m-1 8-1.5-6M18 11v11M15 14h3',
  child: 'M12 6a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM7 10l5-2 5 2M12 8v6m-3 8 3-8 3 8',
  mother:
    'M10 5a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM7 22l1-8-1-3a3 3 0 0 1 3-4h0a3 3 0 0 1 3 3v2M16 15a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM12 22l1-4h6l1 4',
  worker: 'M3 8h18v12H3zM8 8V5a1 1 0 0 1 1-1h6a1 1 0 0 1 1 1v3M3 13h18',
  heart: 'M12 21s-8-5.3-8-11a4.5 4.5 0 0 1 8-2.8A4.5 4.5 0 0 1 20 10c0 5.7-8 11-8 11zM6 12h3l1.5-3 2 5 1.5-2h4',
  carer: 'M8 6a2 2 0 1 0 0-4 2 2 0 0 0 0 4zM8 8v6h4l2 7M8 14l-2 7M17 13a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM12 10h5',
  bowl: 'M3 11h18a9 9 0 0 1-18 0zM8 7c0-2 2-2 2-4M13 7c0-2 2-2 2-4M9 20h6',
  run: 'M14 4.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zM6 21l3.5-5 3 2V13l-3-3 3-2 2 3h3M9 9l-2 3',
  nosmoke: 'M3 14h13v3H3zM19 14v3M3 3l18 18M17 5c2 1 2 4 0 5',
  mind: 'M9 3a4 4 0 0 0-4 4 4 4 0 0 0-1 7 4 4 0 0 0 5 5h6a4 4 0 0 0 5-5 4 4 0 0 0-1-7 4 4 0 0 0-4-4 3 3 0 0 0-6 0zM12 3v16',
  pulse: 'M3 12h4l2-6 4 12 2-6h6',
  shield: 'M12 2 4 5v6c0 5 3.4 9.5 8 11 4.6-1.5 8-6 8-11V5zM9 12l2 2 4-4',
  leaf: 'M5 19C5 9 11 4 20 4c0 9-5 15-15 15zM5 19l8-8',
  aid: 'M4 7h16v13H4zM9 7V4h6v3M12 10v7M8.5 13.5h7',
  pill: 'M10.5 3.5a5 5 0 0 1 7 7l-7 7a5 5 0 0 1-7-7zM7 7l7 7',
  eye: 'M2 12s4-7 10-7 10 7 10 7-4 7-10 7S2 12 2 12zM12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  moon: 'M20 14.5A8 8 0 0 1 9.5 4a8 8 0 1 0 10.5 10.5z',
  calendar: 'M4 5h16v16H4zM4 10h16M9 3v4M15 3v4',
  pin: 'M12 22s7-6.5 7-12a7 7 0 0 0-14 0c0 5.5 7 12 7 12zM12 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z',
  phone: 'M5 3h4l2 5-2.5 1.5a11 11 0 0 0 6 6L16 13l5 2v4a2 2 0 0 1-2 2A17 17 0 0 1 3 5a2 2 0 0 1 2-2z',
  users: 'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 21a7 7 0 0 1 14 0M16 4a3.5 3.5 0 0 1 0 7M18 14a6 6 0 0 1 4 7',
  award: 'M12 15a6 6 0 1 0 0-12 6 6 0 0 0 0 12zM8.5 14 7 22l5-3 5 3-1.5-8',
  home: 'M3 11 12 3l9 8M5 10v11h14V10M10 21v-6h4v6',
  book: 'M4 4h6a2 2 0 0 1 2 2v15a2 2 0 0 0-2-2H4zM20 4h-6a2 2 0 0 0-2 2v15a2 2 0 0 1 2-2h6z',
  check: 'M4 12l5 5L20 6',
  menu: 'M4 6h16M4 12h16M4 18h16',
  search: 'M10.5 18a7.5 7.5 0 1 0 0-15 7.5 7.5 0 0 0 0 15zM16 16l5 5',
  text: 'M3 19 8 5l5 14M4.8 14h6.4M14 19l3.5-9 3.5 9M15.2 16h4.6',
  contrast: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM12 3v18M12 7h5M12 11h8M12 15h7',
  speaker: 'M4 9h4l5-4v14l-5-4H4zM16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12',
  play: 'M7 4.5v15l12-7.5z',
  pause: 'M7 4h3.5v16H7zM13.5 4H17v16h-3.5z',
  stop: 'M6 6h12v12H6z',
  quiz: 'M9 3h6v3H9zM6 5h3M15 5h3v16H6V5M9 11l1.5 1.5L13 10M9 16.5l1.5 1.5L13 15.5',
  pinyin: 'M4 9h6M7 6v8M4 20h16M14 6l3 3 3-3M17 9v5',
  globe: 'M12 22a10 10 0 1 0 0-20 10 10 0 0 0 0 20zM2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20',
  arrow: 'M5 12h14M13 6l6 6-6 6',
  alert: 'M12 3 2 21h20zM12 10v5M12 18v.01',
  source: 'M6 3h9l4 4v14H6zM14 3v5h5M9 13h7M9 17h7',
  download: 'M12 3v12M7 10l5 5 5-5M4 19h16',
};

/** The stroke every icon is drawn with; on each symbol, so the <svg> in a page carries only its size. */
export const ICON_STROKE =
  'fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round"';

/** The sprite: one <symbol id="i-<name>"> per icon, drawn in the current text colour. */
export function iconSprite(): string {
  const symbols = Object.entries(ICON_PATHS).map(
    ([name, d]) => `<symbol id="i-${name}" viewBox="0 0 24 24" ${ICON_STROKE}><path d="${d}"/></symbol>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg">${symbols.join('')}</svg>`;
}

/** Short content hash of the sprite, for the cache-busting ?v= parameter. */
export const ICONS_VERSION = createHash('sha256').update(iconSprite()).digest('hex').slice(0, 10);

/** The URL of one icon in the sprite; unknown names fall back to the book icon. */
export function iconHref(name: string): string {
  return `/icons.svg?v=${ICONS_VERSION}#i-${name in ICON_PATHS ? name : 'book'}`;
}
