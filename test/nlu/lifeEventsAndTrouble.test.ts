/**
 * Life events told as news (src/nlu/lifeEvents.ts) and a vague trouble with an account or an office's site
 * (src/nlu/accountTrouble.ts), in the citizen's spelling (task conv24, probe 68).
 */
import { plainText } from '../../src/nlu/plainText';
import { lifeEventOf } from '../../src/nlu/lifeEvents';
import { vagueTrouble } from '../../src/nlu/accountTrouble';

describe('lifeEventOf', () => {
  it.each([
    ['mon mari est décédé', 'death-spouse'], ['mon mari et decede le mois dernier', 'death-spouse'], ['ma femme est morte', 'death-spouse'],
    ['my husband passed away', 'death-spouse'], ['ma mère est morte', 'death'], ['mon papa est décédé hier', 'death'],
    ['je viens de perdre mon emploi', 'job-loss'], ['jai perdu mon boulot', 'job-loss'], ['je me suis fait licencier', 'job-loss'],
    ['ils m ont viré', 'job-loss'], ['mon contrat est fini', 'job-loss'], ['i just lost my job', 'job-loss'], ['i got fired', 'job-loss'],
    ['je me suis séparée', 'separation'], ['je me suis separer de mon mari', 'separation'], ['on est en train de divorcer', 'separation'],
    ['mon mari ma quitté', 'separation'], ['my partner left me', 'separation'], ['we split up', 'separation'],
    ["on vient d'avoir un bébé", 'birth'], ['on vien d avoir un bebe', 'birth'], ['jai accouché la semaine dernière', 'birth'],
    ['j ai eu un bébé', 'birth'], ['on a eu une petite fille', 'birth'], ['ma fille est née mardi', 'birth'], ['we just had a baby', 'birth'],
  ])('%s → %s', (text, event) => expect(lifeEventOf(plainText(text))).toBe(event));

  it.each([
    'je suis au chomage', 'je suis divorcée depuis 10 ans', "j'ai perdu mon emploi en 2019", "j'ai eu un enfant avec lui il y a 20 ans",
    'acte de naissance de ma fille', 'je suis enceinte', 'je vais accoucher en mars', 'mon mari est parti travailler', "j'ai perdu ma carte vitale",
  ])('%s → nothing', (text) => expect(lifeEventOf(plainText(text))).toBeUndefined());
});

describe('vagueTrouble', () => {
  it.each([
    ["j'ai un problème avec mon compte ameli", 'ameli'], ['jai un pb avec mon compte amelie', 'ameli'], ['probleme avec la secu', 'ameli'],
    ['souci avec mon compte caf', 'caf'], ['le site de la caf marche plus', 'caf'], ["j'ai un problème avec les impôts", 'impots'],
    ['ça bug sur france travail', 'france-travail'], ['sa beug sur pole emploi', 'france-travail'], ["j'ai un probleme avec l'ants", 'ants'],
    ['problem with my ameli account', 'ameli'], ['the tax website is not working', 'impots'],
    // No site named: which account first (session 16).
    ["j'ai un probleme avec mon compte", 'which'], ['mon compte marche pas', 'which'], ['jai un souci sur mon compte', 'which'],
    ['I have a problem with my account', 'which'],
  ])('%s → %s', (text, site) => expect(vagueTrouble(plainText(text))).toBe(site));

  it.each([
    'je veux créer mon compte ameli', "j'ai un problème avec mon compte ameli je n'arrive pas à me connecter", "j'ai un problème avec ma retraite",
    "j'ai un problème avec ma déclaration d'impôts", 'probleme de connexion ameli', "j'ai un probleme avec mon compte bancaire", 'un souci avec la caf et les impots',
    'la caf me demande 300 euros, il y a un problème', "j'ai un souci avec ameli pour ma carte vitale",
  ])('%s → nothing', (text) => expect(vagueTrouble(plainText(text))).toBeUndefined());
});
