/**
 * Everyday words as people who write by ear or in SMS type them ("c ma fille ki fait mes papié dabitude", "pk la caf",
 * "tjr pas", "mon mari fesait tout", "le courier de l'ameli"): one folded word → the written word(s). Read by the
 * understanding patterns (`plainText`, through PHONETIC in src/nlu/phonetic.ts) and by the router (FR_SMS in
 * src/nlu/french.ts), so a message written by ear gets the answer of the same message well written.
 *
 * Only spellings that are no other common word: "peu" ("un peu"), "me" ("mé" once folded), "ce" ("cé") or "c" alone
 * are read in context instead (EVERYDAY_PHRASES below, and the accented ones before folding in src/nlu/plainText.ts).
 */
export const EVERYDAY_BY_EAR: Record<string, string> = {
  // who, what, when, why, how
  ki: 'qui', ke: 'que', kan: 'quand', kand: 'quand', qd: 'quand', kel: 'quel', kelle: 'quelle', kels: 'quels', kelles: 'quelles',
  pk: 'pourquoi', pq: 'pourquoi', pkoi: 'pourquoi', pourkoi: 'pourquoi', pourquoa: 'pourquoi', pourqoi: 'pourquoi', porquoi: 'pourquoi',
  pcq: 'parce que', pck: 'parce que', psk: 'parce que', paske: 'parce que', parske: 'parce que', pasque: 'parce que', parceque: 'parce que',
  koman: 'comment', komen: 'comment', komment: 'comment', komant: 'comment', commen: 'comment', comen: 'comment',
  cmt: 'comment', cmnt: 'comment', cmmt: 'comment', coment: 'comment', comant: 'comment', commant: 'comment', koment: 'comment',
  // "jcp" ("j'sais pas" said "j'c pas"), as "jsp"; "fai" ("on fai", "c fai") is no word of its own
  jcp: 'je sais pas', fai: 'fait',
  keske: 'qu est ce que', kesk: 'qu est ce que', quesque: 'qu est ce que', kesque: 'qu est ce que', qesque: 'qu est ce que',
  // always, much, too, also, now, today
  tjr: 'toujours', tjrs: 'toujours', tjs: 'toujours', toujour: 'toujours', touj: 'toujours',
  bcp: 'beaucoup', bocou: 'beaucoup', boku: 'beaucoup', bocoup: 'beaucoup', beaucou: 'beaucoup',
  tro: 'trop', oci: 'aussi', ossi: 'aussi', aussie: 'aussi', encor: 'encore', ancor: 'encore',
  mtn: 'maintenant', mnt: 'maintenant', maintenan: 'maintenant', mintenan: 'maintenant', maintnan: 'maintenant',
  auj: 'aujourd hui', ajd: 'aujourd hui', ojd: 'aujourd hui', aujourdhui: 'aujourd hui', ojourdui: 'aujourd hui', aujourdui: 'aujourd hui',
  dabitude: 'd habitude', dhabitude: 'd habitude', dabitud: 'd habitude', dabittude: 'd habitude',
  // papers and letters
  papie: 'papiers', papies: 'papiers', papiez: 'papiers', papye: 'papiers', papyes: 'papiers',
  courier: 'courrier', couriers: 'courriers', courie: 'courrier', courrie: 'courrier', courriee: 'courrier', kourier: 'courrier',
  letre: 'lettre', letres: 'lettres', lettr: 'lettre', recomande: 'recommande', recomandee: 'recommandee',
  // doing, receiving, understanding, helping
  fesait: 'faisait', fesai: 'faisait', fesais: 'faisait', fezait: 'faisait', fesaient: 'faisaient',
  resu: 'recu', ressu: 'recu', resus: 'recu',
  konpren: 'comprends', conpren: 'comprends', compren: 'comprends', comprand: 'comprends', konprend: 'comprends', comprent: 'comprends', compri: 'compris', konpri: 'compris',
  daide: 'd aide', maide: 'm aide', maidait: 'm aidait', maidai: 'm aidait', dargent: 'd argent', largent: 'l argent',
  sui: 'suis', doi: 'dois', fo: 'faut', fau: 'faut', avk: 'avec', dc: 'donc', ns: 'nous', vs: 'vous',
  // logging in with one "n" ("je narive pa a me conecter")
  arive: 'arrive', narive: 'n arrive', narrive: 'n arrive',
  conecter: 'connecter', conecte: 'connecte', conectee: 'connectee', conection: 'connexion', conexion: 'connexion', connection: 'connexion',
  qqch: 'quelque chose', qqc: 'quelque chose', kelkechose: 'quelque chose', quelquechose: 'quelque chose',
  // a death: "il est deceder", "ma femme est mor", "je suis veve"
  deceder: 'decede', dcd: 'decede', mor: 'mort', veve: 'veuve', veuv: 'veuve', veuvve: 'veuve', partit: 'parti',
  telefone: 'telephone',
  // English by ear ('a leter from ameli', 'my son does evrything')
  leter: 'letter', leters: 'letters', evrything: 'everything', everyting: 'everything', evrythin: 'everything', somone: 'someone', sombody: 'somebody', telefon: 'telephone', telephonne: 'telephone',
};

/** Words that are read only in context (folded text, words already written out). */
export const EVERYDAY_PHRASES: Array<[RegExp, string]> = [
  // "c ma fille", "c normal", "c koi": a lone "c" before what "c'est" introduces (a lone "c" answer stays).
  [/\bc (?=(?:ma|mon|mes|sa|son|ses|notre|nos|leur|le|la|les|un|une|lui|elle|eux|moi|toi|normal|normale|grave|urgent|quoi|qui|combien|pour|pas|bon|fini|vrai|faux|trop|tres|possible|obligatoire|gratuit|payant|cher|ou|quand|comment|pourquoi|dur|difficile|complique)\b)/g, 'c est '],
  // "cé ma voisine", "cé normal": "ce" (a folded "cé") before what only "c'est" introduces ("ce qui" stays).
  [/\bce (?=(?:ma|mon|mes|moi|lui|normal|normale|grave|urgent|combien|gratuit|payant|vrai|possible|obligatoire|complique|difficile)\b)/g, 'c est '],
  // "elle peu pa", "je peu plus": "peu" for "peut" / "peux" after its subject ("un peu" stays).
  [/\b(il|elle|on|ca) peu (?=(?:pas|plus|rien|jamais|le|la|les|m|me|venir|faire|pas)\b)/g, '$1 peut '],
  [/\b(je|j) peu (?=(?:pas|plus|rien|jamais|le|la|les|vous|te|venir|faire|payer)\b)/g, 'je peux '],
  // "il é parti", "elle es partie": "é" (folded "e") or "es" for "est" after "il" / "elle".
  [/\b(il|elle|c|ca) (?:e|es|et) (?=(?:parti|partie|mort|morte|decede|decedee|malade|la|plus|pas|occupe|occupee|loin|a l hopital|au travail|partis)\b)/g, '$1 est '],
  // "jé recu", "jé perdu": "jé" (folded "je") for "j'ai" before a past participle.
  [/\bje (?=(?:recu|eu|perdu|besoin|oublie|envoye|ete|compris|rien compris|pas compris|jamais eu)\b)/g, 'j ai '],
];
