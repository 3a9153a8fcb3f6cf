import { Writable } from 'node:stream';
import { createHash } from 'node:crypto';
import { createLogger, hashId, setLogIdKey } from '../../src/logger';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { logger: createLogger('info', stream), lines };
}

describe('logs never carry message text, tokens or phone numbers', () => {
  test('known sensitive fields are redacted', () => {
    const { logger, lines } = capture();
    logger.child({ module: 'test' }).info(
      {
        text: 'mon numéro fiscal est 1234567890123',
        from: '+33612345678',
        token: 'secret-token',
        activity: { text: 'mot de passe: hunter2' },
        req: { headers: { authorization: 'Bearer abc' } },
        conversation: hashId('+33612345678'),
      },
      'turn',
    );
    const out = lines.join('');
    for (const secret of ['1234567890123', '+33612345678', 'secret-token', 'hunter2', 'Bearer abc']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
    expect(out).toContain('"module":"test"');
  });

  test('an error is logged with its stack, but not the arguments of the Redis command it came from', () => {
    const { logger, lines } = capture();
    const err = Object.assign(new Error('WRONGTYPE Operation against a key holding the wrong kind of value'), {
      command: { name: 'hset', args: ['pasapas:contact:seen:sms:+33612345678', '{"address":"+33612345678"}'] },
    });
    logger.warn({ err }, 'redis error');
    const out = JSON.parse(lines.join('')) as { err: { stack: string; message: string; command: unknown } };
    expect(out.err.stack).toContain('logger.test.ts');
    expect(out.err.message).toMatch(/WRONGTYPE/);
    expect(out.err.command).toEqual({ name: 'hset' });
    expect(lines.join('')).not.toContain('+33612345678');
  });

  test('hashId is stable and does not reveal the id', () => {
    expect(hashId('+33612345678')).toBe(hashId('+33612345678'));
    expect(hashId('+33612345678')).not.toContain('3361');
    expect(hashId('+33612345678')).toHaveLength(12);
  });

  test('hashId is keyed: not the plain SHA-256 anyone could compute, the same on every instance sharing the key', () => {
    const plain = createHash('sha256').update('+33612345678').digest('hex').slice(0, 12);
    setLogIdKey('instance-a-and-b-share-this-key-0123456789');
    const a = hashId('+33612345678');
    expect(a).not.toBe(plain);
    setLogIdKey('another-deployment-has-another-key-0123456');
    expect(hashId('+33612345678')).not.toBe(a);
    setLogIdKey('instance-a-and-b-share-this-key-0123456789');
    expect(hashId('+33612345678')).toBe(a);
  });
});
