/** The web app manifest, built from site settings (pure, so a test can check every required member). */

export const THEME_COLOUR = '#005a4e';
export const BACKGROUND_COLOUR = '#f4f7f6';

export interface IconSpec {
  /** File name under /icons/. */
  name: string;
  size: number;
  maskable: boolean;
}
/** 192 and 512 for launchers and the splash screen; a maskable 512 with the mark inside the safe zone. */
export const ICONS: IconSpec[] = [
  { name: 'icon-192', size: 192, maskable: false },
  { name: 'icon-512', size: 512, maskable: false },
  { name: 'maskable-512', size: 512, maskable: true },
];

export interface ManifestInput {
  name: string;
  shortName: string;
  description: string;
  shortcuts: { name: string; url: string }[];
}

export function webManifest(m: ManifestInput) {
  return {
    id: '/',
    name: m.name,
    short_name: m.shortName,
    description: m.description,
    lang: 'zh-Hans',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    theme_color: THEME_COLOUR,
    background_color: BACKGROUND_COLOUR,
    categories: ['health', 'medical', 'education'],
    icons: ICONS.map((i) => ({
      src: `/icons/${i.name}.png`,
      sizes: `${i.size}x${i.size}`,
      type: 'image/png',
      purpose: i.maskable ? 'maskable' : 'any',
    })),
    shortcuts: m.shortcuts.map((s) => ({
      name: s.name,
      short_name: s.name,
      url: s.url,
      icons: [{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' }],
    })),
  };
}

/**
 * The app icon as SVG: the site's heart-and-pulse mark on the theme colour. A maskable icon keeps the mark
 * within the central 80% circle (the safe zone) on a full-bleed background.
 */
export function iconSvg(size: number, maskable: boolean): string {
  const mark = maskable ? 0.56 : 0.8;
  const offset = (size * (1 - mark)) / 2;
  const s = (size * mark) / 64;
  const bg = maskable
    ? `<rect width="${size}" height="${size}" fill="${THEME_COLOUR}"/>`
    : `<rect width="${size}" height="${size}" rx="${size * 0.22}" fill="${THEME_COLOUR}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">${bg}<g transform="translate(${offset} ${offset}) scale(${s})"><path d="M32 56S6 40 6 22a13 13 0 0 1 26-5 13 13 0 0 1 26 5c0 18-26 34-26 34z" fill="#fff"/><path d="M14 28h10l4-8 6 14 4-6h12" fill="none" stroke="${THEME_COLOUR}" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/></g></svg>`;
}
