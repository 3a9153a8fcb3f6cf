/**
 * "None of these": the citizen says that no offered guess, or no guide of the menu, is what they want —
 * "aucun", "rien de tout ça", "ni l'un ni l'autre", "none of them", and the same in SMS and phonetic spelling
 * ("nan cest pa sa", "c pa sa", "cé pa ça", "non c pa sa ke je veu"). The whole (short) message must say it:
 * "c'est pas ça mon problème, c'est la CAF" says more, and is routed as usual.
 */
import { smsWords } from './smsWords';

/** Spoken and SMS spellings of the few words these sentences use, token by token (folded, no apostrophes). */
const SPELLINGS: Record<string, string> = {
  // c'est / ce n'est / s'est written by ear
  cest: 'c est', sest: 'c est', cai: 'c est', nest: 'n est', net: 'n est', lun: 'l un', lune: 'l une', lotre: 'l autre', lautre: 'l autre',
  ya: 'y a', yen: 'y en', dedan: 'dedans', list: 'liste',
  pa: 'pas', pat: 'pas',
  // "ça" written "sa" or "ca": here it can only be "ça" (the whole message is about the guesses)
  sa: 'ca', ssa: 'ca', ça: 'ca',
  ke: 'que', k: 'que',
  veu: 'veux', veut: 'veux', vx: 'veux', voulai: 'voulais', voulait: 'voulais', jveu: 'je veux', jveux: 'je veux',
  jcherche: 'je cherche', cherch: 'cherche',
  aucunne: 'aucune', ocune: 'aucune', okun: 'aucun', okune: 'aucune', aucuns: 'aucun', aucunes: 'aucune',
  otre: 'autre', otr: 'autre', autr: 'autre', choz: 'chose', chos: 'chose',
  tou: 'tout', tt: 'tout', 3: 'trois', 2: 'deux', ceu: 'ceux', cel: 'celles', cell: 'celles', celle: 'celles',
  nan: 'non', nn: 'non', nop: 'non', nope: 'no', nah: 'no', naa: 'non',
};

/** Words around the answer that do not change it: fillers, politeness, laughter. */
const FILLER = /^(?:bah|ben|bin|euh|heu|hum|hmm|ah|oh|bof|mais|alors|merci|svp|stp|please|sorry|desole|desolee|lol|mdr|haha|ok|okay|well|nah|sinon|en fait|franchement|vraiment|pardon)$/;

const NONE_FR = [
  // "aucun", "aucune des trois", "aucun de ceux-là", "aucune de ces propositions"
  'aucune?(?: (?:des|de) (?:deux|trois|quatre|ceux|celles|ces|vos) ?(?:la|ci|propositions?|choix|reponses?|trucs?)?)?(?: ne (?:me )?(?:va|convient|correspond))?',
  'pas (?:un|une) (?:des|de) (?:deux|trois|ceux|celles|ces)(?: la)?',
  'ni l un ni l autre', 'ni (?:l une|l un) ni l autre',
  '(?:c est )?rien de (?:tout )?(?:ca|cela)', '(?:c est )?rien (?:a voir|de ca)', 'rien ne (?:va|correspond|convient)', 'pas du tout',
  'aucune? (?:propositions?|choix|reponses?)', '(?:c est |ce n est |c n est |n est )?pas (?:la )?dedans',
  '(?:c est |ce n est |n est |je le trouve |je la trouve |je trouve )?pas dans (?:la|votre|vos|ta|tes) (?:liste|choix|propositions)',
  '(?:il )?(?:y a|y en a) pas (?:ce que je (?:veux|cherche)|mon (?:truc|probleme|cas)|ma (?:demande|question)|ce qu il me faut)',
  // "c'est pas ça (que je veux / que je cherche)", "ce n'est pas ça", "pas ça du tout"
  '(?:(?:c est |c |ce n est |c n est |n est )?pas (?:ca|cela|ceux la|celles la|ca du tout|du tout ca)|(?:c est )?pas (?:ca|ce) que je (?:veux|voulais|cherche|demande|demandais))(?: (?:que je (?:veux|voulais|cherche|demande|demandais)|du tout))?',
  '(?:c est |c )?(?:autre chose|pas la bonne chose|pas le bon|pas la bonne|faux|pas bon)',
  'je veux autre chose', 'je cherche autre chose', 'non merci',
];
const NONE_EN = [
  'none(?: of (?:these|them|those|this|the (?:three|two|3|2)))?', 'neither(?: of (?:them|these|those))?', 'nothing like (?:that|this)',
  'not (?:that|these|those|this|it|any of (?:them|these|those)|what i (?:want|need|meant|am looking for|m looking for))(?: one)?',
  '(?:it s |its )?something else', '(?:that s |thats )?not it', 'wrong(?: ones?)?', 'no none', 'i want something else',
  '(?:it s |its |it is )?not (?:on|in) (?:the|your) liste?', '(?:it s |its |it is )?not (?:there|listed)', 'none (?:of them |of these )?(?:fits?|match(?:es)?)',
];
const NONE = new RegExp(`^(?:${[...NONE_FR, ...NONE_EN].join('|')})$`);

/** The message with SMS spellings written out, and the fillers around it taken off. */
function cleaned(text: string): { whole: string; core: string } {
  // "c pa sa", "cé pa ça", "se pa sa": "c", "ce", "se" or "s" before what "c'est" introduces here is "c'est".
  const out = smsWords(text, SPELLINGS, /^(?:pas|ca|autre|faux|rien)$/);
  const whole = out.join(' ');
  while (out.length > 1 && FILLER.test(out[out.length - 1])) out.pop();
  while (out.length > 1 && FILLER.test(out[0])) out.shift();
  return { whole, core: out.join(' ') };
}

/** Short forms that, at a guide's yes/no question, may just mean "no" ("aucun" compte, "pas du tout"). */
const BARE = /^(?:(?:non |no )?(?:aucune?|pas du tout|non merci|(?:c est )?pas (?:ca|cela)|(?:c est )?faux|pas bon|(?:c est )?pas le bon|(?:c est )?pas la bonne|none|neither|not (?:that|this|it)|(?:that s |thats )?not it|wrong))$/;

/**
 * Does the whole message say that none of the offered choices fits? `bareNo`: a plain "non" / "no" counts
 * (at a list of guesses it does; at the menu a bare "non" says nothing about the guides). `aboutTheList`: only
 * what names the answers themselves ("rien de tout ça", "aucune de ces réponses", "ni l'un ni l'autre", "pas dans
 * la liste") — at a guide's question, "aucun" or "pas du tout" may be its "non".
 */
export function saysNoneOfThese(text: string, opts: { bareNo?: boolean; aboutTheList?: boolean } = {}): boolean {
  if (text.length > 80) return false;
  const { whole, core } = cleaned(text);
  if (!core) return false;
  if (/^(?:non|no)(?: (?:non|no))*$/.test(core)) return opts.bareNo !== false;
  if (opts.aboutTheList && BARE.test(core)) return false;
  // "non c'est pas ça", "no none": the leading no says the same.
  return NONE.test(whole) || NONE.test(core) || NONE.test(core.replace(/^(?:(?:non|no) )+/, ''));
}
