import { PassThrough, Readable } from 'node:stream';
import { runUnderstand } from '../../src/cli/understand';

async function understand(lines: string[], args: string[] = []): Promise<Array<Record<string, unknown>>> {
  const input = Readable.from([`${lines.join('\n')}\n`]);
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  const code = await runUnderstand(args, input, output);
  expect(code).toBe(0);
  return chunks
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('pasapas understand', () => {
  it('writes one JSON object per input line, in order', async () => {
    const out = await understand(['je veux parler a un conseiller', 'raconte moi une blague', '']);
    expect(out).toHaveLength(3);
    expect(out.map((o) => o.text)).toEqual(['je veux parler a un conseiller', 'raconte moi une blague', '']);
    expect(out[0].intent).toBe('mediateur');
    expect(out[1].intent).toBe('none');
    for (const o of out) {
      expect(typeof o.score).toBe('number');
      const alternatives = o.alternatives as Array<{ intent: string; score: number }>;
      expect(alternatives.length).toBeGreaterThanOrEqual(3);
      for (const a of alternatives) expect(Object.keys(a).sort()).toEqual(['intent', 'score']);
      expect(alternatives[0].score).toBeLessThanOrEqual(o.score as number);
    }
  });

  it('understands English with --locale en', async () => {
    const [o] = await understand(['delete my data please'], ['--locale', 'en']);
    expect(o.intent).toBe('effacer-donnees');
  });

  it('refuses an unknown locale', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const code = await runUnderstand(['--locale', 'de'], Readable.from([]), new PassThrough());
    stderr.mockRestore();
    expect(code).toBe(2);
  });
});
