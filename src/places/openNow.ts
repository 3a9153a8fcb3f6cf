/**
 * Is a place open at a given instant, in Europe/Paris? Open now (until when), closed (next
 * opening), or unknown (hours only as text, or none). Uses the opening_hours library with French
 * public holidays and the Paris wall-clock helpers of src/territories/hours.ts.
 */
import OpeningHours from 'opening_hours';
import { fromParisWall, parisWall } from '../territories/hours';
import type { Place } from './schema';

const NOMINATIM = { lat: 46.6, lon: 2.4, address: { country_code: 'fr', state: '' } };

export type OpenState =
  | { kind: 'open'; until?: Date }
  | { kind: 'closed'; next?: Date }
  | { kind: 'text'; text: string }
  | { kind: 'unknown' };

const cache = new Map<string, OpeningHours | null>();

/** The parsed hours of a spec (cached), or null when the library cannot read it. */
export function parsed(spec: string): OpeningHours | null {
  let oh = cache.get(spec);
  if (oh === undefined) {
    try {
      oh = new OpeningHours(spec, NOMINATIM);
    } catch {
      oh = null;
    }
    if (cache.size > 5000) cache.clear();
    cache.set(spec, oh);
  }
  return oh;
}

/** Within a week: beyond that, "closed" without a next opening. */
const HORIZON_MS = 8 * 86_400_000;

export function openState(place: Pick<Place, 'horaires' | 'horairesText'>, at: Date): OpenState {
  const oh = place.horaires ? parsed(place.horaires) : null;
  if (!oh) return place.horairesText ? { kind: 'text', text: place.horairesText } : { kind: 'unknown' };
  const wall = parisWall(at);
  const limit = new Date(wall.getTime() + HORIZON_MS);
  if (oh.getState(wall)) {
    // "10:00-13:00,13:00-18:00" is open until 18:00: skip changes that keep it open.
    let change = oh.getNextChange(wall, limit);
    for (let i = 0; change && i < 5 && oh.getState(change); i++) change = oh.getNextChange(change, limit);
    return { kind: 'open', until: change ? fromParisWall(change) : undefined };
  }
  const next = oh.getNextChange(wall, limit);
  return { kind: 'closed', next: next ? fromParisWall(next) : undefined };
}
