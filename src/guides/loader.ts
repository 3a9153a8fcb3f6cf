/**
 * Loads every guide file of dialogs/ (YAML), validates it with the zod schema and the semantic
 * rules (ids, goto targets), and reports problems as `file: path: message` lines.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseDocument } from 'yaml';
import { GUIDE_GOTO_PREFIX, Guide, RESERVED_GOTO } from './schema';
import { GuideCatalog, indexGuide, type LoadedGuide } from './catalog';
import { AnswerWordsFile } from './schema';
import { compileFacts, FactsFile, NO_FACTS, type Fact, type Facts } from './facts';
import { compileAnswerWords, NO_ANSWER_WORDS, type AnswerWords } from '../nlu/answerWords';

import type { Problem } from '../text/problems';

export { formatProblem, type Problem } from '../text/problems';

export function guideFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('_'))
    .sort()
    .map((f) => join(dir, f));
}

/** Parse and check one guide file; returns the guide (if it parsed) and its problems. */
export function loadGuideFile(file: string): { guide?: LoadedGuide; problems: Problem[] } {
  const name = basename(file);
  const problems: Problem[] = [];
  const err = (path: string, message: string) => problems.push({ file: name, path, message, severity: 'error' });
  let raw: unknown;
  try {
    const doc = parseDocument(readFileSync(file, 'utf8'), { prettyErrors: true });
    if (doc.errors.length > 0) {
      for (const e of doc.errors) err('', `YAML: ${e.message.split('\n')[0]}`);
      return { problems };
    }
    raw = doc.toJS();
  } catch (e) {
    err('', `cannot read: ${(e as Error).message}`);
    return { problems };
  }
  const parsed = Guide.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) err(issue.path.join('.'), issue.message);
    return { problems };
  }
  const guide = parsed.data;
  if (basename(file).replace(/\.ya?ml$/, '') !== guide.id) err('id', `id "${guide.id}" must match the file name`);
  const ids = new Set<string>();
  guide.steps.forEach((s, i) => {
    if (ids.has(s.id)) err(`steps.${i}.id`, `duplicate step id "${s.id}"`);
    if ((RESERVED_GOTO as readonly string[]).includes(s.id)) err(`steps.${i}.id`, `"${s.id}" is reserved`);
    ids.add(s.id);
  });
  const checkTarget = (path: string, target: string | undefined) => {
    if (target?.startsWith(GUIDE_GOTO_PREFIX)) return; // another guide: checked by loadGuides
    if (target && !(RESERVED_GOTO as readonly string[]).includes(target) && !ids.has(target)) {
      err(path, `goto target "${target}" is not a step of this guide`);
    }
  };
  const reached = new Set<string>();
  guide.steps.forEach((s, i) => {
    checkTarget(`steps.${i}.next`, s.next);
    if (s.next) reached.add(s.next);
    s.check?.choices.forEach((c, j) => {
      checkTarget(`steps.${i}.check.choices.${j}.goto`, c.goto);
      reached.add(c.goto);
      if (c.when && !c.reply) err(`steps.${i}.check.choices.${j}.reply`, 'a choice picked by the date (`when`) needs a `reply` that says why');
    });
  });
  guide.situations.forEach((s, i) => {
    if (s.goto === undefined) return;
    if (!ids.has(s.goto)) err(`situations.${i}.goto`, `goto target "${s.goto}" is not a step of this guide`);
    reached.add(s.goto);
  });
  if (!guide.steps.some((s) => !s.branch)) err('steps', 'a guide needs at least one main (non-branch) step');
  guide.steps.forEach((s, i) => {
    if (s.branch && !reached.has(s.id)) {
      problems.push({ file: name, path: `steps.${i}`, message: `branch "${s.id}" is never reached`, severity: 'warning' });
    }
  });
  const hasErrors = problems.some((p) => p.severity === 'error');
  return { guide: hasErrors ? undefined : indexGuide(guide, file), problems };
}

