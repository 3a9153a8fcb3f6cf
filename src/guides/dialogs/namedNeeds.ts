/**
 * "Vous avez tout ?" answered by naming a prerequisite: "il me manque la photo", "jai pas de timbre fiscal",
 * "i dont have the ants account", "no photo yet", "j'ai mon numéro fiscal mais pas le mot de passe". Which of the
 * guide's prerequisites the message names as missing, and which as there — so the one-by-one check goes straight
 * to the one missing and never asks again about one the citizen has (PRODUCT.md rule 6).
 *
 * A prerequisite is named when the message's words (stems, a little spelling tolerance: "fotos") found in its text
 * weigh at least one whole word, each word weighted by 1 / the number of prerequisites that use it ("numéro fiscal":
 * the tax number, not the access number nor the reference tax income). The guide's title words and vague words
 * ("papiers", "documents") name nothing. The message is cut into clauses at "mais", "sauf", "et", commas ("j'ai X
 * mais pas Y"): a clause that denies or misses something names what is missing; one that says "j'ai", "mon", "I
 * have" names what is there; "sauf X" misses X; a clause after "et" or a comma with neither says what the one
 * before said.
 */
import { distance } from 'fastest-levenshtein';
import type { Locale } from '../../i18n/locale';
import { stemsOf } from '../../nlu/choices';
import { NEGATION } from '../../nlu/negation';
import { phonetic } from '../../nlu/normalize';
import { plainText } from '../../nlu/signals';
import { asksPrice } from '../../nlu/priceAsk';
import type { LoadedGuide } from '../catalog';
import type { Step } from '../schema';

export interface NamedNeeds {
  /** Indexes of the prerequisites named as missing. */
  missing: number[];
  /** Indexes of the prerequisites named as there (never one also named as missing). */
  present: number[];
}

/** Missing, in words that are not a plain negation: "il me manque", "j'ai besoin", "faut encore", "still need". */
const MISSING =
  /\b(?:non|manqu\w*|besoin|faut|encore|perdu\w*|oubli\w*|without|missing|miss|lack\w*|need|needs|still|yet|lost|forgot\w*)\b/;
/** There: "j'ai", "g" (SMS, read "j ai"), "mon / ma / mes", "I have", "I've got", "my". */
const HAVE = /\b(?:j ai|ai|avons|mon|ma|mes|have|ve|got|my|ok pour)\b/;
/** "J'ai tout (le reste)", "I have everything else". */
const ALL = /\b(?:tout|tous|reste|everything|all|rest)\b/;
/** Where a clause starts (besides commas), and what it tells about the clause after it. */
const CUT = /\b(mais|but|par contre|however|sauf|except|hormis|a part|apart from|et|and|juste|seulement|uniquement|only|just)\b/;
/** "pas d'ordi, juste mon portable": what follows "juste" is there. */
const ONLY = /^(?:juste|seulement|uniquement|only|just)$/;
/** "je n'ai qu'un téléphone": a "ne … que" says what is there, it denies nothing. */
const ONLY_HAVE = /\bn (ai|a|avons) qu(?:e)?\b/g;
const EXCEPT = /^(?:sauf|except|hormis|a part|apart from)$/;
const AND = /^(?:,|et|and)$/;
/** Words of these sentences, and vague words that name no prerequisite on their own. */
const NOT_A_NAME = new Set([
  'manqu', 'besoin', 'faut', 'encor', 'perdu', 'oubli', 'without', 'missing', 'mis', 'miss', 'lack', 'need', 'still', 'yet', 'lost',
  'forgot', 'have', 'got', 'papi', 'paper', 'document', 'doc', 'dossi', 'chos', 'truc', 'thing', 'stuff', 'tout', 'everything',
  'someth', 'something', 'quelqu', 'info', 'information',
]);

function close(a: string, b: string, locale: Locale): boolean {
  if (a === b) return true;
  if (a.length >= 3 && b.length >= 3 && phonetic(a, locale) === phonetic(b, locale)) return true;
  if (a.length < 5 || b.length < 5) return false;
  return 1 - distance(a, b) / Math.max(a.length, b.length) >= 0.8;
}

