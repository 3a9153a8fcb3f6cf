/**
 * Reports and metrics from what citizens and mediators actually do: guides started, completed and
 * where people stop, handoffs with their outcome and wait, help-place lookups; the same numbers in
 * `pasapas report` (CSV/JSON, from Redis), GET /api/mediator/report (coordinators) and GET /metrics.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Citizen, startTestApp, type TestApp } from '../helpers/app';
import { REDIS_TEST_URL } from '../helpers/redis';
import { dayOf } from '../../src/stats/recorder';
import { runReportCli } from '../../src/stats/cli';
import { loadReportLabels } from '../../src/stats/report';
import { sink } from '../helpers/sink';

describe('territory report and metrics', () => {
  let ta: TestApp;
  let base: string;
  beforeAll(async () => {
    ta = await startTestApp({ redis: true, onDuty: true });
    await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
    // The 28th: the actualisation is open, so its first step ("the right period") is answered by the date.
    ta.clock.advance(86_400_000);
    // One citizen completes the actualisation guide; another stops at step 2; a third asks a human.
    const done = new Citizen(ta.app, `c-${randomUUID()}`);
    for (const line of ['Faire mon actualisation France Travail', '1', '1', '1', '1', '1', '1', '1']) await done.say(line);
    const stops = new Citizen(ta.app, `c-${randomUUID()}`);
    for (const line of ['Faire mon actualisation France Travail', '1', 'menu']) await stops.say(line);
    const human = new Citizen(ta.app, `c-${randomUUID()}`);
    await human.say('conseiller');
    await human.say('oui');
    await human.proactive();
    ta.clock.advance(4 * 60_000);
    await human.mediator({ claim: true });
    await human.mediator({ close: 'fait-avec' });
    await new Citizen(ta.app, `c-${randomUUID()}`).say('ou trouver de l\'aide');
    // Counters are written once a second: write them now for the CLI, another process.
    await ta.app.stats.flush?.();
  });
  afterAll(async () => {
    await ta.close();
  });

  it('pasapas report counts guides, where people stop, handoffs, outcomes and the wait', async () => {
    const out = sink();
    const err = sink();
    const day = dayOf(ta.app.now());
    const code = await runReportCli(['--territory', 'demo', '--from', day, '--to', day, '--format', 'json'], {
      out,
      err,
      env: { REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: ta.prefix!, LOG_LEVEL: 'silent' },
    });
    expect(err.text).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(out.text);
    const g = report.guides.find((x: { guide: string }) => x.guide === 'france-travail-actualisation');
    expect(g).toMatchObject({ started: 2, completed: 1 });
    const step = (id: string) => g.steps.find((s: { step: string }) => s.step === id);
    // Both reached "connexion" ("quand" was answered by the date, never asked); one stopped there (menu); the other
    // went to the end.
    expect(step('quand')).toMatchObject({ reached: 0, stoppedHere: 0 });
    expect(step('connexion')).toMatchObject({ reached: 2, stoppedHere: 1 });
    expect(step('justificatifs')).toMatchObject({ reached: 1, stoppedHere: 0 });
    expect(g.steps.reduce((n: number, s: { stoppedHere: number }) => n + s.stoppedHere, 0)).toBe(1);
    expect(report.handoffs).toMatchObject({ requested: 1, claimed: 1, closed: { 'fait-avec': 1 }, medianWaitMinutes: 4 });
  });

  it('as CSV for French Excel: UTF-8 with BOM, ";", French headers, every row even at 0 (issue 19)', async () => {
    const out = sink();
    const day = dayOf(ta.app.now());
    await runReportCli(['--territory', 'demo', '--from', day, '--to', day], { out, err: sink(), env: { REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: ta.prefix!, LOG_LEVEL: 'silent' } });
    const csv = out.text;
    // The byte order mark tells Excel it is UTF-8 ("Élément", not "Ã‰lÃ©ment").
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.slice(1).split('\r\n');
    expect(rows.pop()).toBe('');
    expect(rows[0]).toBe('Rubrique;Élément;Détail;Valeur');
    // Four columns in every row: no cell holds an unquoted ";".
    for (const row of rows) expect(row.split(';')).toHaveLength(4);
    const actualisation = ta.app.catalog.get('france-travail-actualisation')!.guide.title.fr;
    expect(rows).toContain(`Guide;${actualisation};terminés;1`);
    expect(rows).toContain('Mises en relation avec un médiateur;terminées;fait avec la personne;1');
    // Zero rows are there: an outcome nobody had, a guide nobody opened, every self-check answer.
    expect(rows).toContain('Mises en relation avec un médiateur;terminées;non résolu;0');
    expect(rows).toContain('Mises en relation avec un médiateur;terminées;fait pour la personne;0');
    const untouched = ta.app.catalog.get('retraite-reversion')!.guide.title.fr;
    expect(rows).toContain(`Guide;${untouched};commencés;0`);
    expect(rows).toContain('Faire le point;nombre de personnes;;0');
    expect(rows).toContain('Faire le point;orientation;besoin d\'équipement;0');
    expect(rows).toContain('Mises en relation avec un médiateur;attente (minutes);médiane;4');
  });

  it('refuses bad periods and unknown territories with a reason', async () => {
    const err = sink();
    expect(await runReportCli(['--territory', 'demo', '--from', '2026-12-01', '--to', '2026-11-01'], { out: sink(), err, env: { REDIS_URL: REDIS_TEST_URL } })).toBe(2);
    expect(err.text).toMatch(/from ≤ to/);
    const err2 = sink();
    expect(await runReportCli(['--territory', 'atlantis'], { out: sink(), err: err2, env: { REDIS_URL: REDIS_TEST_URL } })).toBe(2);
    expect(err2.text).toMatch(/unknown territory/);
  });

  it('GET /metrics exposes turns by channel, handoffs by outcome, waits, guides and places', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toMatch(/pasapas_turns_total\{channel="terminal",territory="demo"\} \d+/);
    expect(text).toMatch(/pasapas_turn_duration_seconds_bucket\{le="0.05",channel="terminal"\}/);
    expect(text).toMatch(/pasapas_handoffs_closed_total\{territory="demo",outcome="fait-avec"\} 1/);
    expect(text).toMatch(/pasapas_handoff_wait_seconds_count\{territory="demo"\} 1/);
    expect(text).toMatch(/pasapas_guides_completed_total\{territory="demo",guide="france-travail-actualisation"\} 1/);
    expect(text).toMatch(/pasapas_handoffs_waiting\{territory="demo"\} 0/);
  });
});

describe('who may see metrics and reports', () => {
  it('metrics need the bearer token when one is set, and are off in production without one', async () => {
    const ta = await startTestApp({ env: { METRICS_TOKEN: 'metrics-token-0123456789' } });
    await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
    try {
      expect((await fetch(`${base}/metrics`)).status).toBe(401);
      expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } })).status).toBe(200);
    } finally {
      await ta.close();
    }
  });

  it('only coordinators get the report from the console API', async () => {
    const ta = await startTestApp();
    await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
    try {
      const login = async (username: string, password: string) =>
        ((await (await fetch(`${base}/api/mediator/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ territory: 'demo', username, password }) })).json()) as { token: string }).token;
      const coord = await login(ta.app.demoLogin!.username, ta.app.demoLogin!.password);
      await ta.app.mediators.add({ territory: 'demo', username: 'simple', password: 'a-long-password-123', name: 'Médiateur', role: 'mediateur' });
      const simple = await login('simple', 'a-long-password-123');
      const ok = await fetch(`${base}/api/mediator/report?format=csv`, { headers: { authorization: `Bearer ${coord}` } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toMatch(/text\/csv; charset=utf-8/);
      const bytes = new Uint8Array(await ok.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(new TextDecoder().decode(bytes.slice(3)).split('\r\n')[0]).toBe('Rubrique;Élément;Détail;Valeur');
      expect((await fetch(`${base}/api/mediator/report`, { headers: { authorization: `Bearer ${simple}` } })).status).toBe(403);
      expect((await fetch(`${base}/api/mediator/report?from=2026-13-01`, { headers: { authorization: `Bearer ${coord}` } })).status).toBe(400);
    } finally {
      await ta.close();
    }
  });
});

describe('report labels', () => {
  it('every label is in locales/report.fr.yaml and report.en.yaml', () => {
    // French first; English has the same keys (the loader throws on a missing or empty one).
    expect(loadReportLabels('fr').headSection).toBe('Rubrique');
    expect(loadReportLabels('en').headSection).toBe('Section');
  });
});
