/** The icon sprite: every icon a page refers to is a symbol in /icons.svg, and the URL changes when it does. */
import { describe, expect, it } from 'vitest';
import { ICON_PATHS, ICON_STROKE, ICONS_VERSION, iconHref, iconSprite } from '../../src/lib/icons.ts';

describe('icon sprite', () => {
  it('has one symbol per icon, with its drawing', () => {
    const sprite = iconSprite();
    const ids = [
      ...sprite.matchAll(/<symbol id="i-([a-z]+)" viewBox="0 0 24 24" ([^>]+)><path d="([^"]+)"\/><\/symbol>/g),
    ];
    expect(ids.map((m) => m[1])).toEqual(Object.keys(ICON_PATHS));
    expect(ids.find((m) => m[1] === 'heart')?.[3]).toBe(ICON_PATHS.heart);
    // Drawn in the text colour (high contrast turns icons yellow-on-black with the text).
    expect(new Set(ids.map((m) => m[2]))).toEqual(new Set([ICON_STROKE]));
    expect(ICON_STROKE).toContain('stroke="currentColor"');
    expect(sprite.startsWith('<svg xmlns="http://www.w3.org/2000/svg">')).toBe(true);
  });

  it('links to a versioned sprite and falls back to the book icon for unknown names', () => {
    expect(ICONS_VERSION).toMatch(/^[0-9a-f]{10}$/);
    expect(iconHref('phone')).toBe(`/icons.svg?v=${ICONS_VERSION}#i-phone`);
    expect(iconHref('no-such-icon')).toBe(`/icons.svg?v=${ICONS_VERSION}#i-book`);
  });
});
