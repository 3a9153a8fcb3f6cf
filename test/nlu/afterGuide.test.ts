/** What a citizen says about the guide that just ended (src/nlu/afterGuide.ts), and "vous êtes là ?" (session 17). */
import { afterGuideAsk } from '../../src/nlu/afterGuide';
import { asksIfStillThere } from '../../src/nlu/stillThere';

describe('afterGuideAsk', () => {
  test.each([
    ["c'est fini ?", 'check'], ['c bon ?', 'check'], ['comment je sais que c est bon', 'check'], ['ca y est ?', 'check'],
    ['is it done?', 'check'], ['did it work?', 'check'],
    ['et après ?', 'next'], ['je fais quoi maintenant', 'next'], ['what now?', 'next'],
    ['ça a pas marché', 'failed'], ['ca marche pas', 'failed'], ["it didn't work", 'failed'],
    ["j'ai pas reçu le mail", 'mail'], ['toujours pas de mail', 'mail'], ["I didn't get the email", 'mail'],
  ])('%s → %s', (text, ask) => expect(afterGuideAsk(text)).toBe(ask));

  test.each(["je voudrais faire ma carte d'identité", 'merci', 'je reviens demain', 'mon compte ameli marche pas depuis hier soir et je sais pas pourquoi du tout'])(
    'nothing: %s',
    (text) => expect(afterGuideAsk(text)).toBeUndefined(),
  );
});

describe('asksIfStillThere', () => {
  test.each(['vous etes la ?', 't la ?', "t'es toujours là", 'allo vous êtes là', 'are you still there?'])('%s', (text) =>
    expect(asksIfStillThere(text)).toBe(true));
  test.each(['vous êtes là pour m aider ?', 'je suis là', 'la'])('not: %s', (text) => expect(asksIfStillThere(text)).toBe(false));
});