/** The clauses of a message, each with what it says: 'missing', 'there' or nothing. */
function clauses(text: string): Array<{ words: string; says?: 'missing' | 'there' }> {
  const out: Array<{ words: string; says?: 'missing' | 'there' }> = [];
  text.split(/[,;.!?]/).forEach((piece, k) => {
    // Split with its capture group: the cut words are at the odd places.
    const parts = plainText(piece).replace(ONLY_HAVE, '$1').split(CUT);
    let cut = k > 0 ? ',' : '';
    parts.forEach((part, i) => {
      if (i % 2 === 1) {
        cut = part;
        return;
      }
      const p = part.trim();
      if (!p) return;
      const before = out[out.length - 1]?.says;
      let says: 'missing' | 'there' | undefined;
      if (NEGATION.test(p) || MISSING.test(p) || EXCEPT.test(cut)) says = 'missing';
      else if (HAVE.test(p) || ONLY.test(cut)) says = 'there';
      else if (AND.test(cut)) says = before;
      out.push({ words: p, says });
      cut = '';
    });
  });
  return out;
}

/** The prerequisites one clause names (each weighing at least one whole word). */
function named(words: string, g: LoadedGuide, locale: Locale, needStems: string[][], title: Set<string>): number[] {
  // A title word names nothing on its own ("impôts", "passeport"); beside another word it adds its weight ("tax
  // number" of "Your tax number" in the tax guide).
  const stems = [...new Set(stemsOf(words, locale))].filter((s) => !NOT_A_NAME.has(s) && !/^\d+$/.test(s));
  const score = needStems.map(() => 0);
  const own = needStems.map(() => false);
  for (const s of stems) {
    let users = needStems.map((ns, i) => (ns.some((n) => close(s, n, locale)) ? i : -1)).filter((i) => i >= 0);
    // A word several prerequisites use names the one it heads ("la photo": "Une photo d'identité", not "Votre
    // pièce d'identité en photo").
    const heads = users.filter((i) => needStems[i].length > 0 && close(s, needStems[i][0], locale));
    if (users.length > 1 && heads.length === 1) users = heads;
    for (const i of users) {
      score[i] += 1 / users.length;
      if (!title.has(s)) own[i] = true;
    }
  }
  return score.map((sc, i) => (sc >= 1 - 1e-9 && own[i] ? i : -1)).filter((i) => i >= 0 && i < g.guide.needs.length);
}

/** A guide's prerequisites and title as stems, per locale: computed once per loaded guide, not at every answer. */
const STEMS = new WeakMap<LoadedGuide, Partial<Record<Locale, { needStems: string[][]; title: Set<string> }>>>();

function guideStems(g: LoadedGuide, locale: Locale): { needStems: string[][]; title: Set<string> } {
  const byLocale = STEMS.get(g) ?? {};
  STEMS.set(g, byLocale);
  return (byLocale[locale] ??= {
    needStems: g.guide.needs.map((n) => [...new Set(stemsOf(n.text[locale], locale))]),
    title: new Set(stemsOf(g.guide.title[locale], locale)),
  });
}

