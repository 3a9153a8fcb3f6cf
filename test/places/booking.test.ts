/**
 * "Prendre rendez-vous": a place's booking link next to it, and the territory's booking page before the
 * callback when nobody can answer. On SMS the link goes through our own domain (/r/<id>): opening it
 * redirects and is counted. The short-link store: one contract, memory and Redis.
 */
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Citizen, startTestApp, type TestApp } from '../helpers/app';
import { connectRedis, deletePrefix, randomPrefix } from '../helpers/redis';
import { GridDirectory, type PlaceDirectory } from '../../src/places/index';
import { Gazetteer } from '../../src/places/locate';
import type { Place } from '../../src/places/schema';
import { MemoryShortLinks, RedisShortLinks, SHORT_LINK_SECONDS, type ShortLinkStore } from '../../src/places/shortLinks';
import { familyOf } from '../../src/storage/keyspace';
import { buildReport, reportCsv } from '../../src/stats/report';

const BOOKING = 'https://www.rdv-aide-numerique.fr/org/1234/la-quincaillerie-gueret?motif_category=accompagnement-numerique';
const QUINCAILLERIE: Place = {
  id: 'q1',
  nom: 'La Quincaillerie',
  adresse: '22 Avenue Charles de Gaulle',
  code_postal: '23000',
  commune: 'Guéret',
  latitude: 46.16961,
  longitude: 1.87151,
  precision: 'adresse',
  telephone: '+33555414513',
  prise_rdv: BOOKING,
  horaires: 'Mo-Fr 09:00-12:00,14:00-18:00',
  services: ['Aide aux démarches administratives'],
  dispositif_programmes_nationaux: ['Conseillers numériques'],
  date_maj: '2026-10-02',
  horairesDate: '2026-10-02',
  sources: [{ source: 'cartographie-nationale', id: 'anct-quincaillerie-23' }],
};
const directory: PlaceDirectory = new GridDirectory([QUINCAILLERIE], new Gazetteer([['23096', 'Guéret', '23000', 46.16321, 1.87079, 1, 1]]), '2026-12-02', '2026-12-02');

async function listen(ta: TestApp): Promise<string> {
  await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
}

const SHORT = /http:\/\/localhost:0\/r\/([A-Za-z0-9_-]{10})/;

