/**
 * The cases of the conversation-level evaluation (issue #12): their schema (a category, a starting language and
 * channel, the turns, the markers expected in the last reply and why the case matters) and their loading from
 * test/eval/conversation/{tune,heldout}/*.yaml, with the problems found (schema, duplicate ids).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ROOT } from '../paths';

export const CATEGORIES = [
  'person',
  'scam',
  'feelings',
  'own-words',
  'dead-end',
  'whatis',
  'english',
  'context',
  'places-numbers',
  'first-message',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const PARTS = ['tune', 'heldout'] as const;
export type Part = (typeof PARTS)[number];

export const CHANNELS = ['terminal', 'sms', 'webchat'] as const;
export type EvalChannel = (typeof CHANNELS)[number];

/** Where the cases live. */
export const DEFAULT_CASES_DIR = join(ROOT, 'test', 'eval', 'conversation');

const Marker = z.string().min(1, 'empty marker');

export const Expect = z
  .object({
    /** At least one of these is in the reply. */
    any: z.array(Marker).min(1).optional(),
    /** Several "any": each group has at least one marker in the reply (e.g. a kind sentence AND a next step). */
    anyOf: z.array(z.array(Marker).min(1)).min(1).optional(),
    /** Every one of these is in the reply. */
    all: z.array(Marker).min(1).optional(),
    /** None of these is in the reply. */
    none: z.array(Marker).min(1).optional(),
    /** The reply differs from the reply to the turn before (a re-ask never repeats itself). */
    differsFromPrevious: z.boolean().optional(),
  })
  .strict()
  .refine((e) => e.any !== undefined || e.anyOf !== undefined || e.all !== undefined || e.differsFromPrevious === true, {
    message: 'expect needs positive evidence: "any", "anyOf", "all" or "differsFromPrevious"',
  });
export type Expect = z.infer<typeof Expect>;

export const EvalCase = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    category: z.enum(CATEGORIES),
    /** The citizen's language setting at the start (the territory's default language). */
    locale: z.enum(['fr', 'en']).default('fr'),
    channel: z.enum(CHANNELS).default('terminal'),
    /** The bot's clock at the first turn (ISO 8601 with an offset). */
    date: z.iso.datetime({ offset: true }).optional(),
    /** A mediator is on duty in the territory. */
    onDuty: z.boolean().default(false),
    turns: z.array(z.union([z.string(), z.number()]).transform(String)).min(1),
    expect: Expect,
    why: z.string().trim().min(10, 'say why this case matters'),
  })
  .strict()
  .refine((c) => !c.expect.differsFromPrevious || c.turns.length >= 2, {
    message: 'differsFromPrevious needs at least 2 turns',
  });
export type EvalCase = z.infer<typeof EvalCase>;
export type EvalCaseInput = z.input<typeof EvalCase>;

export interface LoadedCase extends EvalCase {
  part: Part;
  /** The file, relative to the cases folder. */
  file: string;
}

/** Every case of `dir/tune/*.yaml` and `dir/heldout/*.yaml`, with the problems found (schema, duplicate ids). */
export function loadCases(dir: string = DEFAULT_CASES_DIR): { cases: LoadedCase[]; problems: string[] } {
  const cases: LoadedCase[] = [];
  const problems: string[] = [];
  for (const part of PARTS) {
    const folder = join(dir, part);
    if (!existsSync(folder)) {
      problems.push(`${relative(ROOT, folder) || folder}: missing folder`);
      continue;
    }
    for (const name of readdirSync(folder).filter((f) => f.endsWith('.yaml')).sort()) {
      const file = join(folder, name);
      const rel = `${part}/${name}`;
      let doc: unknown;
      try {
        doc = parse(readFileSync(file, 'utf8')) ?? [];
      } catch (err) {
        problems.push(`${rel}: ${(err as Error).message}`);
        continue;
      }
      if (!Array.isArray(doc)) {
        problems.push(`${rel}: a case file is a YAML list of cases`);
        continue;
      }
      doc.forEach((raw, i) => {
        const parsed = EvalCase.safeParse(raw);
        const label = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : `#${i + 1}`;
        if (!parsed.success) {
          for (const issue of parsed.error.issues) problems.push(`${rel}: ${label}: ${issue.path.join('.') || '(case)'}: ${issue.message}`);
          return;
        }
        cases.push({ ...parsed.data, part, file: rel });
      });
    }
  }
  const seen = new Map<string, string>();
  for (const c of cases) {
    const other = seen.get(c.id);
    if (other) problems.push(`${c.file}: ${c.id}: duplicate id (also in ${other})`);
    else seen.set(c.id, c.file);
  }
  return { cases, problems };
}
