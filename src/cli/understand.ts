/**
 * `pasapas understand [--locale fr|en] [--dialogs DIR]`: what the free-text router makes of each line.
 * Reads one utterance per line and writes one JSON object per line (same order, blank lines included):
 * {"text","intent","score","alternatives":[{"intent","score"}, ...]} — alternatives best first.
 */
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { loadGuides } from '../guides/loader';
import { LOCALES, type Locale } from '../i18n/locale';
import { DIALOGS_DIR } from '../paths';
import { FuzzyRouter, SYSTEM_INTENTS_FILE } from '../nlu/fuzzyRouter';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function runUnderstand(
  args: string[],
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<number> {
  const locale = (option(args, '--locale') ?? 'fr') as Locale;
  if (!(LOCALES as readonly string[]).includes(locale)) {
    process.stderr.write(`understand: unknown locale "${locale}" (use ${LOCALES.join(' or ')})\n`);
    return 2;
  }
  const dialogs = option(args, '--dialogs') ?? DIALOGS_DIR;
  const { catalog, problems } = loadGuides(dialogs);
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors > 0) process.stderr.write(`understand: ${errors} guide problem(s); run "pasapas validate"\n`);
  const router = new FuzzyRouter(catalog, join(dialogs, SYSTEM_INTENTS_FILE));
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  for await (const line of rl) {
    const r = router.route(line, locale);
    const alternatives = r.alternatives.map(({ intent, score }) => ({ intent, score }));
    output.write(`${JSON.stringify({ text: line, intent: r.intent, score: r.score, alternatives })}\n`);
  }
  return 0;
}
