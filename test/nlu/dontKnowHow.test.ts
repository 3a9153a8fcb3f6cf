/**
 * "je sais pas comment on fait" and its SMS spellings say the citizen does not know how (src/nlu/dontKnowHow.ts):
 * at a step question that is "Je bloque"; a bare "je sais pas" or a question about something else is not (task nlu22).
 */
import { saysDontKnowHow, saysStuckHow } from '../../src/nlu/dontKnowHow';
import { asksWhereToStart } from '../../src/nlu/whereToStart';

describe('not knowing how to do it', () => {
  test.each([
    'je sais pas comment on fait', 'je ne sais pas comment faire', 'je sais pas comment il faut faire', 'jsp comment on fait',
    'je comprends pas comment faire', "je vois pas trop comment on fait", 'je sais pas faire', 'comment je fais ?', 'Comment faire ?',
    'jsai pa cmt on fai', 'je c pa coment on fai', 'jsp cmt faire', 'cmt je fai', 'jcp cmnt on fait', 'j c pas comen faire',
    "I don't know how to do it", 'i dont know how to do this', 'idk how', 'how do I do that?',
  ])('%s', (text) => {
    expect(saysDontKnowHow(text)).toBe(true);
    expect(saysStuckHow(text)).toBe(true);
  });

  test.each(["j'y arrive pas", 'je n y arrive plus', "j'arrive pas à le faire", "I can't do it"])('cannot: %s', (text) => {
    expect(saysDontKnowHow(text)).toBe(false);
    expect(saysStuckHow(text)).toBe(true);
  });

  test.each([
    'je sais pas', 'jsp', 'je c pas', 'je sais pas comment il s appelle', 'comment on fait pour payer en ligne', 'c bon',
    'c la 1ere fois', 'je sais pas combien ça coûte', "I don't know how much it costs", 'oui', "je n'arrive pas à me connecter",
  ])('not this: %s', (text) => expect(saysStuckHow(text)).toBe(false));

  test("'c la 1ere fois' is the first time (where to start)", () => expect(asksWhereToStart('c la 1ere fois')).toBe(true));
});
