/** Sanity CDN images: sized from the asset path, never upscaled, with width and height for no layout shift. */
import { describe, expect, it } from 'vitest';
import { isRemote, remoteImage } from '../../src/lib/media/remote.ts';

const SRC = `https://cdn.sanity.io/images/p1/production/${'c'.repeat(40)}-1600x1200.jpg?w=1200&h=900&auto=format`;

describe('remoteImage', () => {
  it('tells CDN URLs from content/ paths', () => {
    expect(isRemote(SRC)).toBe(true);
    expect(isRemote('media/families/x.jpg')).toBe(false);
  });

  it('makes a srcset at the widths that fit, keeping the aspect ratio', () => {
    const img = remoteImage(SRC, [400, 800, 2400]);
    expect(img.width).toBe(800);
    expect(img.height).toBe(600);
    expect(img.srcset.split(', ').map((s) => s.split(' ')[1])).toEqual(['400w', '800w']);
    expect(img.src).toContain('w=800&h=600&auto=format');
  });

  it('uses the original width when every asked width is larger', () => {
    expect(remoteImage(SRC, [3000])).toMatchObject({ width: 1600, height: 1200 });
  });
});
