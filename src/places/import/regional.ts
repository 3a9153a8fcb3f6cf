/**
 * The regional directories (raw formats, each with its own field names): Hub-Lo (Centre-Val de
 * Loire), Gironde, Creuse, Pyrénées-Atlantiques (Fibre 64). Only what describes a place is kept:
 * no e-mails, no descriptions, no adviser's name or mobile number.
 */
import { fold } from '../../text/fold';
import type { Dispositif, Service } from '../schema';
import { convertHours, type Day } from './hours';
import {
  cleanText, isMobile, isoDate, mapServices, mentionsPassNumerique, num, phone, pivot, postalCode, str, url,
  type RawPlace, type SourceResult, SourceReport, type SourceMeta,
} from './common';
import { readJsonArray } from './files';

const MCLI = 'anct-cartographie-nationale/mednum-cli';

export const HUB_LO: SourceMeta = {
  source: 'hub-lo',
  file: 'lieux-mediation-numerique-centre-val-de-loire-hub-lo-2023-02.json',
  date: '2023-02-21',
  licence: 'not stated (Hub-Lo regional directory via ANCT)',
  origin: `${MCLI} assets/input/hub-lo/hub-lo.json (47468523)`,
};
export const GIRONDE: SourceMeta = {
  source: 'gironde',
  file: 'lieux-mediation-numerique-gironde-33.json',
  date: '2024-03-11',
  licence: 'not stated (Département de la Gironde via ANCT)',
  origin: `${MCLI} assets/input/gironde/gironde.json (cd960538)`,
};
export const CREUSE: SourceMeta = {
  source: 'creuse',
  file: 'lieux-mediation-numerique-creuse-23-2023.json',
  date: '2023-03-20',
  licence: 'not stated (Creuse via ANCT)',
  origin: `${MCLI} assets/input/la-creuse/la-creuse.json (08136e45)`,
};
export const FIBRE64: SourceMeta = {
  source: 'fibre64',
  file: 'lieux-mediation-numerique-pyrenees-atlantiques-64-fibre64-2023.json',
  date: '2023-04-24',
  licence: 'not stated (Fibre 64 survey via ANCT)',
  origin: `${MCLI} assets/input/fibre-64/fibre-64.json (0db19a90)`,
};

const WEEKDAYS: Record<string, Day> = { lundi: 0, mardi: 1, mercredi: 2, jeudi: 3, vendredi: 4, samedi: 5, dimanche: 6 };

