/** france-services.csv (ANCT, 2024-08-01): one row per France Services office, hours per weekday. */
import { convertDayFields } from './hours';
import { cleanText, num, phone, postalCode, str, type RawPlace, type SourceResult, SourceReport, type SourceMeta } from './common';
import { readCsv } from './files';

export const FRANCE_SERVICES: SourceMeta = {
  source: 'france-services',
  file: 'france-services.csv',
  date: '2024-08-01',
  licence: 'Licence Ouverte / Etalab 2.0',
  origin: 'anct-carto/france_services data/liste-fs-20240801.csv (e1016fd7)',
};

const DAYS = ['h_lundi', 'h_mardi', 'h_mercredi', 'h_jeudi', 'h_vendredi', 'h_samedi'];

export function readFranceServices(path: string, meta = FRANCE_SERVICES): SourceResult {
  const report = new SourceReport(meta);
  const places: RawPlace[] = [];
  for (const row of readCsv(path, report, ',')) {
    const nom = cleanText(row.lib_fs);
    const cp = postalCode(row.code_postal);
    if (!nom) { report.badRow('no name'); continue; }
    if (!cp) { report.badRow('no valid postal code'); continue; }
    // Public offices close on public holidays: "PH off" is safe here (and only here).
    const hours = convertDayFields([...DAYS.map((d) => row[d]), ''], '; PH off');
    places.push({
      source: meta.source,
      sourceId: str(row.id_fs) || `${cp}-${nom}`,
      nom,
      adresse: cleanText(row.adresse),
      complement_adresse: cleanText(row.complement_adresse) || undefined,
      code_postal: cp,
      commune: cleanText(row.lib_com) || undefined,
      code_insee: /^(\d{5}|2[AB]\d{3})$/.test(str(row.insee_com)) ? str(row.insee_com) : undefined,
      latitude: num(row.latitude),
      longitude: num(row.longitude),
      telephone: phone(row.telephone),
      ...hours,
      rdv_obligatoire: str(row.prise_rdv).toLowerCase() === 'oui' ? true : undefined,
      services: ['Aide aux démarches administratives'],
      dispositif_programmes_nationaux: ['France Services'],
      date_maj: meta.date,
    });
  }
  return { report, places };
}
