/**
 * A life event told as news ("mon mari est décédé", "je viens de perdre mon emploi", "je me suis séparée", "on vient
 * d'avoir un bébé", "my husband passed away", "I just lost my job", "we just had a baby"): a kind word first, then what
 * it may change (PRODUCT rule 4). Not a status told as an answer ("je suis au chômage", "divorcée depuis 10 ans"), nor
 * a document ("l'acte de naissance de ma fille"). Read over `plainText()`.
 */
import { tellsBereavement } from './bereavement';

export type LifeEvent = 'death-spouse' | 'death' | 'job-loss' | 'separation' | 'birth';

/** A husband, a wife, a partner (whose pension a widow may ask for). */
const SPOUSE = /\b(?:(?:mon|ma|notre) (?:mari|femme|epou(?:x|se)|conjointe?|compagnon|compagne|concubine?)|(?:my|our) (?:husband|wife|spouse|partner))\b/;

const JOB_LOSS = new RegExp(
  [
    '(?:perdu|perdre|perd|perdus) (?:mon|son|notre|ma|le) (?:emploi|travail|taf|boulot|boulo|job|poste|place)',
    'licencie\\w*|licenciement|viree? (?:de mon|du|de son) (?:travail|boulot|taf|job)|(?:fait|faite) (?:virer|licencier|jeter)|(?:m ont|m a) (?:viree?|licenciee?|jetee?)',
    '(?:viens|vient|venons|vien) de (?:me |nous )?(?:retrouver|tomber|passer) au chomage|rupture conventionnelle',
    'fin de (?:mon |ma )?(?:contrat|cdd|mission|interim)|mon (?:contrat|cdd) (?:est |s est )?(?:fini|termine|arrete)',
    '(?:lost|lose|losing) my job|laid off|(?:been|got|was) (?:fired|sacked|let go)|made redundant|my contract (?:ended|is over)',
  ].join('|'),
);

const SEPARATION = new RegExp(
  [
    '(?:me suis|m suis|s est|nous sommes|on s est|se sont|sommes) (?:separ(?:e|ee|es|ees|er)|quitte(?:e|s|es)?)',
    'separation|divorc\\w*|en instance de divorce',
    '(?:mon mari|ma femme|mon conjoint|ma conjointe|mon compagnon|ma compagne|mon copain|ma copine) (?:m a quitte(?:e)?|ma quitte(?:e)?|est parti(?:e)?(?! (?:en|au|aux|a|travailler|faire|chercher|pour le)))',
    '(?:split up|separated|broke up|(?:husband|wife|partner) left me|getting a divorce|got divorced)',
  ].join('|'),
);
/** An event long past is a status, not news ("divorcée depuis 10 ans", "licencié en 2015"). */
const LONG_AGO = /\bdepuis (?:\d+|des|plusieurs|longtemps|quelques) (?:ans|annees)\b|\b(?:en|dans les annees) \d{2,4}\b|\bil y a (?:longtemps|\d+ ans)\b|\b(?:for (?:\d+|many|several) years|long time ago|years ago)\b/;

const BIRTH = new RegExp(
  [
    '(?:viens|vient|venons|vien|viennent) d (?:avoir|accueillir) (?:un |une |notre |mon |ma |des |nos )?(?:bebe|bebes|enfant|fils|fille|garcon|jumeaux|jumelles|petit|petite)',
    '(?:j ai|on a|nous avons|avons) eu (?:un |une |notre |mon |ma |des )?(?:petite? )?(?:bebe|enfant|fils|fille|garcon|jumeaux|jumelles)|accouche\\w*|bebe est nee?|(?:mon|ma|notre) (?:fils|fille|bebe) est nee? ',
    '(?:just )?had (?:a|our) baby|gave birth|(?:our|my) baby (?:was|is) born|new ?born',
  ].join('|'),
);
/** Not yet, or a document about a birth. */
const NOT_A_BIRTH = /\b(?:vais|va|doit|dois|devrais) accoucher|enceinte|acte|extrait|copie|certificat|pregnant|certificate\b/;

/** The life event told in a plain text, if any (a death first). */
export function lifeEventOf(t: string): LifeEvent | undefined {
  if (tellsBereavement(t)) return SPOUSE.test(t) ? 'death-spouse' : 'death';
  if (LONG_AGO.test(t)) return undefined;
  if (JOB_LOSS.test(t)) return 'job-loss';
  if (BIRTH.test(`${t} `) && !NOT_A_BIRTH.test(t)) return 'birth';
  if (SEPARATION.test(t)) return 'separation';
  return undefined;
}