/** "{Lundi,Mardi}" → [0, 1] */
function hubLoDays(v: unknown): Day[] {
  return str(v)
    .replace(/[{}"]/g, '')
    .split(',')
    .map((d) => WEEKDAYS[fold(d)])
    .filter((d): d is Day => d !== undefined);
}

export function readHubLo(path: string, meta = HUB_LO): SourceResult {
  const report = new SourceReport(meta);
  const places: RawPlace[] = [];
  for (const row of readJsonArray(path, report)) {
    const nom = cleanText(row.c_nom);
    const cp = postalCode(row.c_postcode);
    if (!nom) { report.badRow('no name'); continue; }
    if (!cp) { report.badRow('no valid postal code'); continue; }
    const categories = fold(str(row.c_categories_espace)).replace(/[{}"]/g, '').split(',').filter(Boolean);
    const helps = str(row.c_accompagnement_personnel) === 'oui';
    if (!helps && categories.length > 0 && categories.every((c) => c === 'coworking' || c === 'fablab')) {
      report.skip('coworking or fablab without personal help');
      continue;
    }
    const services = new Set<Service>();
    if (categories.includes('msap')) services.add('Aide aux démarches administratives');
    if (/demarche|administrati|caf|impot|droits/.test(fold(str(row.c_accompagnement_personnel_detail)))) services.add('Aide aux démarches administratives');
    if (helps || categories.some((c) => c === 'epn' || c === 'club-info')) services.add('Maîtrise des outils numériques du quotidien');
    if (str(row.c_materiel_info) === 'oui') services.add('Accès internet et matériel informatique');
    const dispositifs: Dispositif[] = categories.includes('promeneur du net') ? ['Promeneurs du net'] : [];
    const hoursText = [str(row.c_horaire_ouverture), str(row.c_autres_horaires)].filter(Boolean).join(' ');
    places.push({
      source: meta.source,
      sourceId: str(row.gid) || `${cp}-${nom}`,
      nom,
      adresse: cleanText(row.c_adresse),
      code_postal: cp,
      commune: cleanText(row.c_city) || undefined,
      latitude: num(row.c_lat_coor1),
      longitude: num(row.c_long_coor1),
      // c_telephone is the place's; c_mobile is often a person's: not kept.
      telephone: phone(row.c_telephone),
      site_web: url(row.c_site_web),
      ...convertHours(hoursText, hubLoDays(row.c_jours_semaine)),
      services: [...services],
      dispositif_programmes_nationaux: dispositifs,
      pass_numerique: mentionsPassNumerique(row.c_accompagnement_personnel_detail, row.c_formation_detail, row.c_etiquettes),
      date_maj: isoDate(row.c__edit_datemaj, meta.date),
      pivot: pivot(row.c_siren_site),
    });
  }
  return { report, places };
}

/** "8 rue de la Boétie - 33000 Bordeaux" → street, postal code, commune. */
export function splitFrenchAddress(text: string): { street: string; cp?: string; commune?: string } {
  const m = /^(.*?)[\s,–-]*\b(\d{5})\b\s*(.*)$/.exec(text.trim());
  if (!m) return { street: text.trim() };
  return { street: m[1].replace(/[\s,–-]+$/, '').trim(), cp: m[2], commune: m[3].trim() || undefined };
}

export function readGironde(path: string, meta = GIRONDE): SourceResult {
  const report = new SourceReport(meta);
  const places: RawPlace[] = [];
  for (const row of readJsonArray(path, report)) {
    const nom = cleanText(row.Lieu);
    if (!nom) { report.badRow('no name'); continue; }
    const addr = splitFrenchAddress(str(row['Adresse postale']));
    const commune = cleanText(row.Commune) || addr.commune;
    if (!addr.cp && !commune) { report.badRow('no postal code and no commune'); continue; }
    const services = mapServices(str(row.services).split(/\s*\/\s*/));
    places.push({
      source: meta.source,
      sourceId: `${nom}|${str(row['Adresse postale'])}`,
      nom,
      adresse: cleanText(addr.street),
      // No postal-code field: taken from the address, or from the commune name at geocoding time.
      code_postal: addr.cp ?? '',
      commune,
      // "Coord. X" is the latitude and "Coord. Y" the longitude (see the data README).
      latitude: num(row['Coord. X']),
      longitude: num(row['Coord. Y']),
      telephone: phone(row['Téléphone']),
      site_web: url(row['Site internet']),
      services,
      dispositif_programmes_nationaux: [],
      pass_numerique: mentionsPassNumerique(row.Description, row['Libellé 1'], row['Libellé 2']),
      date_maj: isoDate(row['Dernière MAJ'], meta.date),
    });
  }
  return { report, places };
}

/** Words that make "Gouzon - Association SympaTIC" a structure, not a person. */
const NOT_A_PERSON = /\b(association|asso|maison|bus|cafe|centre|espace|mediatheque|bibliotheque|mairie|jeune|jeunes|numerique|services?|france|ressourcerie|atelier|ateliers|club|mjc|cyber|regroupe|quincaillerie|chai|palette|dynamo|mine|mines)\b/;

/**
 * The Creuse file names some places after their adviser ("Guéret - Claire Bonhomme"): a part of
 * the name that looks like "Firstname Lastname" is dropped. Returns the cleaned name and whether a
 * person was removed.
 */
export function withoutPersonName(name: string): { nom: string; person: boolean } {
  const parts = name.split(/\s+-\s*|\s*-\s+/).map((p) => p.trim()).filter(Boolean);
  const isPerson = (p: string) =>
    /^[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?\s+[A-ZÀ-Ý][a-zà-ÿA-ZÀ-Ý'-]+$/.test(p) && !NOT_A_PERSON.test(fold(p));
  const kept = parts.filter((p) => !isPerson(p));
  return { nom: (kept.length > 0 ? kept : parts.slice(0, 1)).join(' - '), person: kept.length < parts.length };
}

export function readCreuse(path: string, meta = CREUSE): SourceResult {
  const report = new SourceReport(meta);
  const places: RawPlace[] = [];
  for (const row of readJsonArray(path, report)) {
    const rawName = cleanText(row.nom);
    const cp = postalCode(row.code_postal);
    if (!rawName) { report.badRow('no name'); continue; }
    if (!cp) { report.badRow('no valid postal code'); continue; }
    const { nom } = withoutPersonName(rawName);
    const tel = phone(row['téléphone']);
    // "9 Place de la Poste 23800 Dun Le Palestel" → "9 Place de la Poste"
    const street = splitFrenchAddress(str(row.adresse)).street || str(row.adresse);
    places.push({
      source: meta.source,
      sourceId: str(row.id) || `${cp}-${nom}`,
      nom,
      adresse: cleanText(street),
      code_postal: cp,
      commune: cleanText(row.commune) || undefined,
      latitude: num(row.latitude),
      longitude: num(row.longitude),
      // The Creuse mobile numbers are the itinerant advisers' own (the same number on every place
      // an adviser visits, next to their name): only landlines, the places' own, are kept.
      telephone: isMobile(tel) ? undefined : tel,
      ...convertHours(str(row.horaires)),
      services: mapServices(str(row.services).split(/[;|]/)),
      dispositif_programmes_nationaux: [],
      date_maj: meta.date,
    });
  }
  return { report, places };
}

const OFTEN = new Set(['souvent', 'de temps en temps']);

export function readFibre64(path: string, meta = FIBRE64): SourceResult {
  const report = new SourceReport(meta);
  const places: RawPlace[] = [];
  for (const row of readJsonArray(path, report)) {
    const nom = cleanText(row.Nomdelastructure);
    const cp = postalCode(row.Codepostal) ?? postalCode(row.result_postcode);
    if (!nom) { report.badRow('no name'); continue; }
    if (!cp) { report.badRow('no valid postal code'); continue; }
    const services: Service[] = [];
    if (OFTEN.has(fold(str(row.Demarchesadministratives)))) services.push('Aide aux démarches administratives');
    if (OFTEN.has(fold(str(row.InitiationaunumeriqueFormationApprentissagePerfectionnement)))) services.push('Maîtrise des outils numériques du quotidien');
    if (OFTEN.has(fold(str(row.Accesadesequipementsetuneconnexioninternet)))) services.push('Accès internet et matériel informatique');
    const appointmentOnly = str(row.Surrendezvousinscription) !== '' && str(row.Enlibreacces) === '';
    places.push({
      source: meta.source,
      sourceId: `${nom}|${cp}`,
      nom,
      adresse: cleanText(row.Adressenumeronomdelavoie),
      complement_adresse: cleanText(row['Complementdadresseexquartier...']) || undefined,
      code_postal: cp,
      commune: cleanText(row.Ville) || cleanText(row.result_city) || undefined,
      code_insee: /^\d{5}$/.test(str(row.result_citycode)) ? str(row.result_citycode) : undefined,
      latitude: num(row.latitude),
      longitude: num(row.longitude),
      telephone: phone(row.Telephone),
      site_web: url(row.SiteWeb),
      ...convertHours(str(row.Leshorairesdemastructure)),
      rdv_obligatoire: appointmentOnly ? true : undefined,
      services,
      dispositif_programmes_nationaux: [],
      pass_numerique: mentionsPassNumerique(row.Jedecrislesactionsdinclusionnumeriquedemastructureenquelquesmots, row.Lestarifsdemastructure),
      date_maj: meta.date,
    });
  }
  return { report, places };
}

