/**
 * The shape of a guide file in dialogs/ (one YAML file per formality).
 *
 * A guide is data, run by one engine (GuideDialog). This zod schema is the single source of truth:
 * the loader validates every file with it at startup, `pasapas validate` reports its errors, and
 * `pasapas schema` turns it into dialogs/guide.schema.json so editors autocomplete guide files.
 */
import { z } from 'zod';

import { LOCALES, type Locale } from '../i18n/locale';
import { COOP_THEMES } from './themes';

export { LOCALES, type Locale };

import { LocalizedText } from '../i18n/localized';

export { LocalizedText };

const LocalizedList = z
  .object({ fr: z.array(z.string().trim().min(1)), en: z.array(z.string().trim().min(1)) })
  .strict();

const StepId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes')
  .describe('Step identifier, unique in the guide; used by goto and kept in saved state.');

/**
 * Where an answer leads: `next` (the step's next), `end` (guide finished), `handoff` (to a human
 * mediator, with the guide and step), `menu` (leave the guide), or the id of a step of this guide.
 */
export const Goto = z
  .string()
  .regex(/^(guide:)?[a-z0-9][a-z0-9-]*$/)
  .describe(
    '"next", "end", "handoff", "menu", "places" (the 3 nearest help places, then back to this step), a step id of this guide, or "guide:<id>" (leave this guide and start that one, e.g. guide:arnaque).',
  );
/** `guide:<id>`: leave this guide and start another one. */
export const GUIDE_GOTO_PREFIX = 'guide:';
export const RESERVED_GOTO = ['next', 'end', 'handoff', 'menu', 'places'] as const;

export const Link = z
  .object({
    url: z.url({ protocol: /^https$/, error: 'links must be https URLs' }),
    label: LocalizedText.optional(),
  })
  .strict();

/** "28-15": from the 28th to the 15th of the next month; "4-6": April to June (Paris time, wraps around). */
const Range = (max: number, what: string) =>
  z
    .string()
    .regex(/^\d{1,2}-\d{1,2}$/, `expected "first-last" ${what}, e.g. "28-15"`)
    .refine((r) => r.split('-').map(Number).every((n) => n >= 1 && n <= max), `${what} between 1 and ${max}`);

export const When = z
  .object({
    days: Range(31, 'days of the month').optional().describe('Days of the month, e.g. "28-15" (the 28th to the 15th).'),
    months: Range(12, 'months').optional().describe('Months, e.g. "4-6" (April to June).'),
  })
  .strict()
  .refine((w) => w.days !== undefined || w.months !== undefined, 'give days or months');
export type When = z.infer<typeof When>;

export const Choice = z
  .object({
    label: LocalizedText.describe('Short button label (numbered on SMS).'),
    when: When.optional().describe(
      'Picked by itself when today (Paris) is in this range: the citizen is not asked what the date already says. Needs a `reply`.',
    ),
    goto: Goto,
    reply: LocalizedText.optional().describe('Said before going to the target.'),
    alsoMeans: LocalizedList.optional().describe(
      'Other ways a citizen may write this answer, in their own words ("on me l\'a volée", "achat", "c flou"): matched before "pas compris".',
    ),
  })
  .strict();
export type Choice = z.infer<typeof Choice>;

export const Step = z
  .object({
    id: StepId,
    branch: z
      .boolean()
      .default(false)
      .describe('A side step for a blocking point: not counted in "étape 2 sur 6", reached by goto only.'),
    title: LocalizedText.optional().describe('A few words naming the step (shown to mediators).'),
    text: LocalizedText.describe('One idea, short sentences.'),
    sms: LocalizedText.optional().describe('Shorter text for small screens and SMS (2 segments max).'),
    links: z.array(Link).default([]),
    help: LocalizedText.optional().describe('Said when the citizen answers "non" to the default check.'),
    check: z
      .object({
        question: LocalizedText.optional(),
        choices: z.array(Choice).min(1).max(5),
      })
      .strict()
      .optional()
      .describe('Custom answers; without it: "C\'est bon ? 1 oui, 2 non". "Je bloque" is always added.'),
    next: Goto.optional().describe('Where "oui" leads. Default: the following main step, or end.'),
  })
  .strict();
