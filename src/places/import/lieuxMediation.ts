/**
 * The two national exports already close to the schema (mednum-cli inputs): the Conseillers
 * numériques permanences (2022-12) and data·inclusion (2023-02). Same field names; hours are
 * mostly OSM already.
 */
import { convertHours } from './hours';
import {
  cleanText, dispositifsFromLabels, isoDate, mapServices, mentionsPassNumerique, num, phone, pivot, postalCode, str, url,
  type RawPlace, type SourceResult, SourceReport, type SourceMeta,
} from './common';
import { readJsonArray } from './files';

export const CONSEILLERS_NUMERIQUES: SourceMeta = {
  source: 'conseiller-numerique',
  file: 'lieux-mediation-numerique-conseillers-numeriques-2022-12.json',
  date: '2022-12-02',
  licence: 'not stated (ANCT cartographie nationale input; Licence Ouverte expected)',
  origin: 'anct-cartographie-nationale/mednum-cli assets/input/cnfs.json (8098cc4a)',
};

export const DATA_INCLUSION: SourceMeta = {
  source: 'data-inclusion',
  file: 'lieux-mediation-numerique-data-inclusion-2023-02.json',
  date: '2023-02-06',
  licence: 'not stated (data·inclusion; Hinaura rows ODbL)',
  origin: 'anct-cartographie-nationale/mednum-cli assets/input/data-inclusion/data-inclusion.json (5c7c8a2a)',
};

export function readLieuxMediation(path: string, meta: SourceMeta): SourceResult {
  const report = new SourceReport(meta);
  const places: RawPlace[] = [];
  for (const row of readJsonArray(path, report)) {
    const place = lieuFromRow(row, meta, report);
    if (place) places.push(place);
  }
  return { report, places };
}

/**
 * One record of the national schema (a file of the standard or the national API) → a raw place; a
 * row without a name or a postal code is counted as bad. `dispositif_programmes_nationaux` (schema
 * v1) and `labels_nationaux` (older exports) both give the national programmes.
 */
export function lieuFromRow(row: Record<string, unknown>, meta: SourceMeta, report: SourceReport): RawPlace | undefined {
  const nom = cleanText(row.nom);
  const cp = postalCode(row.code_postal);
  if (!nom) { report.badRow('no name'); return undefined; }
  if (!cp) { report.badRow('no valid postal code'); return undefined; }
  const services = mapServices(str(row.services).split(/[;|]/));
  const insee = str(row.code_insee);
  const labels = [str(row.labels_nationaux), str(row.dispositif_programmes_nationaux)].filter(Boolean).join(';');
  return {
    source: meta.source,
    sourceId: str(row.id) || `${cp}-${nom}`,
    nom,
    adresse: cleanText(row.adresse),
    complement_adresse: cleanText(row.complement_adresse) || undefined,
    code_postal: cp,
    commune: cleanText(row.commune) || undefined,
    code_insee: /^(\d{5}|2[AB]\d{3})$/.test(insee) ? insee : undefined,
    latitude: num(row.latitude),
    longitude: num(row.longitude),
    telephone: phone(row.telephone),
    site_web: url(row.site_web),
    prise_rdv: url(row.prise_rdv),
    ...convertHours(str(row.horaires)),
    services,
    dispositif_programmes_nationaux: dispositifsFromLabels(labels || (meta.source === 'conseiller-numerique' ? 'CNFS' : '')),
    pass_numerique: mentionsPassNumerique(row.presentation_resume, row.presentation_detail, row.labels_nationaux),
    date_maj: isoDate(row.date_maj, meta.date),
    pivot: pivot(row.pivot),
  };
}
