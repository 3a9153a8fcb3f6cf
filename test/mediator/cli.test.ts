/**
 * `pasapas mediator add|list|remove` against the same Redis as the server: the password from
 * stdin when piped, or generated and printed once; the account then logs in through the API.
 */
import { PassThrough, Readable } from 'node:stream';
import { runMediatorCli } from '../../src/mediator/cli';
import { RedisAccounts } from '../../src/mediator/accounts';
import { RedisAudit } from '../../src/mediator/audit';
import { connectRedis, deletePrefix, randomPrefix, REDIS_TEST_URL } from '../helpers/redis';

function sink() {
  const s = new PassThrough();
  const chunks: string[] = [];
  s.on('data', (c) => chunks.push(String(c)));
  return { s, text: () => chunks.join('') };
}

test('add (stdin password and generated one), list, remove; errors are clear', async () => {
  const prefix = randomPrefix();
  const redis = await connectRedis();
  const env = { REDIS_URL: REDIS_TEST_URL, REDIS_KEY_PREFIX: prefix, LOG_LEVEL: 'silent' };
  const run = async (args: string[], input: NodeJS.ReadableStream & { isTTY?: boolean } = Readable.from([])) => {
    const out = sink();
    const err = sink();
    const code = await runMediatorCli(args, { out: out.s, err: err.s, input, env });
    return { code, out: out.text(), err: err.text() };
  };
  try {
    const piped = await run(['add', '--territory', 'demo', '--name', 'Léa Martin'], Readable.from(['un-mot-de-passe-solide\n']));
    expect(piped.code).toBe(0);
    expect(piped.out).toContain('username lea.martin');
    expect(piped.out).not.toContain('un-mot-de-passe-solide');
    const accounts = new RedisAccounts(redis, prefix);
    expect(await accounts.verify('demo', 'lea.martin', 'un-mot-de-passe-solide')).toMatchObject({ name: 'Léa Martin', role: 'mediateur' });

    const tty = Object.assign(Readable.from([]), { isTTY: true });
    const generated = await run(['add', '--territory', 'demo', '--name', 'Sam', '--role', 'coordinateur'], tty);
    const password = /one-time password[^:]*: (\S+)/.exec(generated.out)?.[1];
    expect(password).toBeDefined();
    expect(await accounts.verify('demo', 'sam', password!)).toMatchObject({ role: 'coordinateur' });

    expect((await run(['add', '--territory', 'demo', '--name', 'Sam'], tty)).code).toBe(1); // taken
    expect((await run(['add', '--territory', 'nowhere', '--name', 'X'])).err).toContain('unknown territory');
    expect((await run(['list', '--territory', 'demo'])).out.split('\n').filter(Boolean)).toEqual([
      'lea.martin\tmediateur\tLéa Martin',
      'sam\tcoordinateur\tSam',
    ]);
    // The console's code path: capacity, disable, reset, each in the audit log as "cli".
    expect((await run(['set-capacity', '--territory', 'demo', '--username', 'lea.martin', '--capacity', '2'])).code).toBe(0);
    expect((await run(['disable', '--territory', 'demo', '--username', 'lea.martin'])).code).toBe(0);
    expect((await run(['list', '--territory', 'demo'])).out.split('\n')[0]).toBe('lea.martin\tmediateur\tLéa Martin\tdisabled\tcapacity 2');
    expect(await accounts.get('demo', 'lea.martin')).toMatchObject({ disabled: true, capacity: 2 });
    expect((await run(['enable', '--territory', 'demo', '--username', 'lea.martin'])).code).toBe(0);
    const reset = await run(['reset-password', '--territory', 'demo', '--username', 'lea.martin']);
    const fresh = /one-time password for lea.martin[^:]*: (\S+)/.exec(reset.out)?.[1];
    expect(await accounts.verify('demo', 'lea.martin', fresh!)).toBeDefined();
    expect(await accounts.verify('demo', 'lea.martin', 'un-mot-de-passe-solide')).toBeUndefined();
    expect((await run(['set-capacity', '--territory', 'demo', '--username', 'lea.martin', '--capacity', 'lots'])).code).toBe(2);
    const badAdd = await run(['add', '--territory', 'demo', '--name', 'Trop', '--capacity', 'beaucoup'], tty);
    expect([badAdd.code, badAdd.err]).toEqual([2, 'capacity: a whole number from 1 to 50, or none\n']);
    expect(await accounts.get('demo', 'trop')).toBeUndefined();
    expect((await run(['disable', '--territory', 'demo', '--username', 'nobody'])).err).toContain('no account "nobody"');
    const audit = await new RedisAudit(redis, prefix).query('demo', { mediatorId: 'demo:lea.martin' });
    expect(audit.map((e) => [e.mediatorId, e.action, e.detail ?? ''])).toEqual([
      ['cli', 'account-password', ''],
      ['cli', 'account-enable', ''],
      ['cli', 'account-disable', ''],
      ['cli', 'account-capacity', '2'],
      ['cli', 'account-add', 'mediateur'],
    ]);
    expect((await run(['remove', '--territory', 'demo', '--username', 'sam'])).code).toBe(0);
    expect(await accounts.get('demo', 'sam')).toBeUndefined();
    const noRedis = await runMediatorCli(['list', '--territory', 'demo'], { out: sink().s, err: sink().s, input: Readable.from([]), env: { LOG_LEVEL: 'silent' } });
    expect(noRedis).toBe(2);
  } finally {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  }
});
