/**
 * The themes of the Coop de la médiation numérique's activity reports (CRA), as a guide's `theme`:
 * the API values and labels of `apps/web/src/features/activites/use-cases/cra/fields/thematique.ts` in
 * inclusion-numerique/coop-mediation-numerique at commit 46aa33bdf21c42c2d5bbb2913f5c453cca5a9542
 * (2026-06-30). docs/coop-report.md explains the mapping. Administrative themes ("démarches") are what most
 * guides are; a few guides teach a digital skill instead (e-mail, security, equipment).
 */
export const COOP_ADMIN_THEMES = {
  papiers_elections_citoyennete: 'Papiers - Élections - Citoyenneté',
  famille_scolarite: 'Famille - Scolarité',
  social_sante: 'Social - Santé',
  travail_formation: 'Travail - Formation - Entreprise',
  logement: 'Logement',
  transports_mobilite: 'Transports - Mobilité',
  argent_impots: 'Argent - Impôts',
  justice: 'Justice',
  etrangers_europe: 'Étrangers - Europe',
  loisirs_sports_culture: 'Loisirs - Sports - Culture',
  associations: 'Associations',
} as const;

export const COOP_OTHER_THEMES = {
  diagnostic_numerique: 'Diagnostic numérique',
  prendre_en_main_du_materiel: 'Prendre en main du matériel',
  maintenance_de_materiel: 'Maintenance de matériel',
  gere_ses_contenus_numeriques: 'Gérer ses contenus numériques',
  navigation_sur_internet: 'Navigation sur internet',
  email: 'E-mail',
  bureautique: 'Bureautique',
  reseaux_sociaux: 'Réseaux sociaux communication',
  sante: 'Santé',
  banque_et_achats_en_ligne: 'Banque et achats en ligne',
  entrepreneuriat: 'Accompagner un professionnel',
  insertion_professionnelle: 'Insertion professionnelle',
  securite_numerique: 'Prévention en sécurité numérique',
  parentalite: 'Parentalité',
  scolarite_et_numerique: 'Scolarité et numérique',
  creer_avec_le_numerique: 'Créer avec le numérique',
  culture_numerique: 'Culture numérique',
  intelligence_artificielle: 'Intelligence artificielle (IA)',
  aide_aux_demarches_administratives: 'Aide aux démarches administratives',
} as const;

export type CoopAdminTheme = keyof typeof COOP_ADMIN_THEMES;
export type CoopTheme = CoopAdminTheme | keyof typeof COOP_OTHER_THEMES;

export const COOP_THEME_LABELS: Readonly<Record<CoopTheme, string>> = { ...COOP_OTHER_THEMES, ...COOP_ADMIN_THEMES };
export const COOP_THEMES = Object.keys(COOP_THEME_LABELS) as [CoopTheme, ...CoopTheme[]];

export function isAdminTheme(theme: string): theme is CoopAdminTheme {
  return Object.hasOwn(COOP_ADMIN_THEMES, theme);
}
