/**
 * What ProConnect needs besides the sign-in itself (issue 20): the accounts' e-mail, set by coordinators through the
 * CLI (same code path as the console), unique per territory and found case-insensitively, with its changes in the
 * audit log (without the address); and the PROCONNECT_ variables, all or none (production refuses half).
 */
import { PassThrough, Readable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { consolePage, loadConsoleStrings } from '../../src/mediator/pages';
import { runMediatorCli } from '../../src/mediator/cli';
import { MemoryAccounts, RedisAccounts, type MediatorAccounts } from '../../src/mediator/accounts';
import { RedisAudit } from '../../src/mediator/audit';
import { connectRedis, deletePrefix, randomPrefix, REDIS_TEST_URL } from '../helpers/redis';

function sink() {
  const s = new PassThrough();
  const chunks: string[] = [];
  s.on('data', (c) => chunks.push(String(c)));
  return { s, text: () => chunks.join('') };
}

describe.each([
  ['memory', false],
  ['Redis', true],
] as const)('accounts by e-mail — %s', (_name, redis) => {
  it('an e-mail is kept in lower case, found whatever its case, unique in a territory, and removable', async () => {
    const client = redis ? await connectRedis() : undefined;
    const prefix = randomPrefix();
    const accounts: MediatorAccounts = client ? new RedisAccounts(client, prefix) : new MemoryAccounts();
    try {
      await accounts.add({ territory: 'demo', username: 'lea', name: 'Léa', password: 'correct-horse-battery', email: ' Lea.Martin@Example.GOUV.fr ' });
      await accounts.add({ territory: 'demo', username: 'paul', name: 'Paul', password: 'correct-horse-battery' });
      expect((await accounts.findByEmail('demo', 'LEA.MARTIN@example.gouv.fr'))?.username).toBe('lea');
      expect((await accounts.get('demo', 'lea'))?.email).toBe('lea.martin@example.gouv.fr');
      expect(await accounts.findByEmail('hub', 'lea.martin@example.gouv.fr')).toBeUndefined();
      await expect(accounts.update('demo', 'paul', { email: 'lea.martin@example.gouv.fr' })).rejects.toThrow('email: another account of this territory has it');
      await expect(accounts.update('demo', 'paul', { email: 'not an address' })).rejects.toThrow('email: not an e-mail address');
      await accounts.update('demo', 'lea', { email: null });
      expect(await accounts.findByEmail('demo', 'lea.martin@example.gouv.fr')).toBeUndefined();
    } finally {
      if (client) {
        await deletePrefix(client, prefix);
        client.disconnect();
      }
    }
  });
});

test('pasapas mediator add --email and set-email: the same code path as the console, in the audit log without the address', async () => {
  const prefix = randomPrefix();
  const redis = await connectRedis();
  const env = { REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent' };
  const run = async (args: string[]) => {
    const out = sink();
    const err = sink();
    const code = await runMediatorCli(args, { out: out.s, err: err.s, input: Object.assign(Readable.from([]), { isTTY: true }), env });
    return { code, out: out.text(), err: err.text() };
  };
  try {
    expect((await run(['add', '--territory', 'demo', '--name', 'Léa Martin', '--email', 'Lea.Martin@example.gouv.fr'])).code).toBe(0);
    expect((await run(['add', '--territory', 'demo', '--name', 'Sam'])).code).toBe(0);
    const taken = await run(['set-email', '--territory', 'demo', '--username', 'sam', '--email', 'LEA.martin@example.gouv.fr']);
    expect([taken.code, taken.err]).toEqual([1, 'email: another account of this territory has it\n']);
    const bad = await run(['add', '--territory', 'demo', '--name', 'Zoé', '--email', 'zoé at mairie']);
    expect([bad.code, bad.err]).toEqual([2, 'email: not an e-mail address\n']);
    expect((await run(['set-email', '--territory', 'demo', '--username', 'sam', '--email', 'sam@example.gouv.fr'])).code).toBe(0);
    expect((await run(['list', '--territory', 'demo'])).out.split('\n').filter(Boolean)).toEqual([
      'lea.martin\tmediateur\tLéa Martin\tlea.martin@example.gouv.fr',
      'sam\tmediateur\tSam\tsam@example.gouv.fr',
    ]);
    expect((await run(['set-email', '--territory', 'demo', '--username', 'sam', '--email', 'none'])).code).toBe(0);
    expect((await new RedisAccounts(redis, prefix).get('demo', 'sam'))?.email).toBeUndefined();
    const audit = await new RedisAudit(redis, prefix).query('demo', { mediatorId: 'demo:sam' });
    expect(audit.map((e) => [e.action, e.detail ?? ''])).toEqual([
      ['account-email', 'none'],
      ['account-email', 'set'],
      ['account-add', 'mediateur'],
    ]);
  } finally {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  }
});

test('PROCONNECT_ variables: all four or none; production refuses half, development stays off and says so', () => {
  const prod = { NODE_ENV: 'production', REDIS_URL: 'redis://127.0.0.1:6379', PUBLIC_BASE_URL: 'https://aide.example.fr', DIRECTLINE_TOKEN_SECRET: 'x'.repeat(32), CONTACT_HASH_SECRET: 'c'.repeat(32) };
  const all = {
    PROCONNECT_ISSUER: 'https://fca.integ01.dev-agentconnect.fr/api/v2/',
    PROCONNECT_CLIENT_ID: 'client-id',
    PROCONNECT_CLIENT_SECRET: 'a-secret-of-some-length',
    PROCONNECT_REDIRECT_URL: 'https://aide.example.fr/api/mediator/proconnect/callback',
  };
  const half = loadConfig({ ...prod, PROCONNECT_ISSUER: all.PROCONNECT_ISSUER, PROCONNECT_CLIENT_ID: 'client-id' });
  expect(half.ok ? [] : half.errors).toEqual(['PROCONNECT_CLIENT_SECRET, PROCONNECT_REDIRECT_URL: required with the other PROCONNECT_ variables (ProConnect sign-in)']);
  const dev = loadConfig({ PROCONNECT_CLIENT_ID: 'client-id' });
  if (!dev.ok) throw new Error(dev.errors.join());
  expect(dev.config.proconnect).toBeNull();
  expect(dev.config.warnings).toContain('PROCONNECT_ISSUER, PROCONNECT_CLIENT_SECRET, PROCONNECT_REDIRECT_URL: not set, ProConnect sign-in stays off (the other PROCONNECT_ variables are set)');
  const full = loadConfig({ ...prod, ...all });
  if (!full.ok) throw new Error(full.errors.join());
  expect(full.config.proconnect).toEqual({
    issuer: 'https://fca.integ01.dev-agentconnect.fr/api/v2',
    clientId: 'client-id',
    clientSecret: 'a-secret-of-some-length',
    redirectUrl: 'https://aide.example.fr/api/mediator/proconnect/callback',
  });
  const none = loadConfig({});
  expect(none.ok && none.config.proconnect).toBeNull();
});

test('without a territory that has ProConnect, the console login page has no ProConnect link', () => {
  const page = consolePage({ locale: 'fr', strings: loadConsoleStrings('fr').strings, idleTimeoutSeconds: 1800 });
  expect(page).not.toContain('pc-proconnect-link');
  expect(consolePage({ locale: 'fr', strings: loadConsoleStrings('fr').strings, idleTimeoutSeconds: 1800, proconnect: ['demo'] })).toContain('S&#39;identifier avec ProConnect');
});
