/**
 * Which characters are Simplified-only: written one way in Simplified Chinese and never in Traditional text.
 *
 * Defined from OpenCC's own dictionaries (opencc-js), so it agrees with the converter the site uses:
 *   a character is Simplified-only when OpenCC's Simplified→Traditional character table converts it (it is a key
 *   of STCharacters) AND it never appears on the Traditional side of any OpenCC table (a value of STCharacters,
 *   STPhrases or the Taiwan / Hong Kong variant and phrase tables, or a key of TSCharacters or TSPhrases).
 * So 发, 区, 动, 场 count; 后, 干, 里, 台, 准, 面, 系 (characters both scripts use, depending on the word) do not,
 * nor 群 or 峰 (OpenCC's standard form is 羣, 峯, but Taiwan and Hong Kong write 群, 峰).
 */
import STCharacters from 'opencc-js/dict/STCharacters';
import STPhrases from 'opencc-js/dict/STPhrases';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import TWVariants from 'opencc-js/dict/TWVariants';
import HKVariants from 'opencc-js/dict/HKVariants';
import TWPhrases from 'opencc-js/dict/TWPhrases';
import HKPhrases from 'opencc-js/dict/HKPhrases';

const entries = (dict: string) => dict.split('|').map((e) => e.split(' '));

let simplifiedOnly: Set<string> | undefined;

function table(): Set<string> {
  if (simplifiedOnly) return simplifiedOnly;
  const traditional = new Set<string>();
  const targets = [STCharacters, STPhrases, TWVariants, HKVariants, TWPhrases, HKPhrases].flatMap(entries);
  for (const [, ...values] of targets) {
    for (const v of values) for (const ch of v) traditional.add(ch);
  }
  for (const [key] of [...entries(TSCharacters), ...entries(TSPhrases)]) for (const ch of key) traditional.add(ch);
  simplifiedOnly = new Set(
    entries(STCharacters)
      .map(([k]) => k)
      .filter((k) => !traditional.has(k)),
  );
  return simplifiedOnly;
}

/** True when `ch` (one character) is only ever written in Simplified Chinese. */
export function isSimplifiedOnly(ch: string): boolean {
  return table().has(ch);
}

/** The Simplified-only characters of a text, in order (with repeats). */
export function simplifiedOnlyChars(text: string): string[] {
  const t = table();
  const out: string[] = [];
  for (const ch of text) if (t.has(ch)) out.push(ch);
  return out;
}
