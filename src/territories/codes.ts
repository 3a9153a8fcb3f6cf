/**
 * French territorial codes: INSEE département and commune codes, postal codes, and the
 * département a postal code belongs to.
 *
 * Postal code → département is derived, not looked up (the project ships no postal-code table):
 * - metropolitan France: the first 2 digits ("37000" → "37");
 * - Corsica: "20" is not a département since 1976; 200xx–201xx → "2A" (Corse-du-Sud),
 *   202xx–206xx → "2B" (Haute-Corse); this matches every Corsican row of La Poste's base (2020);
 * - overseas départements: the first 3 digits ("97400" → "974"); "97133" (Saint-Barthélemy) and
 *   "97150" (Saint-Martin) give "971" although both left Guadeloupe in 2007;
 * - anything else (Monaco "98000", the Pacific collectivities "986xx"–"988xx", "00xxx", "96xxx")
 *   has no département.
 * A few postal codes cross a département line: La Poste's base (2020) lists 17, e.g. "33220"
 * (Sainte-Foy-la-Grande, Gironde, also Port-Sainte-Foy-et-Ponchapt in Dordogne), "37160"
 * (Descartes, Indre-et-Loire, also Buxeuil in Vienne), "48250" (Lozère, also Laveyrune in
 * Ardèche), "05700" (Hautes-Alpes, also Villebois-les-Pins in Drôme). The prefix gives the
 * département of most of the communes; docs/territories.md lists all of them and how a territory
 * can claim such a commune.
 */

/** INSEE département codes: 01–95 (no 20), 2A, 2B, 971–976. */
export const DEPARTEMENT_RE = /^(0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5]|97[1-6])$/;

/** INSEE commune codes: département (2 characters) + 3 digits, or 97x + 2 digits. */
export const COMMUNE_RE = /^((0[1-9]|1\d|2[1-9AB]|[3-8]\d|9[0-5])\d{3}|97[1-6]\d{2})$/;

export const POSTAL_CODE_RE = /^\d{5}$/;

export function isDepartement(code: string): boolean {
  return DEPARTEMENT_RE.test(code);
}

/** The département of a commune code ("37261" → "37", "2A004" → "2A", "97411" → "974"). */
export function departementOfCommune(code: string): string | undefined {
  if (!COMMUNE_RE.test(code)) return undefined;
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

/** The département a 5-digit postal code belongs to (see the edge cases above), or undefined. */
export function departementOfPostalCode(code: string): string | undefined {
  if (!POSTAL_CODE_RE.test(code)) return undefined;
  let dep: string;
  if (code.startsWith('97') || code.startsWith('98')) dep = code.slice(0, 3);
  else if (code.startsWith('20')) dep = Number(code[2]) <= 1 ? '2A' : '2B';
  else dep = code.slice(0, 2);
  return isDepartement(dep) ? dep : undefined;
}
