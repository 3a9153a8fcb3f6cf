/**
 * A call the citizen made or had with a real administration ("j'ai appelé la CAF hier", "j'ai eu la CAF au tel",
 * "j'ai téléphoné aux impôts", "I called the tax office") is no scam and no request for a person: it is the story
 * before the need. Its call words ("appelé", "au téléphone") weigh on the router like a scam call or a person asked
 * for; this takes them out before routing, so "la CAF … pour mon APL" is routed as the need.
 * A call the citizen received ("la CAF m'a appelé", "on m'a appelé") is not taken out: that one may be a scam.
 */

/** The bodies a citizen calls (folded). */
const BODY =
  '(?:(?:la|le|l|les|aux?|a la|a l|a|chez|the|my) )?(?:caf|cpam|ameli|secu|securite sociale|assurance maladie|impots?|centre des impots|finances publiques|tresor public|france travail|pole emploi|mairie|prefecture|ants|msa|carsat|cnav|retraite|caisse de retraite|france services|banque|poste|edf|tax office|town hall|bank|job centre)';

const OWN_CALL = [
  // "j'ai appelé la CAF", "j'ai téléphoné aux impôts", "j'ai contacté Ameli", "j'ai rappelé la mairie"
  new RegExp(`\\b(?:j ai|je (?:les |l )?ai|on a|j avais|je viens d) (?:deja |bien |encore )?(?:appele|appelle|rappele|telephone|contacte|joint|eu)\\b(?: (?:ce matin|hier|aujourd hui|la semaine derniere))? (${BODY})\\b(?: (?:au|par) (?:telephone|tel|phone))?`, 'g'),
  // "j'ai eu la CAF au tel", "j'ai parlé à la CAF au téléphone"
  new RegExp(`\\bj ai (?:eu|parle (?:a|avec)) (${BODY}) (?:au|par) (?:telephone|tel)\\b`, 'g'),
  // "on m'a appelé pour un rendez-vous à la CAF": a call about the citizen's own file (no secret nor money asked:
  // those are scams, found by the signals before any routing) names no scam.
  /\b(?:on m a|on m|ils m ont|elle m a|il m a|(?:la|le|l) [a-z]+ m a) (?:appele|appelee|telephone|contacte|rappele)(?: (?:hier|ce matin|aujourd hui))? (pour (?:un|le|mon|ma|mes|une) (?:rendez vous|rdv|dossier|demande|entretien|convocation))\b/g,
  /\bi (?:called|phoned|rang|rung|contacted|spoke to|talked to) ((?:the |my )?(?:caf|cpam|ameli|tax office|tax people|town hall|prefecture|france travail|bank|pension fund))\b/g,
];

/** The call words kept out (their body stays: "la caf"); the text itself when it holds no such call. */
export function withoutOwnCall(t: string): string {
  let rest = t;
  for (const re of OWN_CALL) rest = rest.replace(re, ' $1 ');
  return rest.replace(/\s+/g, ' ').trim() || t;
}

/** The message tells of a call the citizen made to a real administration. */
export function tellsOwnCall(t: string): boolean {
  return OWN_CALL.some((re) => new RegExp(re.source).test(t));
}
