/**
 * "il faut prendre rdv ?", "on peut y aller sans rendez-vous ?", "do I need an appointment?" about the places of help
 * on screen: for each, what the directory knows — on appointment (France Services' `prise_rdv` = Oui), a booking link,
 * or nothing, and then who to call (its number, when there is one).
 */
import type { StringKey } from '../i18n/strings';
import type { Place } from './schema';
import { formatPhone } from './render';

/** Folded text that asks whether an appointment is needed or how to get one. */
export function asksAppointment(folded: string): boolean {
  return /\b(?:rdv|rendez ?vous|rendezvous|rendes vous|sur rendez|prendre un creneau|reserver|appointment|book(?:ing)?)\b/.test(folded.replace(/[-'’]/g, ' '));
}

type T = (key: StringKey, vars?: Record<string, string | number>) => string;

/** One line a place ("2. Maison France Services : sur rendez-vous."), numbered as on screen. */
export function appointmentLines(places: Array<{ n: number; place: Place }>, t: T): string[] {
  return places.map(({ n, place }) => {
    const name = place.nom;
    if (place.prise_rdv) return t('places.rdvBook', { n, name, url: place.prise_rdv });
    if (place.rdv_obligatoire) return t(place.telephone ? 'places.rdvNeededPhone' : 'places.rdvNeeded', { n, name, phone: formatPhone(place.telephone ?? '') });
    return place.telephone ? t('places.rdvUnknownPhone', { n, name, phone: formatPhone(place.telephone) }) : t('places.rdvUnknown', { n, name });
  });
}
