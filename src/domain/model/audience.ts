import { z } from 'zod';
import { idSchema, localizedStringSchema } from './common.ts';

/** 分众: who a piece of content is for. */
export const audienceSchema = z.strictObject({
  id: idSchema,
  name: localizedStringSchema,
  description: localizedStringSchema,
  /** Name of an inline SVG icon in src/components/icons. */
  icon: z.string().min(1),
  order: z.number().int(),
});
export type Audience = z.infer<typeof audienceSchema>;
