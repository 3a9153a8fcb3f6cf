/**
 * `pasapas rdv-links <territory>`: the public booking links of RDV Service Public (RDV Solidarités, RDV Aide
 * Numérique) for a département, or `CN` for the conseillers numériques — what the API offers without an
 * agent account (betagouv/rdv-service-public, API v1 "API RDV Solidarités", swagger/v1/api.json,
 * `GET /api/v1/public_links?territory=<département>` → `{public_links: [{external_id, public_link}]}`, only
 * organisations with slots bookable by everyone; 50 calls a minute without authentication, then 429 +
 * Retry-After). A coordinator copies the link of their organisation into the territory file's `bookingUrl`;
 * the deep links have the form `https://www.rdv-aide-numerique.fr/org/<id>` or
 * `/org/ext/<territory>/<external id>` (routes `public_link_to_org`, `public_link_to_external_org`).
 */
import { z } from 'zod';
import { getJson, type HttpOptions } from './http';

const PublicLinks = z.object({
  public_links: z.array(z.object({ external_id: z.string(), public_link: z.url({ protocol: /^https?$/ }) })),
});

export type PublicLink = z.infer<typeof PublicLinks>['public_links'][number];

export async function fetchPublicLinks(baseUrl: string, territory: string, http?: HttpOptions): Promise<PublicLink[]> {
  const url = `${baseUrl.replace(/\/+$/, '')}/api/v1/public_links?territory=${encodeURIComponent(territory)}`;
  const parsed = PublicLinks.safeParse(await getJson(url, http));
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`RDV Service Public: the public_links answer changed (${i.path.join('.') || '(root)'}: ${i.message})`);
  }
  return parsed.data.public_links;
}

export async function runRdvLinks(args: string[], baseUrl: string, out: NodeJS.WritableStream, err: NodeJS.WritableStream, http?: HttpOptions): Promise<number> {
  const territory = args.find((a) => !a.startsWith('-'));
  if (!territory || !/^(\d{2,3}|2[AB]|CN)$/.test(territory)) {
    err.write('rdv-links: give a département number (23, 2A, 974) or CN (the conseillers numériques), e.g. pasapas rdv-links 23\n');
    return 2;
  }
  try {
    const links = await fetchPublicLinks(baseUrl, territory, http);
    if (links.length === 0) out.write(`no organisation of ${territory} has slots bookable online right now\n`);
    for (const l of links) out.write(`${l.external_id}\t${l.public_link}\n`);
    return 0;
  } catch (e) {
    const message = (e as Error).message;
    err.write(`rdv-links: ${/HTTP 404/.test(message) ? `territory ${territory} is not on RDV Service Public (404)` : message}\n`);
    return 1;
  }
}
