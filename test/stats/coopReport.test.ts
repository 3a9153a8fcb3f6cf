/**
 * The activity report in the Coop de la médiation numérique's terms (docs/coop-report.md): a handoff a mediator
 * closes becomes one accompaniment row — type, place "À distance", autonomy, degree of completion, the guide's
 * theme, duration rounded to the Coop's steps, date, mediator — in the console download (coordinators) and in
 * `pasapas report --format coop-csv`, the same rows. Embedded (memory) and on a real Redis.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Citizen, startTestApp, type TestApp } from '../helpers/app';
import { REDIS_TEST_URL } from '../helpers/redis';
import { dayOf } from '../../src/stats/recorder';
import { runReportCli } from '../../src/stats/cli';
import { COOP_OUTCOMES, coopDuration } from '../../src/stats/coop';
import { OUTCOMES } from '../../src/handoff/states';
import { COOP_THEMES } from '../../src/guides/themes';
import { Guide } from '../../src/guides/schema';
import { RedisAccounts, mediatorName } from '../../src/mediator/accounts';
import { sink } from '../helpers/sink';

const HEADER = "Date;Médiateur;Type d'activité;Lieu d'accompagnement;Durée (minutes);Niveau d'autonomie du bénéficiaire;Degré de finalisation de la démarche;Thématiques;Précisions sur la démarche;Canal;Résultat (Pas à pas)";

describe.each([
  ['embedded (memory)', false],
  ['Redis', true],
] as const)('Coop activity report — %s', (_name, redis) => {
  let ta: TestApp;
  let base: string;
  let coord: string;
  let camille: string;
  const api = (path: string, token: string, init: RequestInit = {}) =>
    fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const login = async (username: string, password: string) =>
    ((await (await fetch(`${base}/api/mediator/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ territory: 'demo', username, password }) })).json()) as { token: string }).token;

  beforeAll(async () => {
    // Sessions outlive the 40-minute accompaniment below (the console's requests renew them; here, the clock jumps).
    ta = await startTestApp({ redis, onDuty: true, env: { MEDIATOR_IDLE_TIMEOUT_MINUTES: '120' } });
    await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
    await ta.app.mediators.add({ territory: 'demo', username: 'camille', password: 'camille-password-1', name: 'Camille Martin', role: 'mediateur' });
    await ta.app.mediators.add({ territory: 'demo', username: 'coord', password: 'coord-password-12', name: 'Coordinatrice', role: 'coordinateur' });
    coord = await login('coord', 'coord-password-12');
    camille = await login('camille', 'camille-password-1');

    // A citizen stuck in the tax guide asks a person; Camille takes it, 40 minutes later she closes "fait avec".
    const taxes = new Citizen(ta.app, `c-${randomUUID()}`);
    await taxes.say('je dois faire ma déclaration de revenus');
    await taxes.say('1');
    await taxes.say('1');
    await taxes.say('conseiller');
    await taxes.say('oui');
    await taxes.proactive();
    const waiting = ((await (await api('/api/mediator/queue', camille)).json()) as { waiting: Array<{ id: string; guideId?: string }> }).waiting;
    expect(waiting).toHaveLength(1);
    expect(waiting[0].guideId).toBe('impots-declaration');
    expect((await api(`/api/mediator/handoffs/${waiting[0].id}/claim`, camille, { method: 'POST' })).status).toBe(200);
    ta.clock.advance(40 * 60_000);
    expect((await api(`/api/mediator/handoffs/${waiting[0].id}/close`, camille, { method: 'POST', body: JSON.stringify({ outcome: 'fait-avec' }) })).status).toBe(204);

    // Another asks a person from the menu, unresolved after 7 minutes.
    const other = new Citizen(ta.app, `c-${randomUUID()}`);
    await other.say('conseiller');
    await other.say('oui');
    await other.proactive();
    const [second] = ((await (await api('/api/mediator/queue', camille)).json()) as { waiting: Array<{ id: string }> }).waiting;
    await api(`/api/mediator/handoffs/${second.id}/claim`, camille, { method: 'POST' });
    ta.clock.advance(7 * 60_000);
    expect((await api(`/api/mediator/handoffs/${second.id}/close`, camille, { method: 'POST', body: JSON.stringify({ outcome: 'non-resolu' }) })).status).toBe(204);
    // The notifier handles the close events (once, across instances) and writes the rows.
    await other.proactive();
    await ta.app.stats.flush?.();
  });
  afterAll(async () => {
    await ta.close();
  });

  it('the console download gives one row per accompaniment in the Coop vocabulary (French Excel: BOM, ";")', async () => {
    const res = await api('/api/mediator/report/coop?format=csv', coord);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="coop-demo-/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(rows.pop()).toBe('');
    const day = dayOf(ta.app.now());
    const title = ta.app.catalog.get('impots-declaration')!.guide.title.fr;
    expect(rows).toEqual([
      HEADER,
      `${day};Camille Martin;Accompagnement individuel;À distance;45;Autonome avec guidage en cas de besoin;Finalisée;Aide aux démarches administratives, Argent - Impôts;${title};terminal;fait avec la personne`,
      `${day};Camille Martin;Accompagnement individuel;À distance;15;;Doit revenir;Aide aux démarches administratives;;terminal;non résolu`,
    ]);
  });

  it('as JSON with the Coop API values', async () => {
    const body = (await (await api('/api/mediator/report/coop', coord)).json()) as { activities: Array<Record<string, unknown>> };
    expect(body.activities[0]).toMatchObject({
      type: 'individuel',
      typeLieu: 'a_distance',
      duree: 45,
      autonomie: 'partiellement_autonome',
      degreDeFinalisation: 'finalisee',
      thematiques: ['aide_aux_demarches_administratives', 'argent_impots'],
      mediator: 'Camille Martin',
    });
  });

  it('is for coordinators only, with a clear 4xx for a bad period or format', async () => {
    expect((await api('/api/mediator/report/coop?format=csv', camille)).status).toBe(403);
    const bad = await api('/api/mediator/report/coop?from=2026-12-01&to=2026-11-01', coord);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/from ≤ to/);
    expect((await api('/api/mediator/report/coop?format=xlsx', coord)).status).toBe(400);
    // Another period: no row, the header only.
    const empty = await (await api('/api/mediator/report/coop?format=csv&from=2025-01-01&to=2025-01-31', coord)).text();
    expect(empty.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean)).toEqual([HEADER]);
  });

  it('the coordinators\' page offers the download, which works with the console\'s cookie (no script needed)', async () => {
    const page = await fetch(`${base}/mediator/admin/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/script-src 'self'/);
    const html = await page.text();
    expect(html).toMatch(/<form id="pa-coop-form" action="\/api\/mediator\/report\/coop" method="get">/);
    expect(html).toContain('Rapport d&#39;activité pour la Coop de la médiation numérique');
    const res = await fetch(`${base}/api/mediator/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ territory: 'demo', username: 'coord', password: 'coord-password-12' }) });
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const day = dayOf(ta.app.now());
    // What the form sends: format=csv&from=…&to=… (the browser downloads it: Content-Disposition attachment).
    const csv = await fetch(`${base}/api/mediator/report/coop?format=csv&from=${day}&to=${day}`, { headers: { cookie } });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split('\r\n')).toHaveLength(4);
  });

  if (redis) {
    it('pasapas report --format coop-csv gives the same rows as the console', async () => {
      const out = sink();
      const err = sink();
      const day = dayOf(ta.app.now());
      const code = await runReportCli(['--territory', 'demo', '--from', day, '--to', day, '--format', 'coop-csv'], {
        out,
        err,
        env: { REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: ta.prefix!, LOG_LEVEL: 'silent' },
      }, { mediatorNames: (r, prefix) => mediatorName(new RedisAccounts(r, prefix)) });
      expect(err.text).toBe('');
      expect(code).toBe(0);
      const res = await api(`/api/mediator/report/coop?format=csv&from=${day}&to=${day}`, coord);
      const fromConsole = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
      expect(out.text).toBe(fromConsole);
      expect(out.text.split('\r\n')).toHaveLength(4);
    });
  }
});

describe('the Coop mapping', () => {
  it('maps every outcome, and rounds durations to the Coop steps', () => {
    for (const o of OUTCOMES) expect(COOP_OUTCOMES[o]).toBeDefined();
    expect(COOP_OUTCOMES['fait-pour']).toEqual({ autonomy: 'entierement_accompagne', completion: 'finalisee' });
    expect(COOP_OUTCOMES.autonome).toEqual({ autonomy: 'autonome', completion: 'a_finaliser_en_autonomie' });
    const min = (m: number) => coopDuration(m * 60_000);
    expect([min(1), min(22), min(22.5), min(38), min(52), min(75), min(105), min(119), min(131), min(200)]).toEqual([15, 15, 30, 45, 45, 90, 120, 120, 135, 195]);
    expect(coopDuration(null)).toBeNull();
  });

  it('each guide has a theme of the Coop; a guide without one, or with a made-up one, is refused with its field named', () => {
    const app = startTestApp();
    return app.then(async (ta) => {
      try {
        for (const { guide } of ta.app.catalog.list()) expect(COOP_THEMES).toContain(guide.theme);
        expect(ta.app.catalog.get('impots-declaration')!.guide.theme).toBe('argent_impots');
      } finally {
        await ta.close();
      }
      const base = { id: 'x', version: 1, title: { fr: 'X', en: 'X' }, phrasings: { fr: [], en: [] }, steps: [{ id: 'a', text: { fr: 'a', en: 'a' } }], sources: [{ url: 'https://www.service-public.gouv.fr/', checked: '2026-11-27' }] };
      const missing = Guide.safeParse(base);
      expect(missing.success).toBe(false);
      expect(missing.error!.issues.map((i) => i.path.join('.'))).toEqual(['theme']);
      const wrong = Guide.safeParse({ ...base, theme: 'impots' });
      expect(wrong.error!.issues[0].path).toEqual(['theme']);
      expect(Guide.safeParse({ ...base, theme: 'argent_impots' }).success).toBe(true);
    });
  });
});