export type Step = z.infer<typeof Step>;

export const Need = z
  .object({
    text: LocalizedText,
    ifMissing: LocalizedText.optional().describe('What to do without it.'),
    guide: z.string().optional().describe('Id of a guide that helps get it (e.g. email-creer).'),
  })
  .strict();
export type Need = z.infer<typeof Need>;

export const Source = z
  .object({
    url: z.url({ protocol: /^https$/ }),
    title: z.string().optional(),
    checked: z.iso.date().describe('Date the page was last checked (YYYY-MM-DD).'),
  })
  .strict();

export const Guide = z
  .object({
    $schema: z.string().optional(),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
    version: z.int().min(1).describe('Increase when steps change: saved conversations restart politely.'),
    title: LocalizedText,
    theme: z
      .enum(COOP_THEMES)
      .describe(
        "The Coop de la médiation numérique's theme of this formality (an administrative theme such as argent_impots, or a digital skill such as email): the activity report (pasapas report --format coop-csv) names it. See docs/coop-report.md.",
      ),
    summary: LocalizedText.optional().describe('Two plain sentences: what this is (said for "c\'est quoi … ?" before offering to start).'),
    notices: z
      .array(z.object({ when: When, text: LocalizedText }).strict())
      .default([])
      .describe('Said at the start when today (Paris) is in the range: "La déclaration en ligne ouvre en avril" in November.'),
    intro: LocalizedText.optional().describe('Said first, before "Je vous aide pour : …" (e.g. condolences before a survivor\'s pension).'),
    phrasings: LocalizedList.describe('Sample sentences citizens write to start this guide (free-text router).'),
    keywords: LocalizedList.optional().describe('Words and synonyms that point to this guide.'),
    needs: z.array(Need).default([]).describe('"What you need" before starting, shown first.'),
    situations: z
      .array(
        z
          .object({
            means: LocalizedList.describe('How citizens say it: every word of one phrasing in the message (a one-word phrasing word for word).'),
            text: LocalizedText.optional().describe('What is true for them (said at any question of the guide, then the question again).'),
            goto: z
              .string()
              .optional()
              .describe('A step of this guide that is their own way ("je suis à la MSA" at the lost carte Vitale): said at any question, or in the messages that start the guide (with `first`), the guide goes there — before the prerequisites, which are not theirs.'),
            first: z.boolean().optional().describe('Said first in the message that starts the guide: this text instead of the guide (it does not apply), or with `goto` that step at once.'),
          })
          .strict()
          .refine((s) => s.text !== undefined || s.goto !== undefined, { message: 'a situation needs a `text` or a `goto`' }),
      )
      .default([])
      .describe('Who the citizen is or who it is for, when that changes the answer: "je suis à la retraite" at the actualisation, "et pour ma femme ?" at the Ameli attestation.'),
    steps: z.array(Step).min(1),
    done: LocalizedText.optional().describe('Said when the guide is finished.'),
    sources: z.array(Source).min(1),
  })
  .strict();
export type Guide = z.infer<typeof Guide>;
export type GuideInput = z.input<typeof Guide>;

/** JSON Schema of a guide file, for editors (committed as dialogs/guide.schema.json). */
export function guideJsonSchema(): unknown {
  return z.toJSONSchema(Guide, { io: 'input', unrepresentable: 'any' });
}

/** dialogs/_answers.yaml: everyday words that mean one of the guides' answers (see src/nlu/answerWords.ts). */
const AnswerWordGroup = z
  .object({
    words: z.array(z.string().min(1)).min(1).describe('Words or phrases in the message; "*" ends a word with any ending.'),
    with: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('The group counts only when one of these words is in the message too (a travel phrase WITH a country).'),
    means: z.array(z.string().min(1)).min(1).describe('What the message then also says: words of an answer label or alsoMeans.'),
  })
  .strict();

export const AnswerWordsFile = z
  .object({ fr: z.array(AnswerWordGroup).optional(), en: z.array(AnswerWordGroup).optional() })
  .strict();
