import { z } from 'zod';

/** A word as a resident types it or a page says it: one term, no list separators, at most 24 characters. */
const termSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(24, 'at most 24 characters: one term, not a sentence')
  .refine((s) => !/[,，、;；|\n]/.test(s), 'one term per entry: write each word as its own list item');

/**
 * 同义词: lay words residents search with (`say`) and the words pages use for the same thing (`means`). Search
 * finds a page that says any of `means` when a reader types any of `say` (one way: typing 跌倒 does not bring
 * up what says 骨质疏松). Kept as content (content/search/synonyms.yaml) so editors extend it.
 */
export const synonymSchema = z
  .strictObject({
    say: z.array(termSchema).min(1, 'needs at least one lay word'),
    means: z.array(termSchema).min(1, 'needs at least one word the pages use'),
    /** Why the pair holds, for the next editor (not shown). */
    note: z.string().optional(),
  })
  .superRefine((s, ctx) => {
    const means = new Set(s.means.map((m) => m.toLowerCase()));
    s.say.forEach((w, i) => {
      if (means.has(w.toLowerCase()))
        ctx.addIssue({
          code: 'custom',
          path: ['say', i],
          message: `"${w}" is in means too: a word cannot stand for itself`,
        });
    });
  });
export type Synonym = z.infer<typeof synonymSchema>;