describe.each([
  ['embedded', false],
  ['redis', true],
] as const)('booking links (%s)', (_name, redis) => {
  test('next to a place: the full link on the web, our /r/<id> on SMS; opening it redirects and is counted', async () => {
    const ta = await startTestApp({ redis, places: () => directory });
    try {
      const web = new Citizen(ta.app, 'c-web');
      await web.say('bonjour');
      await web.say("où trouver de l'aide près de chez moi");
      const onWeb = await web.say('23000');
      expect(onWeb).toContain(`Prendre rendez-vous : ${BOOKING}`);
      expect(onWeb).toContain('Liste des lieux mise à jour le 2 décembre 2026.');

      const sms = new Citizen(ta.app, 'c-sms', 'sms');
      await sms.say('bonjour');
      await sms.say("où trouver de l'aide près de chez moi");
      const onSms = await sms.say('23000');
      expect(onSms).not.toContain(BOOKING);
      const id = SHORT.exec(onSms)?.[1];
      expect(onSms).toContain(`Prendre rendez-vous : http://localhost:0/r/${id}`);

      const base = await listen(ta);
      const res = await fetch(`${base}/r/${id}`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe(BOOKING);
      await ta.app.stats.flush?.();
      const [day] = await ta.app.stats.days('demo', '2026-11-27', '2026-11-27');
      expect(day.counters['booking:opened']).toBe(1);
      // The coordinators' report says how many booking links were opened (JSON and the French CSV).
      const report = await buildReport({ stats: ta.app.stats, selfCheck: ta.app.selfCheckStats, catalog: ta.app.catalog }, 'demo', '2026-11-27', '2026-11-27');
      expect(report.places.bookingOpened).toBe(1);
      expect(reportCsv(report)).toContain("Lieux d'aide;liens de rendez-vous ouverts;;1");

      const gone = await fetch(`${base}/r/AAAAAAAAAA`, { redirect: 'manual' });
      expect(gone.status).toBe(404);
      expect(await gone.text()).toContain('Ce lien ne marche plus.');
    } finally {
      await ta.close();
    }
  });

  test('nobody on duty: "Prendre rendez-vous" first, before the callback; "1" gives the territory\'s booking page', async () => {
    const ta = await startTestApp({ redis, territoriesDir: join(__dirname, '..', 'fixtures', 'territories-booking') });
    try {
      const sms = new Citizen(ta.app, 'c-nobody', 'sms');
      await sms.say('bonjour');
      const offer = await sms.say('je veux parler à un conseiller');
      expect(offer).toMatch(/1 Prendre rendez-vous\n2 Un rappel par téléphone\n3 Un lieu[^\n]*\n4 /);
      const link = await sms.say('1');
      expect(link).toMatch(/^Pour prendre rendez-vous avec un conseiller numérique, ouvrez ce lien : http:\/\/localhost:0\/r\/[A-Za-z0-9_-]{10} Vous choisissez le jour et l'heure\./);
      // In words, on the web: the full link.
      const web = new Citizen(ta.app, 'c-nobody-web');
      await web.say('bonjour');
      await web.say('je veux parler à un conseiller');
      expect(await web.say('je voudrais prendre un rendez-vous')).toContain('ouvrez ce lien : https://www.rdv-aide-numerique.fr/org/4242/');
    } finally {
      await ta.close();
    }
  });
});

test('without a booking page the choices stay as they were (1 = être rappelé)', async () => {
  const ta = await startTestApp();
  try {
    const sms = new Citizen(ta.app, 'c-plain', 'sms');
    await sms.say('bonjour');
    const offer = await sms.say('je veux parler à un conseiller');
    expect(offer).toMatch(/1 Un rappel par téléphone\n2 Un lieu/);
    expect(offer).not.toContain('rendez-vous');
  } finally {
    await ta.close();
  }
});

describe.each([
  ['memory', false],
  ['redis', true],
] as const)('short-link store contract (%s)', (_name, onRedis) => {
  let store: ShortLinkStore;
  let cleanup: () => Promise<void> = async () => undefined;
  let ttlOf: (id: string) => Promise<number> = async () => SHORT_LINK_SECONDS;
  beforeEach(async () => {
    if (!onRedis) {
      store = new MemoryShortLinks();
      return;
    }
    const admin = await connectRedis();
    const prefix = randomPrefix();
    store = new RedisShortLinks(admin, prefix);
    ttlOf = async (id) => {
      const keys = await admin.keys(`${prefix}*`);
      expect(keys.map((k) => familyOf(k.slice(prefix.length)))).toEqual(['shortLink']);
      return admin.ttl(`${prefix}link:${id}`);
    };
    cleanup = async () => {
      await deletePrefix(admin, prefix);
      admin.disconnect();
    };
  });
  afterEach(() => cleanup());

  test('the same link of the same territory has one id; another territory another; unknown ids are not found', async () => {
    const a = await store.save({ url: BOOKING, territory: 'creuse' });
    expect(await store.save({ url: BOOKING, territory: 'creuse' })).toBe(a);
    const b = await store.save({ url: BOOKING, territory: 'gironde' });
    expect(b).not.toBe(a);
    expect(a).toMatch(/^[A-Za-z0-9_-]{10}$/);
    expect(await store.open(a)).toEqual({ url: BOOKING, territory: 'creuse' });
    expect(await store.open(b)).toEqual({ url: BOOKING, territory: 'gironde' });
    expect(await store.open('nothere000')).toBeUndefined();
    expect(await store.open('../../etc')).toBeUndefined();
  });

  test('kept 400 days, in the shortLink key family', async () => {
    const id = await store.save({ url: BOOKING, territory: 'creuse' });
    const ttl = await ttlOf(id);
    expect(ttl).toBeGreaterThan(SHORT_LINK_SECONDS - 60);
    expect(ttl).toBeLessThanOrEqual(SHORT_LINK_SECONDS);
  });
});

test('GET /r/<id> with the storage away: 503 + Retry-After, a kind text, no driver message', async () => {
  const restify = await import('restify');
  const { mountShortLinks } = await import('../../src/http/shortLinkRoute');
  const { createLogger } = await import('../../src/logger');
  const { Strings } = await import('../../src/i18n/strings');
  const { LOCALES_DIR } = await import('../../src/paths');
  const server = restify.createServer();
  const counted: string[] = [];
  mountShortLinks(server, {
    links: { save: async () => 'x', open: async () => Promise.reject(new Error('ECONNREFUSED 127.0.0.1:6379')) },
    stats: { bookingLinkOpened: async (t) => void counted.push(t) },
    now: Date.now,
    logger: createLogger('silent'),
    strings: Strings.load(LOCALES_DIR),
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/r/AbCdEfGhIj`, { redirect: 'manual' });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    const text = await res.text();
    expect(text).toContain('Réessayez dans un instant.');
    expect(text).not.toContain('ECONNREFUSED');
    expect(counted).toEqual([]);
  } finally {
    server.close();
  }
});
