/** A text a citizen reads, in every language of the bot (French first): the shape every data file uses. */
import { z } from 'zod';

export const LocalizedText = z
  .object({
    fr: z.string().trim().min(1, 'French text is empty'),
    en: z.string().trim().min(1, 'English text is empty'),
  })
  .strict()
  .describe('A text a citizen reads: French (easy-to-read) first, then English.');
export type LocalizedText = z.infer<typeof LocalizedText>;
