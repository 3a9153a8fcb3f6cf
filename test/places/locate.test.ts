/** Postal code or commune name → where to search, fuzzy, accents optional (La Poste's table). */
import { defaultDirectory } from '../../src/places/index';
import { prettyCommune } from '../../src/places/import/postalCodes';

const gaz = defaultDirectory().gazetteer;

function found(text: string) {
  const r = gaz.locate(text);
  if (r.kind !== 'found') throw new Error(`${text}: ${JSON.stringify(r).slice(0, 200)}`);
  return r.locality;
}

test.each(['gueret', 'GUERET', 'Guéret', 'j’habite à Guéret', '23000', '23 000', 'gueret 23000', 'guerret'])('%j → Guéret', (text) => {
  expect(found(text)).toMatchObject({ insee: '23096', name: 'Guéret', postalCode: '23000' });
});

test.each(['st jean de luz', 'Saint-Jean-de-Luz', 'saint jean de luz', 'ST-JEAN-DE-LUZ', 'saint jean de lu', '64500'])('%j → Saint-Jean-de-Luz', (text) => {
  expect(found(text)).toMatchObject({ insee: '64483', name: 'Saint-Jean-de-Luz', postalCode: '64500' });
});

test('a postal code shared by several communes goes to the one with the help places', () => {
  expect(found('23000').name).toBe('Guéret'); // not Savennes or Peyrabout
  expect(found('64500').name).toBe('Saint-Jean-de-Luz'); // not Ciboure
});

test('a commune with several postal codes is one answer', () => {
  expect(found('bordeaux')).toMatchObject({ insee: '33063', name: 'Bordeaux' });
  expect(found('Tours')).toMatchObject({ insee: '37261', postalCode: '37000' });
  expect(found('bordaux')).toMatchObject({ insee: '33063' }); // a typo
});

test('a name shared by several communes of similar weight: the citizen chooses', () => {
  const r = gaz.locate('saint denis');
  expect(r.kind).toBe('ambiguous');
  if (r.kind !== 'ambiguous') return;
  const inseeCodes = r.options.map((o) => o.insee);
  expect(inseeCodes.slice(0, 2).sort()).toEqual(['93066', '97411']);
});

test('the postal code with the name picks among the communes of that code', () => {
  expect(found('Peyrabout 23000')).toMatchObject({ insee: '23150', name: 'Peyrabout' });
});

test.each(['99999', 'xyzzy', 'a', '', 'je ne sais pas'])('%j is unknown', (text) => {
  expect(gaz.locate(text).kind).toBe('unknown');
});

test('La Poste names are written back the usual way', () => {
  expect(prettyCommune('ST JEAN DE LUZ', new Map())).toBe('Saint-Jean-de-Luz');
  expect(prettyCommune('LE MANS', new Map())).toBe('Le Mans');
  expect(prettyCommune('L ISLE ADAM', new Map())).toBe("L'Isle-Adam");
  expect(prettyCommune('PARIS 11', new Map())).toBe('Paris 11');
  expect(prettyCommune('GUERET', new Map([['gueret', 'Guéret']]))).toBe('Guéret');
});

describe('a commune named in a sentence', () => {
  test.each([
    ["j'habite à Dijon, où on peut m'aider ?", 'Dijon'],
    ['y a t il un endroit a amiens pour m aider avec les papiers', 'Amiens'],
    ['horaires france services gueret', 'Guéret'],
    ["je suis né à Lille et j'habite à Bordeaux", 'Bordeaux'],
    ['france services de saint jean de luz', 'Saint-Jean-de-Luz'],
  ])('%j → %s', (text, name) => {
    const r = gaz.inSentence(text);
    expect(r.kind === 'found' && r.locality.name).toBe(name);
  });

  test.each(["où trouver de l'aide près de chez moi", 'un point d accueil numerique dans ma commune', 'je veux aller au guichet', "une aide à l'hôpital", 'j habite a cote de chez vous'])(
    '%j names no commune',
    (text) => {
      expect(gaz.inSentence(text).kind).toBe('unknown');
    },
  );
});
