/**
 * Writing rules for guide texts, enforced by `pasapas validate` (not by eye):
 * - every link (in `links` and inside texts) points to an official domain (error);
 * - the SMS form of a step and of its question fits in 2 segments, real GSM-7 / UCS-2 rule (error);
 * - sentences have 15 words or fewer (warning);
 * - no text left untranslated (French and English identical) (error).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { countSms } from '../text/sms';
import { LOCALES, type Guide, type LocalizedText } from './schema';
import type { Problem } from './loader';
import type { Strings } from '../i18n/strings';
import { stepNumber, type LoadedGuide } from './catalog';

export const MAX_SMS_SEGMENTS = 2;
export const MAX_SENTENCE_WORDS = 15;

export function loadOfficialDomains(file: string): string[] {
  const doc = parse(readFileSync(file, 'utf8')) as { domains?: string[] };
  return (doc.domains ?? []).map((d) => d.toLowerCase());
}

export function isOfficialUrl(url: string, domains: string[]): boolean {
  let host: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:') return false;
    host = u.hostname.toLowerCase();
  } catch {
    return false;
  }
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

const URL_RE = /\bhttps?:\/\/[^\s)>\]]+/gi;

export function urlsIn(text: string): string[] {
  return (text.match(URL_RE) ?? []).map((u) => u.replace(/[.,;:!?]+$/, ''));
}

/** Split into sentences; URLs are one word. */
export function sentences(text: string): string[] {
  return text
    .replace(URL_RE, 'URL')
    .split(/(?<=[.!?:])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /\p{L}/u.test(s));
}

export function wordCount(sentence: string): number {
  return sentence.split(/[\s]+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The SMS a step becomes (same layout as the text renderer): counter, body, links. */
export function smsBodyOf(g: LoadedGuide, stepIdx: number, locale: 'fr' | 'en', strings: Strings): string {
  const step = g.guide.steps[stepIdx];
  const head = step.branch
    ? ''
    : `${strings.t(locale, 'step.counter', { n: stepNumber(g, step.id), total: g.mainSteps.length })}\n`;
  const links = step.links.map((l) => l.url).join('\n');
  return `${head}${(step.sms ?? step.text)[locale]}${links ? `\n${links}` : ''}`;
}

/** The SMS of a step's check question with its numbered answers. */
export function smsCheckOf(g: LoadedGuide, stepIdx: number, locale: 'fr' | 'en', strings: Strings): string {
  const step = g.guide.steps[stepIdx];
  const question = step.check?.question?.[locale] ?? strings.t(locale, 'step.check');
  const labels = step.check
    ? step.check.choices.map((c) => c.label[locale])
    : [strings.t(locale, 'choice.yes'), strings.t(locale, 'choice.no')];
  labels.push(strings.t(locale, 'choice.stuck'));
  return `${question}\n${labels.map((l, i) => `${i + 1} ${l}`).join('\n')}`;
}

/** Every localized text of a guide with its path, for the text-level rules. */
function* texts(guide: Guide): Generator<[string, LocalizedText]> {
  yield ['title', guide.title];
  if (guide.summary) yield ['summary', guide.summary];
  if (guide.done) yield ['done', guide.done];
  for (const [i, n] of guide.needs.entries()) {
    yield [`needs.${i}.text`, n.text];
    if (n.ifMissing) yield [`needs.${i}.ifMissing`, n.ifMissing];
  }
  for (const [i, s] of guide.steps.entries()) {
    if (s.title) yield [`steps.${i}.title`, s.title];
    yield [`steps.${i}.text`, s.text];
    if (s.sms) yield [`steps.${i}.sms`, s.sms];
    if (s.help) yield [`steps.${i}.help`, s.help];
    for (const [j, l] of s.links.entries()) if (l.label) yield [`steps.${i}.links.${j}.label`, l.label];
    if (s.check?.question) yield [`steps.${i}.check.question`, s.check.question];
    for (const [j, c] of (s.check?.choices ?? []).entries()) {
      yield [`steps.${i}.check.choices.${j}.label`, c.label];
      if (c.reply) yield [`steps.${i}.check.choices.${j}.reply`, c.reply];
    }
  }
}

export function checkWritingRules(g: LoadedGuide, strings: Strings, domains: string[]): Problem[] {
  const file = g.file.split('/').pop() ?? g.file;
  const problems: Problem[] = [];
  const add = (path: string, message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file, path, message, severity });
  const { guide } = g;

  for (const [i, s] of guide.steps.entries()) {
    for (const [j, l] of s.links.entries()) {
      if (!isOfficialUrl(l.url, domains)) add(`steps.${i}.links.${j}.url`, `${l.url} is not on the official-domain allowlist`);
    }
  }
  for (const [i, src] of guide.sources.entries()) {
    if (!isOfficialUrl(src.url, domains)) add(`sources.${i}.url`, `${src.url} is not on the official-domain allowlist`);
  }
  for (const [path, text] of texts(guide)) {
    for (const locale of LOCALES) {
      for (const url of urlsIn(text[locale])) {
        if (!isOfficialUrl(url, domains)) add(`${path}.${locale}`, `${url} is not on the official-domain allowlist`);
      }
      for (const sentence of sentences(text[locale])) {
        const n = wordCount(sentence);
        if (n > MAX_SENTENCE_WORDS) {
          add(`${path}.${locale}`, `sentence of ${n} words (max ${MAX_SENTENCE_WORDS}): "${sentence.slice(0, 60)}…"`, 'warning');
        }
      }
    }
    if (text.fr.trim() === text.en.trim() && text.fr.trim().length > 20) {
      add(path, 'English text is the same as the French: untranslated?');
    }
  }
  for (const [i] of guide.steps.entries()) {
    for (const locale of LOCALES) {
      for (const [kind, body] of [
        ['sms', smsBodyOf(g, i, locale, strings)],
        ['check', smsCheckOf(g, i, locale, strings)],
      ] as const) {
        const c = countSms(body);
        if (c.segments > MAX_SMS_SEGMENTS) {
          const hint = c.encoding === 'UCS-2' ? ` (UCS-2 because of: ${c.nonGsm.join(' ')})` : '';
          add(
            `steps.${i}.${kind === 'sms' ? 'sms' : 'check'}.${locale}`,
            `SMS ${kind === 'sms' ? 'text' : 'question'} needs ${c.segments} segments (max ${MAX_SMS_SEGMENTS}): ${c.units} ${c.encoding} units${hint}; write a shorter \`sms\``,
          );
        }
      }
    }
  }
  return problems;
}
