/**
 * What is routed of a message: without the framing that is not the need — who sent the citizen (./referral.ts),
 * a call they made to a real administration (./ownCall.ts), someone sitting with them (./companion.ts), and a
 * request for help around the need ("j'ai besoin d'aide pour mon compte caf": its "aide" is not the "aide au logement"),
 * and how long ago ("je suis veuve depuis 3 semaines": its weeks and months name no formality).
 */
import { withoutReferral } from './referral';
import { withoutOwnCall } from './ownCall';
import { withoutCompanion } from './companion';
import { plainText } from './signals';
import { withoutDenied } from './deniedOrg';

/** The message to route: the framing taken out, or the message itself when there is none or nothing is left. */
export function withoutFraming(text: string): string {
  const referred = withoutReferral(text);
  const plain = plainText(referred);
  const rest = withoutSince(withoutDenied(withoutHelpAsked(withoutCompanion(withoutOwnCall(plain)))));
  return rest && rest !== plain ? rest : referred;
}

/** "j'ai besoin d'aide pour", "aidez-moi avec", "i need help with": what follows is the need. */
const HELP_ASKED =
  /^(?:(?:bonjour|bonsoir|bjr|salut|hello|hi) )?(?:j ai besoin d aide|j aurais besoin d aide|je voudrais de l aide|je veux de l aide|je cherche de l aide|aidez moi|aide moi|pouvez vous m aider|vous pouvez m aider|tu peux m aider|i need help|i need some help|need help|help me|can you help me|please help me)(?: svp| s il vous plait| please)? (?:pour|avec|sur|with|for|on) (?=\S)/;

function withoutHelpAsked(plain: string): string {
  return plain.replace(HELP_ASKED, '');
}


/** "depuis 3 semaines", "il y a 2 mois", "3 weeks ago": a time since, not the need. */
const SINCE =
  /\b(?:depuis|il y a|ca fait|cela fait|for|since) (?:\d+|un|une|deux|trois|quatre|cinq|six|quelques|plusieurs|peu de|a few|two|three|several) (?:jours?|semaines?|mois|ans|annees?|days?|weeks?|months?|years?)(?: ago)?\b|\b(?:\d+|a few|two|three|several) (?:days?|weeks?|months?|years?) ago\b/g;

function withoutSince(plain: string): string {
  return plain.replace(SINCE, ' ').replace(/\s+/g, ' ').trim();
}
