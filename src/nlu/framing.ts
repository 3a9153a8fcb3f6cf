/**
 * What is routed of a message: without the framing that is not the need — who sent the citizen (./referral.ts),
 * a call they made to a real administration (./ownCall.ts), someone sitting with them (./companion.ts).
 */
import { withoutReferral } from './referral';
import { withoutOwnCall } from './ownCall';
import { withoutCompanion } from './companion';
import { plainText } from './signals';

/** The message to route: the framing taken out, or the message itself when there is none or nothing is left. */
export function withoutFraming(text: string): string {
  const referred = withoutReferral(text);
  const plain = plainText(referred);
  const rest = withoutCompanion(withoutOwnCall(plain));
  return rest && rest !== plain ? rest : referred;
}