/** Load a whole dialogs/ folder. Cross-guide references (needs.guide) are checked here. */
export function loadGuides(dir: string): { catalog: GuideCatalog; problems: Problem[] } {
  const problems: Problem[] = [];
  const loaded: LoadedGuide[] = [];
  for (const file of guideFiles(dir)) {
    const r = loadGuideFile(file);
    problems.push(...r.problems);
    if (r.guide) loaded.push(r.guide);
  }
  const ids = new Set(loaded.map((g) => g.guide.id));
  // A guide file with errors of its own still exists as a goto target (its errors are reported once, on it).
  const present = new Set([...ids, ...guideFiles(dir).map((f) => basename(f).replace(/\.ya?ml$/, ''))]);
  for (const g of loaded) {
    g.guide.needs.forEach((n, i) => {
      if (n.guide && !ids.has(n.guide)) {
        problems.push({
          file: basename(g.file),
          path: `needs.${i}.guide`,
          message: `guide "${n.guide}" does not exist (yet)`,
          severity: 'warning',
        });
      }
    });
    g.guide.steps.forEach((s, i) => {
      s.check?.choices.forEach((c, j) => {
        const other = c.goto.startsWith(GUIDE_GOTO_PREFIX) ? c.goto.slice(GUIDE_GOTO_PREFIX.length) : undefined;
        if (other !== undefined && !present.has(other)) {
          problems.push({
            file: basename(g.file),
            path: `steps.${i}.check.choices.${j}.goto`,
            message: `goto target "${c.goto}": guide "${other}" does not exist`,
            severity: 'error',
          });
        }
      });
      const next = s.next?.startsWith(GUIDE_GOTO_PREFIX) ? s.next.slice(GUIDE_GOTO_PREFIX.length) : undefined;
      if (next !== undefined && !present.has(next)) {
        problems.push({ file: basename(g.file), path: `steps.${i}.next`, message: `goto target "${s.next}": guide "${next}" does not exist`, severity: 'error' });
      }
    });
  }
  const answers = loadAnswerWords(join(dir, ANSWER_WORDS_FILE));
  problems.push(...answers.problems);
  const facts = loadFacts(join(dir, FACTS_FILE), answers.words);
  problems.push(...facts.problems);
  for (const [i, f] of facts.list.entries()) {
    for (const id of [...(f.guides ?? []), ...(f.offers ?? []), ...(f.guide ? [f.guide] : [])]) {
      if (!ids.has(id)) problems.push({ file: FACTS_FILE, path: `facts.${i}`, message: `guide "${id}" does not exist`, severity: 'error' });
    }
  }
  return { catalog: new GuideCatalog(loaded, answers.words, facts.facts), problems };
}

export const FACTS_FILE = '_facts.yaml';

/** The plain facts (optional file), checked with their schema. */
export function loadFacts(file: string, words?: AnswerWords): { facts: Facts; list: Fact[]; problems: Problem[] } {
  const none = { facts: NO_FACTS, list: [] as Fact[] };
  if (!existsSync(file)) return { ...none, problems: [] };
  const name = basename(file);
  try {
    const doc = parseDocument(readFileSync(file, 'utf8'));
    if (doc.errors.length > 0) {
      return { ...none, problems: doc.errors.map((e) => ({ file: name, path: '', message: `YAML: ${e.message.split('\n')[0]}`, severity: 'error' as const })) };
    }
    const parsed = FactsFile.safeParse(doc.toJS());
    if (!parsed.success) {
      return { ...none, problems: parsed.error.issues.map((i) => ({ file: name, path: i.path.join('.'), message: i.message, severity: 'error' as const })) };
    }
    return { facts: compileFacts(parsed.data.facts, words), list: parsed.data.facts, problems: [] };
  } catch (e) {
    return { ...none, problems: [{ file: name, path: '', message: `cannot read: ${(e as Error).message}`, severity: 'error' }] };
  }
}

export const ANSWER_WORDS_FILE = '_answers.yaml';

/** The everyday words for answers (optional file): checked with its schema; a broken file is an error, not a crash. */
export function loadAnswerWords(file: string): { words: AnswerWords; problems: Problem[] } {
  if (!existsSync(file)) return { words: NO_ANSWER_WORDS, problems: [] };
  const name = basename(file);
  try {
    const doc = parseDocument(readFileSync(file, 'utf8'));
    if (doc.errors.length > 0) {
      return { words: NO_ANSWER_WORDS, problems: doc.errors.map((e) => ({ file: name, path: '', message: `YAML: ${e.message.split('\n')[0]}`, severity: 'error' as const })) };
    }
    const parsed = AnswerWordsFile.safeParse(doc.toJS());
    if (!parsed.success) {
      return { words: NO_ANSWER_WORDS, problems: parsed.error.issues.map((i) => ({ file: name, path: i.path.join('.'), message: i.message, severity: 'error' as const })) };
    }
    return { words: compileAnswerWords(parsed.data), problems: [] };
  } catch (e) {
    return { words: NO_ANSWER_WORDS, problems: [{ file: name, path: '', message: `cannot read: ${(e as Error).message}`, severity: 'error' }] };
  }
}
