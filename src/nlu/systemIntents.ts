/**
 * The system intents' file (dialogs/_system-intents.yaml): intents that are not guides (a mediator, help nearby,
 * erasure…) with their titles, phrasings and keywords, the "nothing fits" samples and the routing synonyms.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { SYSTEM_INTENTS } from './router';

const List = z.object({ fr: z.array(z.string().min(1)), en: z.array(z.string().min(1)) }).strict();

const SystemIntentsFile = z
  .object({
    intents: z.record(
      z.enum(SYSTEM_INTENTS),
      z
        .object({
          title: z.object({ fr: z.string(), en: z.string() }).strict(),
          phrasings: List,
          keywords: List.optional(),
        })
        .strict(),
    ),
    none: List.optional(),
    synonyms: z
      .object({ fr: z.record(z.string(), z.array(z.string().min(1))), en: z.record(z.string(), z.array(z.string().min(1))) })
      .partial()
      .optional(),
  })
  .strict();
export type SystemIntents = z.infer<typeof SystemIntentsFile>;

/** Read and check the system-intents file (dialogs/_system-intents.yaml). */
export function loadSystemIntents(file: string): SystemIntents {
  const parsed = SystemIntentsFile.safeParse(parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`${file}: ${issues}`);
  }
  return parsed.data;
}

export const NONE = 'none';

/** Name of the system-intents file in the dialogs folder. */
export const SYSTEM_INTENTS_FILE = '_system-intents.yaml';
