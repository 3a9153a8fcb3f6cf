/**
 * Issue 19, internal notes: POST /api/mediator/handoffs/:id/notes {text} → 201, shown to the territory's mediators
 * (GET /handoffs/:id `notes`, GET /handoffs/:id/notes), never sent to the citizen, masked, kept with the handoff's
 * retention and erased with it. Another territory's handoff: 404 everywhere. Same contract on real Redis and in memory.
 */
import { randomUUID } from 'node:crypto';
import { keysWithPrefix } from '../helpers/redis';
import type { TestApp } from '../helpers/app';
import { useMediatorApp } from '../helpers/mediatorApi';

describe.each([
  ['real Redis', true],
  ['memory', false],
] as const)('internal notes on %s', (_name, redis) => {
  let ta: TestApp;
  let base: string;

  const env = useMediatorApp({
    redis,
    mediators: [
      ['demo', 'lea', 'Léa'],
      ['demo', 'sam', 'Sam'],
      ['horaires', 'zoe', 'Zoé'],
    ],
  });
  beforeAll(() => ({ ta, base } = env));
  const { call, tokenOf, claimed } = env;

  test('a note is 201, masked, seen by the territory\'s mediators, never by the citizen', async () => {
    const lea = await tokenOf('demo', 'lea');
    const { c, id } = await claimed(lea);
    const r = await call('POST', `/api/mediator/handoffs/${id}/notes`, lea, { text: '  A déjà un compte Ameli ; son numéro 06 12 34 56 78.  ' });
    expect(r.status).toBe(201);
    expect(r.body).toEqual({ note: { index: 0, at: expect.any(Number), mediatorId: 'demo:lea', author: 'Léa', text: 'A déjà un compte Ameli ; son numéro [téléphone].' } });

    const sam = await tokenOf('demo', 'sam');
    expect((await call('POST', `/api/mediator/handoffs/${id}/notes`, sam, { text: 'Rappeler mardi.' })).status).toBe(201);
    const detail = await call('GET', `/api/mediator/handoffs/${id}`, sam);
    expect((detail.body!.notes as Array<{ text: string; author: string }>).map((n) => [n.author, n.text])).toEqual([
      ['Léa', 'A déjà un compte Ameli ; son numéro [téléphone].'],
      ['Sam', 'Rappeler mardi.'],
    ]);
    expect((await call('GET', `/api/mediator/handoffs/${id}/notes`, lea)).body).toEqual({ notes: detail.body!.notes });
    // Not a message: the citizen receives nothing, the conversation shows nothing.
    expect(((await call('GET', `/api/mediator/handoffs/${id}/messages`, lea)).body!.messages as unknown[]).length).toBe(0);
    const told = await c.proactive();
    expect(told).toContain('Un conseiller vous répond');
    expect(told).not.toContain('Ameli');
    expect(told).not.toContain('mardi');
    expect((await ta.app.audit.list('demo', 5)).filter((e) => e.action === 'note' && e.handoffId === id)).toHaveLength(2);
  });

  test('after the close too (for the next visit); kept with the handoff\'s retention', async () => {
    const lea = await tokenOf('demo', 'lea');
    const { id } = await claimed(lea);
    expect((await call('POST', `/api/mediator/handoffs/${id}/close`, lea, { outcome: 'fait-avec' })).status).toBe(204);
    expect((await call('POST', `/api/mediator/handoffs/${id}/notes`, lea, { text: 'Revenir sur la déclaration.' })).status).toBe(201);
    if (redis) {
      const [key] = await keysWithPrefix(ta.admin!, `${ta.prefix}ho:{demo}:notes:${id}`);
      const ttl = await ta.admin!.ttl(key);
      expect(ttl).toBeGreaterThan(29 * 86_400);
      expect(ttl).toBeLessThanOrEqual(30 * 86_400);
    }
  });

  test('another territory\'s handoff is 404 everywhere; bad bodies 400 or 415; no session 401', async () => {
    const lea = await tokenOf('demo', 'lea');
    const { id } = await claimed(lea);
    const zoe = await tokenOf('horaires', 'zoe');
    for (const r of [await call('POST', `/api/mediator/handoffs/${id}/notes`, zoe, { text: 'ici' }), await call('GET', `/api/mediator/handoffs/${id}/notes`, zoe)]) {
      expect([r.status, r.body]).toEqual([404, { error: { code: 'NotFound', message: 'no such handoff' } }]);
    }
    expect((await call('GET', `/api/mediator/handoffs/${id}/notes`, lea)).body).toEqual({ notes: [] });
    expect((await call('POST', `/api/mediator/handoffs/${randomUUID()}/notes`, lea, { text: 'ici' })).status).toBe(404);
    expect((await call('POST', `/api/mediator/handoffs/nope/notes`, lea, { text: 'ici' })).status).toBe(400);
    expect((await call('POST', `/api/mediator/handoffs/${id}/notes`, lea, { text: '   ' })).body).toEqual({ error: { code: 'BadRequest', message: 'text: empty note' } });
    expect((await call('POST', `/api/mediator/handoffs/${id}/notes`, lea, { text: 'x'.repeat(2001) })).status).toBe(400);
    expect((await call('POST', `/api/mediator/handoffs/${id}/notes`, lea, { text: 'ok', extra: 1 })).status).toBe(400);
    const form = await fetch(`${base}/api/mediator/handoffs/${id}/notes`, { method: 'POST', headers: { authorization: `Bearer ${lea}`, 'content-type': 'text/plain' }, body: 'text=ok' });
    expect(form.status).toBe(415);
    expect((await call('POST', `/api/mediator/handoffs/${id}/notes`, undefined, { text: 'ok' })).status).toBe(401);
  });

  test('"effacer mes données" erases the notes with the handoff', async () => {
    const lea = await tokenOf('demo', 'lea');
    const { id } = await claimed(lea);
    expect((await call('POST', `/api/mediator/handoffs/${id}/notes`, lea, { text: 'Son nom est Dupont.' })).status).toBe(201);
    const record = (await ta.app.queue.get('demo', id))!;
    expect(await ta.app.queue.eraseCitizen('demo', record.citizenKey)).toBe(1);
    expect(await ta.app.notes.list('demo', id)).toEqual([]);
    if (redis) expect(await keysWithPrefix(ta.admin!, `${ta.prefix}ho:{demo}:notes:${id}`)).toEqual([]);
    expect((await call('GET', `/api/mediator/handoffs/${id}/notes`, lea)).status).toBe(404);
  });
});
