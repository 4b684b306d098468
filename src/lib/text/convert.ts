/**
 * Simplified → Traditional conversion with OpenCC (opencc-js), at build time only.
 * Taiwan standard forms for zh-hant pages, Hong Kong forms where Cantonese readers fall back.
 */
import { Converter } from 'opencc-js';

type Variant = 'tw' | 'hk';
const converters = new Map<Variant, (s: string) => string>();

export function toTraditional(text: string, variant: Variant = 'tw'): string {
  let c = converters.get(variant);
  if (!c) {
    c = Converter({ from: 'cn', to: variant });
    converters.set(variant, c);
  }
  return c(text);
}
