import { z } from 'zod';
import { idSchema, localizedStringSchema } from './common.ts';

/** 主题: what a piece of content is about. */
export const topicSchema = z.strictObject({
  id: idSchema,
  name: localizedStringSchema,
  description: localizedStringSchema,
  icon: z.string().min(1),
  order: z.number().int(),
});
export type Topic = z.infer<typeof topicSchema>;
