/**
 * A place where a citizen gets human help with online formalities, normalised close to the national
 * schema "lieux de médiation numérique" v1.0.2 (LaMednum/standard-mediation-num): same field names
 * where the schema has them, plus what the bot needs (where the coordinates come from, hours kept as
 * text when they could not be converted, the sources the place was merged from).
 */
import { z } from 'zod';

/** The national schema's `services` vocabulary (v1.0.2). */
export const SERVICES = [
  'Aide aux démarches administratives',
  'Maîtrise des outils numériques du quotidien',
  'Insertion professionnelle via le numérique',
  'Utilisation sécurisée du numérique',
  'Parentalité et éducation avec le numérique',
  'Loisirs et créations numériques',
  'Compréhension du monde numérique',
  'Accès internet et matériel informatique',
  'Acquisition de matériel informatique à prix solidaire',
] as const;
export type Service = (typeof SERVICES)[number];

/** The national schema's `dispositif_programmes_nationaux` values we can derive from the sources. */
export const DISPOSITIFS = ['France Services', 'Conseillers numériques', 'Aidants Connect', 'Promeneurs du net'] as const;
export type Dispositif = (typeof DISPOSITIFS)[number];

export const SOURCE_IDS = [
  'france-services',
  'aidants-connect',
  'data-inclusion',
  'conseiller-numerique',
  'hub-lo',
  'gironde',
  'creuse',
  'fibre64',
  /** The ANCT national API (`import-places --source api`). */
  'cartographie-nationale',
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

export const PlaceSchema = z.object({
  id: z.string().min(1),
  nom: z.string().min(1),
  adresse: z.string(),
  complement_adresse: z.string().optional(),
  code_postal: z.string().regex(/^\d{5}$/),
  commune: z.string().min(1),
  code_insee: z.string().regex(/^(\d{5}|2[AB]\d{3})$/).optional(),
  latitude: z.number().min(-90).max(90),
  longitude: z.number().min(-180).max(180),
  /** `commune`: no coordinates in any source, placed at the commune's centre (postal-code table). */
  precision: z.enum(['adresse', 'commune']),
  /** E.164 (+33…), the place's own number. */
  telephone: z.string().regex(/^\+\d{8,15}$/).optional(),
  site_web: z.string().url().optional(),
  prise_rdv: z.string().url().optional(),
  /** The source says an appointment is needed (France Services `prise_rdv` = Oui). */
  rdv_obligatoire: z.literal(true).optional(),
  /** OSM opening_hours, validated with the opening_hours library. */
  horaires: z.string().optional(),
  /** The source's own words when they could not be converted (never both). */
  horairesText: z.string().optional(),
  services: z.array(z.enum(SERVICES)),
  dispositif_programmes_nationaux: z.array(z.enum(DISPOSITIFS)),
  /** true only when a source says so in the place's own description or labels; absent = unknown. */
  pass_numerique: z.literal(true).optional(),
  /** The newest date among the merged sources (YYYY-MM-DD); the date of the hours is `horairesDate`. */
  date_maj: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  horairesDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  sources: z.array(z.object({ source: z.enum(SOURCE_IDS), id: z.string() })).min(1),
});
export type Place = z.infer<typeof PlaceSchema>;

/**
 * One (commune, postal code) pair of La Poste's table, compact: [insee, name, postal code, lat, lon,
 * flags, places]. flags: 1 = the commune a postal code search goes to (the one with the most help
 * places, else the one it is delivered to), 2 = a former commune's name (Ligne_5), an alias.
 * places = how many help places the index has in that commune (orders ambiguous names).
 */
export type CommuneRow = [string, string, string, number, number, number, number];

export interface SourceSummary {
  source: SourceId;
  file: string;
  date: string;
  licence: string;
  read: number;
  kept: number;
  /** Kept records that turned out to be a place already given by another record. */
  mergedIntoAnother: number;
  skipped: number;
  bad: number;
  badReasons: Record<string, number>;
  geocoded: number;
  hoursConverted: number;
  hoursText: number;
  /** The file could not be read at all. */
  fatal?: string;
}

export const IndexFileSchema = z.object({
  version: z.literal(1),
  generatedAt: z.string(),
  sources: z.array(z.custom<SourceSummary>()),
  merged: z.number(),
  places: z.array(PlaceSchema),
});
export type IndexFile = z.infer<typeof IndexFileSchema>;

export const CommunesFileSchema = z.object({
  version: z.literal(1),
  source: z.string(),
  rows: z.array(z.tuple([z.string(), z.string(), z.string(), z.number(), z.number(), z.number().int(), z.number().int()])),
});
export type CommunesFile = z.infer<typeof CommunesFileSchema>;
