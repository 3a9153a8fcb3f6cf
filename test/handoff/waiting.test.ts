/** What a message written while waiting for a person says (src/handoff/waiting.ts), session 17. */
import { asksPersonAgain, waitingKind } from '../../src/handoff/waiting';

describe('waitingKind', () => {
  test.each([
    ['alors ?', 'impatient'], ['vous etes la', 'impatient'], ["j'attends toujours", 'impatient'], ['c long', 'impatient'],
    ['allo ?', 'impatient'], ['toujours rien', 'impatient'], ['are you there?', 'impatient'], ['still waiting', 'impatient'],
    ['laissez tomber', 'quit'], ['bon tant pis j abandonne', 'quit'], ['annulez svp', 'quit'], ['forget it', 'quit'], ['cancel it', 'quit'],
    ["je veux plus attendre", 'quit'],
    ['merci au revoir', 'bye'], ['bonne journée', 'bye'], ['thanks bye', 'bye'], ['merci', 'thanks'],
  ])('%s → %s', (text, kind) => expect(waitingKind(text)).toBe(kind));

  test.each([
    'comment annuler mon rendez-vous à la préfecture ?', 'how do I cancel my appointment?', 'je peux pas attendre, c est urgent',
    'comment je fais pour ma carte grise', "c'est pour mes impôts", 'oui',
    // Resigned to wait, not giving up.
    'tant pis je vais attendre', "bon tant pis j'attends", 'tant pis je patiente',
  ])('%s is passed on as it is', (text) => expect(waitingKind(text)).toBeUndefined());
});

describe('asksPersonAgain (at the consent question)', () => {
  test.each(['je veux reparler a la dame', 'oui je veux parler a quelqu un', 'je voudrais reparler au conseiller'])('%s', (text) =>
    expect(asksPersonAgain(text)).toBe(true));
  test.each(['je sais pas', 'c pour mes impots'])('not: %s', (text) => expect(asksPersonAgain(text)).toBe(false));
});
