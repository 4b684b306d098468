import { z } from 'zod';
import { idSchema, localizedStringSchema } from './common.ts';

/**
 * 分众: who a piece of content is for. A topic (主题, topic.ts) has the same shape: an id, its name and
 * description in every locale, an icon and its place in the list.
 */
export const audienceSchema = z.strictObject({
  id: idSchema,
  name: localizedStringSchema,
  description: localizedStringSchema,
  /** Name of an icon in the site's sprite (src/lib/icons.ts). */
  icon: z.string().min(1),
  order: z.number().int(),
});
export type Audience = z.infer<typeof audienceSchema>;
