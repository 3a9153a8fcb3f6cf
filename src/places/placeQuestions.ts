/**
 * Questions about the places of help on screen, answered for each from what the directory knows:
 * - an appointment ("il faut prendre rdv ?", "on peut y aller sans rendez-vous ?", "do I need an appointment?"): a
 *   booking link, on appointment (France Services' `prise_rdv` = Oui), or not known — then who to call;
 * - the price ("c'est gratuit ?", "c'est payant ?", "is it free?"): free where a national programme says so (France
 *   Services, conseillers numériques, Aidants Connect), else not known — then who to call.
 */
import type { StringKey } from '../i18n/strings';
import type { Place } from './schema';
import { formatPhone } from './render';
import { rankSaid } from '../nlu/numberWords';

export type PlaceQuestion = 'appointment' | 'price';

/** What folded text asks about the places, if it is one of these questions. */
export function placeQuestion(folded: string): PlaceQuestion | undefined {
  const t = folded.replace(/[-'’]/g, ' ');
  // A short question: a longer sentence is about something else ("je dois payer mes impôts avant vendredi").
  if (t.split(/\s+/).filter(Boolean).length > 8) return undefined;
  // "un rendez-vous avec un conseiller": a person asked for, not a question about these places.
  if (/\b(?:conseill\w*|personne|quelqu un|humain|mediat\w*|advis\w*|person|someone|human|agent)\b/.test(t)) return undefined;
  if (/\b(?:rdv|rendez ?vous|rendezvous|rendes vous|prendre un creneau|reserver|appointment|book(?:ing)?)\b/.test(t)) return 'appointment';
  if (/\b(?:gratuite?s?|gratos|payante?s?|faut (?:il )?payer|dois (?:je )?payer|combien (?:ca|ça|sa|c est|ils prennent)|ca coute|sa coute|cher|prix|tarifs?|free|cost|costs|pay|fee|fees)\b/.test(t)) return 'price';
  return undefined;
}

/** A rank word ("premier", "la deuxième", "the third", "le dernier", "2e"): a number in words alone is no rank here. */
const RANK_WORD = /\b(?:premiere?|second|seconde|\w+iem|\w+ieme|first|third|fourth|fifth|derniere?|last|\d+(?:er|ere|e|eme|nd|rd|th))\b/;

/**
 * "le premier c'est où exactement ?", "la deuxième elle ouvre quand", "the last one": the place named by its rank in
 * a short message (0-based), if it is one of the `shown` (src/nlu/numberWords.ts reads the rank). "en premier",
 * "d'abord" say an order, not a place.
 */
export function placeByRank(folded: string, shown: number): number | undefined {
  const t = folded.replace(/[-'’]/g, ' ');
  if (t.split(/\s+/).filter(Boolean).length > 8 || !RANK_WORD.test(t) || /\b(?:en premier|au premier|premier(?:e)? fois|first time)\b/.test(t)) return undefined;
  const rank = rankSaid(t, shown);
  return rank !== undefined && rank <= shown ? rank - 1 : undefined;
}

/** "c'est où ?", "l'adresse ?", "comment j'y vais": where the place is (its card shows the address). */
export function asksWhere(folded: string): boolean {
  const t = folded.replace(/[-'’]/g, ' ');
  return t.split(/\s+/).filter(Boolean).length <= 8 && /\b(?:c est ou|c ou|cest ou|ou c est|ou ca se trouve|ou se trouve|ou il est|ou elle est|ou est (?:il|elle|ce)|adresse|comment (?:y aller|j y vais|on y va)|where|address|how do i get)\b/.test(t);
}

type T = (key: StringKey, vars?: Record<string, string | number>) => string;

/** Programmes whose help is free for the citizen, as their official sites say. */
const FREE_PROGRAMMES = new Map<string, StringKey>([
  ['France Services', 'places.freeFranceServices'],
  ['Conseillers numériques', 'places.freeConseiller'],
  ['Aidants Connect', 'places.freeAidantsConnect'],
]);

/** The title, then one line a place ("2. Maison France Services : sur rendez-vous."), numbered as on screen. */
export function placeAnswers(question: PlaceQuestion, places: Array<{ n: number; place: Place }>, t: T): string[] {
  const lines = places.map(({ n, place }) => (question === 'appointment' ? appointmentLine(n, place, t) : priceLine(n, place, t)));
  return [t(question === 'appointment' ? 'places.rdvTitle' : 'places.priceTitle'), ...lines];
}

function appointmentLine(n: number, place: Place, t: T): string {
  const name = place.nom;
  if (place.prise_rdv) return t('places.rdvBook', { n, name, url: place.prise_rdv });
  if (place.rdv_obligatoire) return t(place.telephone ? 'places.rdvNeededPhone' : 'places.rdvNeeded', { n, name, phone: formatPhone(place.telephone ?? '') });
  return unknownLine(n, place, t);
}

function priceLine(n: number, place: Place, t: T): string {
  const programme = place.dispositif_programmes_nationaux.find((d) => FREE_PROGRAMMES.has(d));
  if (programme) return t('places.free', { n, name: place.nom, why: t(FREE_PROGRAMMES.get(programme)!) });
  return unknownLine(n, place, t);
}

function unknownLine(n: number, place: Place, t: T): string {
  return place.telephone ? t('places.rdvUnknownPhone', { n, name: place.nom, phone: formatPhone(place.telephone) }) : t('places.rdvUnknown', { n, name: place.nom });
}