/** Which prerequisites the message names as missing and as there; undefined when it names none. */
export function namedNeeds(text: string, g: LoadedGuide, locale: Locale): NamedNeeds | undefined {
  if (g.guide.needs.length < 2) return undefined;
  const { needStems, title } = guideStems(g, locale);
  const missing = new Set<number>();
  const present = new Set<number>();
  const all = clauses(text);
  // "photo ?", "le timbre fiscal": only the name of one prerequisite at "Vous avez tout ?" asks about it.
  // (Words, not a number: "1" is the first answer, and "one" of "if you have one" names nothing.)
  if (all.length === 1 && !all[0].says && all[0].words.split(' ').length <= 3 && !/\d/.test(text) && stemsOf(all[0].words, locale).some((w) => w.length >= 4)) {
    // Only the word a prerequisite starts with ("photo": "Une photo d'identité"), never a price question ("c payant ?").
    const one = named(all[0].words, g, locale, needStems, title);
    const heads = one.length === 1 && stemsOf(all[0].words, locale).some((w) => needStems[one[0]][0] !== undefined && close(w, needStems[one[0]][0], locale));
    if (heads && !asksPrice(text)) return { missing: one, present: [] };
  }
  for (const c of all) {
    if (!c.says) continue;
    // "j'ai tout sauf la photo": all the others are there.
    if (c.says === 'there' && ALL.test(c.words)) g.guide.needs.forEach((_, i) => present.add(i));
    for (const i of named(c.words, g, locale, needStems, title)) (c.says === 'missing' ? missing : present).add(i);
  }
  for (const i of missing) present.delete(i);
  if (missing.size + present.size === 0) return undefined;
  return { missing: [...missing].sort((a, b) => a - b), present: [...present].sort((a, b) => a - b) };
}

/** The message's words that may name something (not "perdu", "oublié", "manque", "papiers"…). */
export function namingStems(text: string, locale: Locale): string[] {
  return stemsOf(text, locale).filter((w) => !NOT_A_NAME.has(w));
}

/** The site asks for something: "ça me demande", "il veut", "it asks for", "it wants". */
const ASKED = /\b(?:demand\w*|veut|veulent|reclam\w*|exig\w*|asks?|asking|wants?|requires?)\b/g;

/**
 * At a step, "ça me demande mon numéro fiscal", "il veut le RIB", "it asks for my tax number": the one prerequisite
 * the site asks for (where to find it is in its text). Not a message that denies or misses it (that is an answer).
 */
export function askedNeed(text: string, g: LoadedGuide, locale: Locale): number | undefined {
  const plain = plainText(text);
  if (g.guide.needs.length === 0 || !plain.match(ASKED) || NEGATION.test(plain) || MISSING.test(plain)) return undefined;
  const { needStems, title } = guideStems(g, locale);
  const one = named(plain.replace(ASKED, ' '), g, locale, needStems, title);
  return one.length === 1 ? one[0] : undefined;
}

/**
 * At a step whose question is not about them: the prerequisites the message says are missing or not found ("jai
 * pas mon numéro fiscal" at "Vous avez déjà un espace ?", "je trouve plus mon bail"). Their help comes at once,
 * then the same question. Not those the step on screen or the answer picked names: its answers are for them ("Je
 * n'ai pas ces numéros" at "Tapez votre numéro fiscal…"). Not a price question ("faut sortir la cb ?").
 */
export function missingAtStep(text: string, g: LoadedGuide, step: Step, locale: Locale, picked?: string): number[] {
  const said = asksPrice(text) ? undefined : namedNeeds(text, g, locale);
  if (!said || said.missing.length === 0) return [];
  const { needStems, title } = guideStems(g, locale);
  const labels = step.check?.choices.map((c) => c.label[locale]) ?? [];
  const onScreen = stemsOf([step.title?.[locale], step.text[locale], step.check?.question?.[locale], ...labels, picked].filter(Boolean).join(' '), locale);
  const words = stemsOf(text, locale).filter((w) => !NOT_A_NAME.has(w));
  // The screen is about it when it has every word the citizen named it with ("numéro fiscal" at "Tapez votre numéro fiscal").
  const aboutIt = (i: number) => words.filter((w) => needStems[i].some((n) => close(w, n, locale))).every((w) => onScreen.some((o) => close(w, o, locale)));
  // Instead of a bare yes or no only when named by the word the prerequisite starts with ("numéro fiscal", not
  // "le facteur" for "Votre dernière facture").
  // (Its first word that is not the guide's title: "Your France Travail username" starts with "username".)
  const byItsHead = (i: number) => picked === undefined || words.includes(needStems[i].find((n) => !title.has(n)) ?? '');
  return said.missing.filter((i) => !aboutIt(i) && byItsHead(i));
}
