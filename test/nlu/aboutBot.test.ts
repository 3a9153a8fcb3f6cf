/** Questions about who answers, about a person word, and about the step itself (probe 35). */
import { THIS_STEP, detectSignals } from '../../src/nlu/signals';

const kinds = (text: string) => detectSignals(text).map((s) => s.kind);
const subject = (text: string) => detectSignals(text).find((s) => s.kind === 'whatis')?.subject;

describe('questions, not a request for a person', () => {
  it.each(['tu es un robot ?', 'vous etes un humain ?', 't un bot ou une vrai personne', 'are you a robot?', 'are you a bot or a human'])('%s: what Pas à pas is', (text) => {
    expect(kinds(text)).not.toContain('person');
    expect(subject(text)).toBe('pas a pas');
  });
  it.each(['c quoi un conseiller numérique', 'cest koi un mediateur numerique'])('%s: the word asked about', (text) => {
    expect(kinds(text)).not.toContain('person');
    expect(subject(text)).toMatch(/numerique/);
  });
  it.each(['je veux parler a une vraie personne', 'passez moi un conseiller', 'human please'])('%s: still a person', (text) => {
    expect(kinds(text)).toContain('person');
  });
  it.each(['c quoi ça', 'kesako', 'ça veut dire quoi', 'what does that mean'])('%s: the step on screen', (text) => {
    expect(subject(text)).toBe(THIS_STEP);
  });
});
