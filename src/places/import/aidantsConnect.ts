/**
 * aidants-connect-structures-2024-02.csv: structures whose trained "aidants" do online procedures
 * for people. No coordinates (placed at the commune's centre), no hours, no phone.
 */
import { cleanText, pivot, postalCode, str, type RawPlace, type SourceResult, SourceReport, type SourceMeta } from './common';
import { readCsv } from './files';
import { splitFrenchAddress } from './regional';
import type { Dispositif } from '../schema';

export const AIDANTS_CONNECT: SourceMeta = {
  source: 'aidants-connect',
  file: 'aidants-connect-structures-2024-02.csv',
  date: '2024-02-12',
  licence: 'not stated (internal ANCT export; check reuse terms before publishing)',
  origin: 'inclusion-numerique/stack apps/web/public/data/20240212-aidants_connect_structures.csv (8cb7b0e7)',
};

export function readAidantsConnect(path: string, meta = AIDANTS_CONNECT): SourceResult {
  const report = new SourceReport(meta);
  const places: RawPlace[] = [];
  for (const row of readCsv(path, report, ',')) {
    if (str(row['Is Active']).toLowerCase() !== 'true') { report.skip('inactive structure'); continue; }
    const nom = cleanText(row.Name);
    const cp = postalCode(row['Zip Code']);
    if (!nom) { report.badRow('no name'); continue; }
    if (!cp) { report.badRow('no valid postal code'); continue; }
    const insee = str(row['City Insee Code']);
    const dispositifs: Dispositif[] = ['Aidants Connect'];
    if (str(row['France Services Label']).toLowerCase() === 'true') dispositifs.push('France Services');
    places.push({
      source: meta.source,
      sourceId: str(row.ID) || str(row.UUID) || `${cp}-${nom}`,
      nom,
      // "20 Avenue de Ségur, 75007 Paris" → "20 Avenue de Ségur"
      adresse: cleanText(splitFrenchAddress(str(row.Address)).street || row.Address),
      code_postal: cp,
      commune: cleanText(row.City) || undefined,
      code_insee: /^(\d{5}|2[AB]\d{3})$/.test(insee) ? insee : undefined,
      services: ['Aide aux démarches administratives'],
      dispositif_programmes_nationaux: dispositifs,
      date_maj: meta.date,
      pivot: pivot(row.Siret),
    });
  }
  return { report, places };
}
