/**
 * The coordinators' dashboard (issue 20): its numbers come from the same code as `pasapas report` (the test reads
 * both, the report through the CLI on real Redis, and compares them); per day and per channel they add up to the
 * report's totals; the console's scripts stay small (≤ 60 KB gzip together).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Citizen, startTestApp, type TestApp } from '../helpers/app';
import { REDIS_TEST_URL } from '../helpers/redis';
import { dayOf } from '../../src/stats/recorder';
import { runReportCli } from '../../src/stats/cli';
import { buildWidget } from '../../src/widget/build';
import { sink } from '../helpers/sink';

describe('dashboard', () => {
  let ta: TestApp;
  let base: string;
  let token: string;
  const sums = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    ta = await startTestApp({ redis: true, onDuty: true });
    await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
    await ta.app.mediators.add({ territory: 'demo', username: 'coord', name: 'Coord', password: 'coord-password-12', role: 'coordinateur' });
    // Day 1: a guide completed, one stopped; two requests (terminal, sms); waits of 4 and 10 minutes; outcomes.
    const done = new Citizen(ta.app, `c-${randomUUID()}`);
    for (const line of ['je dois faire ma déclaration de revenus', '1', '1', 'menu']) await done.say(line);
    const a = new Citizen(ta.app, `c-${randomUUID()}`);
    await a.say('conseiller');
    await a.say('oui');
    const b = new Citizen(ta.app, `c-${randomUUID()}`, 'sms', `+3361234${String(Math.floor(Math.random() * 9000) + 1000)}`);
    await b.say('conseiller');
    await b.say('oui');
    await a.proactive();
    ta.clock.advance(4 * 60_000);
    await a.mediator({ claim: true });
    expect(await a.mediator({ close: 'fait-pour' })).toContain('Oui, très bien');
    await a.say('très bien merci');
    ta.clock.advance(6 * 60_000);
    await b.mediator({ claim: true });
    await b.mediator({ close: 'autonome' });
    // Day 2: one more request, unresolved.
    ta.clock.advance(86_400_000);
    const c = new Citizen(ta.app, `c-${randomUUID()}`);
    await c.say('conseiller');
    await c.say('oui');
    await c.proactive();
    await c.mediator({ claim: true });
    await c.mediator({ close: 'non-resolu' });
    await ta.app.stats.flush?.();
    // Signed in now (the clock jumped a day: a session from before would have expired).
    token = ((await (await fetch(`${base}/api/mediator/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ territory: 'demo', username: 'coord', password: 'coord-password-12' }) })).json()) as { token: string }).token;
  });
  afterAll(async () => {
    await ta.close();
  });

  it('has the same numbers as pasapas report, and its days and channels add up to them', async () => {
    const to = dayOf(ta.app.now());
    const from = dayOf(ta.app.now() - 86_400_000);
    const res = await fetch(`${base}/api/mediator/dashboard?from=${from}&to=${to}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const d = (await res.json()) as any;
    const out = sink();
    expect(await runReportCli(['--territory', 'demo', '--from', from, '--to', to, '--format', 'json'], { out, err: sink(), env: { REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: ta.prefix!, LOG_LEVEL: 'silent' } })).toBe(0);
    const report = JSON.parse(out.text);

    expect(d.days.map((x: { day: string }) => x.day)).toEqual([from, to]);
    expect(sums(d.days.map((x: { requests: number }) => x.requests))).toBe(report.handoffs.requested);
    expect(report.handoffs.requested).toBe(3);
    expect(d.days.map((x: { requests: number }) => x.requests)).toEqual([2, 1]);
    expect(d.days[0].byChannel).toEqual({ sms: 1, terminal: 1 });
    for (const day of d.days) expect(sums(Object.values(day.byChannel) as number[])).toBe(day.requests);
    expect(d.totals).toMatchObject({ requested: report.handoffs.requested, claimed: report.handoffs.claimed, medianWaitMinutes: report.handoffs.medianWaitMinutes, p90WaitMinutes: report.handoffs.p90WaitMinutes });
    expect(d.days[0]).toMatchObject({ medianWaitMinutes: 10, p90WaitMinutes: 10 });
    expect(d.outcomes).toEqual(report.handoffs.closed);
    expect(d.outcomes).toMatchObject({ 'fait-pour': 1, autonome: 1, 'non-resolu': 1, 'fait-avec': 0 });
    const started = report.guides.filter((g: { started: number }) => g.started > 0);
    expect(d.guides.map((g: { guide: string; started: number; completed: number }) => [g.guide, g.started, g.completed])).toEqual(
      started.map((g: { guide: string; started: number; completed: number }) => [g.guide, g.started, g.completed]),
    );
    const tax = d.guides.find((g: { guide: string }) => g.guide === 'impots-declaration');
    expect(tax.mostStopped).toMatchObject({ n: 2 });
    for (const [k, v] of Object.entries(d.orientations)) expect(report.selfCheck[`orientation:${k}`]).toBe(v);
    expect(d.satisfaction).toEqual(report.satisfaction);
    expect(d.satisfaction).toMatchObject({ asked: 3, good: 1, fair: 0, poor: 0 });
  });

  it('is for coordinators, with a clear 400 for a bad or too long period', async () => {
    expect((await fetch(`${base}/api/mediator/dashboard?from=2026-12-01&to=2026-11-01`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(400);
    expect((await fetch(`${base}/api/mediator/dashboard?from=2024-01-01&to=2026-11-01`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(400);
    await ta.app.mediators.add({ territory: 'demo', username: 'med', name: 'Med', password: 'med-password-123' });
    const med = ((await (await fetch(`${base}/api/mediator/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ territory: 'demo', username: 'med', password: 'med-password-123' }) })).json()) as { token: string }).token;
    expect((await fetch(`${base}/api/mediator/dashboard`, { headers: { authorization: `Bearer ${med}` } })).status).toBe(403);
  });
});

test('the console scripts (console.js and the coordinators\' admin.js with its charts) stay within 60 KB gzip together', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pasapas-size-'));
  try {
    await buildWidget(dir);
    const size = (f: string) => gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
    const total = size('console.js') + size('admin.js');
    expect(size('admin.js')).toBeGreaterThan(1000); // the charts are in it
    expect(total).toBeLessThanOrEqual(60 * 1024);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
