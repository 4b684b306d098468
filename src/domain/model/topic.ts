import type { z } from 'zod';
import { audienceSchema } from './audience.ts';

/** 主题: what a piece of content is about; a taxonomy of the same shape as the audiences. */
export const topicSchema = audienceSchema;
export type Topic = z.infer<typeof topicSchema>;
