/**
 * Reading preferences kept on the device: text size, high contrast, simple mode (长辈版) and pinyin.
 * The same keys and values are read by the tiny inline script in the page head (PREPAINT_SCRIPT below, inlined by BaseLayout.astro),
 * which applies them as attributes on <html> before first paint, and by the header controls.
 */
export const TEXT_SIZES = ['standard', 'large', 'extra'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export const PREF_KEYS = {
  size: 'hc:size',
  contrast: 'hc:contrast',
  simple: 'hc:simple',
  pinyin: 'hc:pinyin',
} as const;

export function parseSize(value: string | null | undefined): TextSize {
  return (TEXT_SIZES as readonly string[]).includes(value ?? '') ? (value as TextSize) : 'standard';
}

/**
 * The size to show: the stored choice, else "large" in simple mode (the elder version's main text is at least
 * 24 px, MIIT 2021), else standard.
 */
export function effectiveSize(stored: string | null | undefined, simple: boolean): TextSize {
  if ((TEXT_SIZES as readonly string[]).includes(stored ?? '')) return stored as TextSize;
  return simple ? 'large' : 'standard';
}

/** Stored on/off flags are '1' or absent. */
export function parseFlag(value: string | null | undefined): boolean {
  return value === '1';
}

/**
 * The head script, as a string so it can be inlined (it must run before the body paints, so it cannot be a
 * module). It mirrors effectiveSize/parseFlag above; tests run it against a fake document and storage.
 * A page that is itself the simple home passes simple=true through data-simple-page on <html>.
 */
export const PREPAINT_SCRIPT = `(function(d){d.setAttribute('data-js','');try{var s=localStorage,z=s.getItem('${PREF_KEYS.size}'),m=s.getItem('${PREF_KEYS.simple}')==='1'||d.hasAttribute('data-simple-page');if(m)d.setAttribute('data-simple','');if(z!=='standard'&&z!=='large'&&z!=='extra')z=m?'large':'standard';if(z!=='standard')d.setAttribute('data-size',z);if(s.getItem('${PREF_KEYS.contrast}')==='1')d.setAttribute('data-contrast','high');if(s.getItem('${PREF_KEYS.pinyin}')==='1')d.setAttribute('data-pinyin','')}catch(e){}})(document.documentElement)`;
