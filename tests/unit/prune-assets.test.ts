/** The image files nothing refers to (src/integrations/prune-assets.ts): names read from bytes, as the text scan read them. */
import { describe, expect, it } from 'vitest';
import { assetReferences } from '../../src/integrations/prune-assets.ts';

/** What the scan did before it read bytes: a global regular expression over the decoded text. */
const byRegex = (text: string) => new Set([...text.matchAll(/_astro\/([^"'\s)?#,&\\]+)/g)].map((m) => m[1]));

const read = (text: string) => {
  const out = new Set<string>();
  assetReferences(Buffer.from(text, 'utf8'), out);
  return out;
};

describe('assetReferences', () => {
  it('finds the names a page, a stylesheet or a JSON file refers to', () => {
    const html =
      '<img src="/_astro/a.CW--fjbQ_Z1amx3.avif" srcset="/_astro/b.avif 1x, /_astro/c.avif 2x"><div style="background:url(/_astro/d.png)">' +
      '{"img":"/_astro/e.jpg?v=1#x","alt":"\\/_astro\\/f.webp"}';
    expect(read(html)).toEqual(new Set(['a.CW--fjbQ_Z1amx3.avif', 'b.avif', 'c.avif', 'd.png', 'e.jpg']));
  });

  it('reads the same names as the regular expression, Unicode spaces and letters included', () => {
    for (const text of [
      '_astro/a_astro/b.avif x',
      '_astro/"_astro/c.png',
      'url(_astro/d\u3000e.png) _astro/g\u00a0h.png',
      '_astro/图片.png?x _astro/é.jpg',
      '_astro/',
      'x _astro/f.png\\n',
      '_astro/\u3000_astro/i.png',
    ])
      expect(read(text)).toEqual(byRegex(text));
  });
});
