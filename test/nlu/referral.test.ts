/**
 * "Ma fille m'a dit de venir ici pour la CAF": who sent the citizen is taken out before routing, so the need
 * ("la CAF") is heard; what the citizen is asking about (a bank asking for a code, an SMS sent to them) stays.
 */
import { join } from 'node:path';
import { loadGuides } from '../../src/guides/loader';
import { DIALOGS_DIR } from '../../src/paths';
import { FuzzyRouter, SYSTEM_INTENTS_FILE } from '../../src/nlu/fuzzyRouter';
import { withoutReferral } from '../../src/nlu/referral';

const { catalog } = loadGuides(DIALOGS_DIR);
const router = new FuzzyRouter(catalog, join(DIALOGS_DIR, SYSTEM_INTENTS_FILE));

describe('who sent the citizen is not the need', () => {
  it.each([
    ['slt ma fille ma dit de venir ici pour la caf', 'slt pour la caf'],
    ["Mon fils m'a dit de vous écrire pour mes impôts", 'pour mes impots'],
    ['je viens de la part de lassistante sociale pour le rsa', 'pour le rsa'],
    ['on ma donne ce numero a la mairie pour le passeport', 'a la mairie pour le passeport'],
    ['my daughter told me to write here about my taxes', 'about my taxes'],
  ])('"%s" → "%s"', (text, rest) => {
    expect(withoutReferral(text)).toBe(rest);
  });

  it.each([
    'la banque ma demande mon code par sms',
    'on ma envoye un sms ameli je dois payer',
    'je veux faire ma declaration',
  ])('"%s" is kept whole', (text) => {
    expect(withoutReferral(text)).toBe(text);
  });

  it('routes the need behind the framing: the CAF guides, the tax return, the passport', () => {
    const caf = router.route('slt ma fille ma dit de venir ici pour la caf', 'fr');
    expect([caf.intent, ...caf.alternatives.slice(0, 2).map((a) => a.intent)].every((i) => i.startsWith('caf-'))).toBe(true);
    expect(router.route("ma voisine m'a dit de vous demander pour la caf", 'fr').intent).toMatch(/^caf-/);
    expect(router.route('mon fils ma dit de venir ici pour mes impots', 'fr').intent).toBe('impots-declaration');
    expect(router.route('my son told me to come here for my passport', 'en').intent).toBe('ants-identite');
  });

  it('keeps a scam a scam', () => {
    expect(router.route('la banque ma demande mon code par sms', 'fr').intent).toBe('arnaque');
    expect(router.route('on ma envoye un sms ameli je dois payer', 'fr').intent).toBe('arnaque');
  });
});
