/**
 * Counted words in the console and the coordinators' page: "{n|demande|demandes}" in locales/console.*.yaml and
 * admin.*.yaml takes the form of the count (French: 0 and 1 singular; English: 1 only). Every string that counts
 * reads right with 0, 1 and 2 — none says "1 demandes" or "(1 personnes)".
 */
import { format, isSingular } from '../../src/mediator/console/format';
import { loadConsoleStrings } from '../../src/mediator/pages';
import { loadAdminStrings } from '../../src/mediator/adminPage';

describe('format with counted words', () => {
  it('French: 0 and 1 (and 1,5) singular, 2 and more plural; English: 1 only', () => {
    const t = '{n} {n|demande terminée|demandes terminées}';
    expect(format(t, { n: 0 })).toBe('0 demande terminée');
    expect(format(t, { n: 1 })).toBe('1 demande terminée');
    expect(format(t, { n: 2 })).toBe('2 demandes terminées');
    expect(format(t, { n: '1,5' })).toBe('1,5 demande terminée');
    expect(format(t, { n: '–' })).toBe('– demandes terminées');
    expect(format('{n} {n|request|requests}', { n: 0 }, 'en')).toBe('0 requests');
    expect(format('{n} {n|request|requests}', { n: 1 }, 'en')).toBe('1 request');
    expect(isSingular(-1, 'fr')).toBe(true);
    expect(isSingular('', 'fr')).toBe(false);
  });

  it('an unknown count leaves the placeholder as it is', () => {
    expect(format('{x|a|b} {y}', {})).toBe('{x|a|b} {y}');
  });
});

/** Every placeholder of `template` set to `value`. */
function filled(template: string, value: number, locale: string): string {
  const vars: Record<string, number> = {};
  for (const m of template.matchAll(/\{(\w+)(?:\|[^{}]*)?\}/g)) vars[m[1]] = value;
  return format(template, vars, locale);
}

// A count of 1 (or 0 in French) followed by a word in the plural: "1 demandes", "(0 personnes)", "1 SMS segments",
// "1 people" (not "sur 1 ce mois-ci": a few words are the same in both).
const SAME = /^(?:mois|this|dans|sans|plus|fois)$/;
const WRONG = {
  fr: /(?:^|[^\d,.])[01] (?:\p{Lu}+ )?(\p{L}{2,}s)(?!\p{L})/u,
  en: /(?:^|[^\d,.])1 (?:\p{Lu}+ )?(\p{L}{2,}s|people)(?!\p{L})/u,
};
const wrongCount = (text: string, locale: 'fr' | 'en') => {
  const m = WRONG[locale].exec(text);
  return !!m && !SAME.test(m[1]);
};

describe.each(['fr', 'en'] as const)('the %s strings', (locale) => {
  const all = { ...loadConsoleStrings(locale).strings, ...loadAdminStrings(locale) } as Record<string, string>;

  it('never put a count of one (or none) before a plural word', () => {
    const wrong: string[] = [];
    for (const [key, template] of Object.entries(all)) {
      for (const n of locale === 'fr' ? [0, 1] : [1]) {
        const text = filled(template, n, locale);
        if (wrongCount(text, locale)) wrong.push(`${key}: ${text}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('write every counted word with both forms, for a placeholder of the string', () => {
    const bad: string[] = [];
    for (const [key, template] of Object.entries(all)) {
      for (const m of template.matchAll(/\{(\w+)\|([^{}]*)\}/g)) {
        const forms = m[2].split('|');
        if (forms.length !== 2 || forms.some((f) => !f.trim()) || !new RegExp(`\\{${m[1]}\\}`).test(template)) bad.push(`${key}: ${m[0]}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
