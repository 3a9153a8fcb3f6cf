/**
 * A question about the date or the period of a formality ("c'est la période de l'actualisation ?", "c le moment de
 * m'actualiser ?", "jusqu'à quand je peux le faire", "la déclaration c'est quand", "is it time to do my update"):
 * the bot knows today's date and answers from the guide's dated answers (PRODUCT.md rule 6), never asks it.
 * Over `plainText()`; which guide, and whether it has dates, is decided by the caller.
 */
const WHEN_FR = new RegExp(
  '\\b(?:' +
    [
      // "c'est la période ?", "c'est bien le moment de …", "on est dans la bonne période ?"
      '(?:c est|c|ce|est ce|est ce que c est|on est|nous sommes|on est dans|on est bien dans) (?:bien |encore |deja |toujours )?(?:dans )?(?:la|le|les) (?:bonne |bon )?(?:periode|moment|saison|dates?|delais?|creneau|temps)',
      '(?:la|le) (?:bonne |bon )?(?:periode|moment) (?:de|d|pour)',
      // "c'est quand", "ça ouvre quand", "ça ferme quand"
      '(?:c est|c|c etait|ca (?:ouvre|ferme|commence|finit|se termine|demarre)|sa (?:ouvre|ferme|commence|finit)|ouvert|ouverte|ferme|fermee) (?:quand|kan)',
      '(?:quand|kan) (?:est ce que |est ce qu |es ce que )?(?:ca|sa|c|on|je|j|il|elle) (?:ouvre|ferme|commence|finit|doit|dois|peut|peux|faut|fait|fais|peu)',
      '(?:a partir|jusqu a|jusqu au|jusqua|jusqu|avant) (?:de )?(?:quand|kan|quelle date|quel jour)',
      '(?:quelle|quel|kel|kelle) (?:date|periode|jour) (?:limite |pour|faut|je dois|on doit|il faut)',
      'date limite', 'dernier delai',
      '(?:il est|c est|c|est il|est ce qu il est) (?:encore |deja )?(?:temps|trop tard|trop tot)',
      // "je peux encore m'actualiser ?"
      '(?:je|on) (?:peux|peu|peut|pe) encore (?:le faire|la faire|m actualiser|m actualise|declarer)',
      '(?:je suis|suis je|on est|est on|nous sommes) (?:encore |toujours |bien )?dans les (?:temps|delais|dates)',
      '(?:c est|est ce que c est|c) (?:deja |encore )?possible (?:en ce moment|maintenant|aujourd hui|ce mois ci)',
    ].join('|') +
    ')\\b',
);
/** "c ouvert l'actualisation en ce moment ?", "c'est déjà ouvert ?": open or closed now (a window, or a place, a site). */
const OPEN_NOW = /\b(?:c est|est ce que c est|c|est ce qu elle est|est ce qu il est|elle est|il est) (?:deja |encore |bien |toujours )?(?:ouvert|ouverte|ferme|fermee)\b|\bis it (?:still |already )?(?:open|closed)\b/;
const WHEN_EN =
  /\b(?:is it (?:the |a )?(?:right |good )?(?:time|period|moment|season)|is it (?:still |already )?(?:too late|too early)|right (?:time|period|dates)|(?:until|till|by) when|when (?:is|does|do|can|should|must|will) (?:it|i|we|the|my|this|that)|what (?:is the )?(?:date|deadline)|deadline|how long do i have|am i (?:still )?in time|too late)\b/;

/**
 * A dated formality missed or forgotten ("j'ai oublié de m'actualiser", "g pas fait mon actu", "je vais être radié ?"):
 * what today's date makes of it is the answer (still open until the 15th, or too late: whom to call).
 */
const MISSED =
  /\b(?:oubli\w* (?:de |d )?(?:m |me |l |la |ma |mon )?(?:actualis\w*|actu|actus|declar\w*)|(?:pas|jamais) (?:fait|faite|faites) (?:mon |ma |l |la )?(?:actualis\w*|actu)|(?:rate|loupe|manque)\w* (?:mon |ma |l |la )?(?:actualis\w*|actu)|suis radi\w*|forgot (?:to (?:do )?)?(?:my )?(?:update|actualisation))\b/;

/** The last day asked ("avant quel jour", "jusqu'à quand", "date limite", "until when", "deadline"): the window's rule. */
const DEADLINE =
  /\b(?:(?:avant|jusqu a|jusqu au|jusqua|jusqu) (?:quel jour|quelle date|quand|kan)|(?:quel|quelle|kel|kelle) (?:est (?:le|la) )?(?:dernier jour|date limite)|date limite|dernier delai|dernier jour|(?:until|till|by) (?:when|what day|which day|what date)|deadline|last day|how long do i have)\b/;

export function asksDeadline(t: string): boolean {
  return DEADLINE.test(t);
}

export function missedDate(t: string): boolean {
  return MISSED.test(t);
}

/**
 * The message asks about the date or the period of a formality ('date'), or only whether it is open now ('open': a
 * window's dates answer it, but it may be a place's or a site's hours — no "I do not know the date" for it).
 */
export function asksWhen(t: string): 'date' | 'open' | undefined {
  if (WHEN_FR.test(t) || WHEN_EN.test(t) || MISSED.test(t)) return 'date';
  return OPEN_NOW.test(t) ? 'open' : undefined;
}
