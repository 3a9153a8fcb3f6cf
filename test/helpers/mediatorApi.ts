/**
 * What the mediator API contract tests (test/mediator/*.test.ts, not the browser ones) share: a JSON client for
 * /api/mediator (`call`, `tokenOf` = a login, `claimNewest`), and `useMediatorApp`, the real app on a free port with
 * the fixture dialogs and territories, mediator accounts, someone on duty in "demo" (so a citizen who asks for a
 * person is queued), and a citizen who asks for a person and is claimed (`claimed`). On real Redis the app has a
 * random key prefix, deleted after the suite (test/helpers/app.ts).
 */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Citizen, FIXTURE_DIALOGS, startTestApp, type TestApp } from './app';

export const TERRITORIES = join(__dirname, '..', 'fixtures', 'territories');
export const PASSWORD = 'correct-horse-battery';

export interface ApiResponse {
  status: number;
  headers: Headers;
  bytes: Buffer;
  /** The JSON body, or null when the answer is empty or not JSON (then read `bytes`). */
  body: Record<string, unknown> | null;
}

export interface MediatorApi {
  call(method: string, path: string, token?: string, body?: unknown): Promise<ApiResponse>;
  /** Logs in (expects a 200) and returns the session token. */
  tokenOf(territory: string, username: string): Promise<string>;
  /** The newest waiting handoff, claimed by `token` (expects a 200); its id. */
  claimNewest(token: string): Promise<string>;
}

/** A client of the mediator API at `base()` (read at each call: the server starts in a beforeAll). */
export function mediatorApi(base: () => string, password = PASSWORD): MediatorApi {
  const call = async (method: string, path: string, token?: string, body?: unknown): Promise<ApiResponse> => {
    const res = await fetch(`${base()}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const json = (res.headers.get('content-type') ?? '').includes('json') && bytes.length ? (JSON.parse(bytes.toString('utf8')) as Record<string, unknown>) : null;
    return { status: res.status, headers: res.headers, bytes, body: json };
  };
  const tokenOf = async (territory: string, username: string) => {
    const r = await call('POST', '/api/mediator/login', undefined, { territory, username, password });
    expect(r.status).toBe(200);
    return r.body!.token as string;
  };
  const claimNewest = async (token: string): Promise<string> => {
    const { waiting } = (await call('GET', '/api/mediator/queue', token)).body as { waiting: Array<{ id: string }> };
    const id = waiting[waiting.length - 1].id;
    expect((await call('POST', `/api/mediator/handoffs/${id}/claim`, token)).status).toBe(200);
    return id;
  };
  return { call, tokenOf, claimNewest };
}

export interface MediatorAppEnv extends MediatorApi {
  ta: TestApp;
  base: string;
  /** A citizen in the queue (asks for a person and consents), claimed by `token`. */
  claimed(token: string): Promise<{ c: Citizen; id: string }>;
}

/**
 * Registers the suite's beforeAll / afterAll; `ta` and `base` of the returned object are filled in by beforeAll
 * (read them in the test file's own beforeAll or in the tests). The client functions can be destructured at once.
 */
export function useMediatorApp(opts: { redis: boolean; mediators: Array<[territory: string, username: string, name: string]> }): MediatorAppEnv {
  const env = { ...mediatorApi(() => env.base) } as MediatorAppEnv;
  env.claimed = async (token: string) => {
    const c = new Citizen(env.ta.app, `c-${randomUUID()}`);
    await c.say('bonjour');
    await c.say('conseiller');
    expect(await c.say('oui')).toContain('dans la file');
    return { c, id: await env.claimNewest(token) };
  };

  beforeAll(async () => {
    const ta = await startTestApp({ redis: opts.redis, dialogsDir: FIXTURE_DIALOGS, menu: ['essai'], territoriesDir: TERRITORIES });
    env.ta = ta;
    await new Promise<void>((r) => ta.app.server.listen(0, '127.0.0.1', () => r()));
    env.base = `http://127.0.0.1:${(ta.app.server.address() as AddressInfo).port}`;
    for (const [territory, username, name] of opts.mediators) await ta.app.mediators.add({ territory, username, name, password: PASSWORD });
    await ta.app.queue.setPresence('demo', 'someone', true, 86_400_000, ta.app.now());
  });
  afterAll(() => env.ta.close());

  return env;
}
