/**
 * The CLI as an author and a newcomer use it: `validate` (file: path: message, non-zero exit),
 * `schema`, and `chat` driven by piped lines through a real guide.
 */
import { PassThrough, Readable } from 'node:stream';
import { join } from 'node:path';
import { runCli } from '../../src/cli';
import { chat } from '../../src/terminal';

function sink() {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (c) => chunks.push(String(c)));
  return { stream, text: () => chunks.join('') };
}

async function cli(args: string[]) {
  const out = sink();
  const err = sink();
  const code = await runCli(args, { out: out.stream, err: err.stream });
  return { code, out: out.text(), err: err.text() };
}

describe('pasapas validate', () => {
  test('the shipped guides and locales are valid', async () => {
    const r = await cli(['validate']);
    expect(r.out.split('\n').filter((l) => l && !l.includes('warning:'))).toEqual([]);
    expect(r.code).toBe(0);
  });

  test('every problem is reported as file: path: message, and the exit code is non-zero', async () => {
    const r = await cli(['validate', '--dialogs', join(__dirname, '..', 'fixtures', 'broken')]);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'cassé.yaml: steps.1.text.fr: French text is empty',
      ]),
    );
    const parsedAgain = await cli(['validate', '--dialogs', join(__dirname, '..', 'fixtures', 'broken')]);
    expect(parsedAgain.out).toBe(r.out);
    expect(r.out).toMatch(/trop-long\.yaml: steps\.0\.text\.fr: warning: sentence of \d+ words \(max 15\)/);
    expect(r.out).toMatch(/trop-long\.yaml: steps\.0\.sms\.fr: SMS text needs \d segments \(max 2\).*UCS-2 because of: .*ê/);
    expect(r.out).toMatch(/trop-long\.yaml: steps\.0\.text: English text is the same as the French: untranslated\?/);
    expect(r.err).toMatch(/validate: \d+ error\(s\)/);
  });

  test('semantic errors: goto target, duplicate step, off-allowlist links, id vs file name', async () => {
    const dir = join(__dirname, '..', 'fixtures', 'broken-semantics');
    const r = await cli(['validate', '--dialogs', dir]);
    expect(r.code).toBe(1);
    expect(r.out).toContain('guide-a.yaml: steps.0.check.choices.0.goto: goto target "nulle-part" is not a step of this guide');
    expect(r.out).toContain('guide-a.yaml: steps.1.id: duplicate step id "un"');
    expect(r.out).toContain('guide-a.yaml: id: id "autre-id" must match the file name');
    expect(r.out).toContain('guide-b.yaml: steps.0.links.0.url: https://www.exemple-payant.com/acte is not on the official-domain allowlist');
    expect(r.out).toContain('guide-b.yaml: steps.0.text.fr: https://www.impots-faux-site.com is not on the official-domain allowlist');
    // goto guide:<id> must name a guide of the folder (guide-a exists, even though it has errors of its own)
    expect(r.out).toContain('guide-b.yaml: steps.0.check.choices.1.goto: goto target "guide:introuvable": guide "introuvable" does not exist');
    expect(r.out).not.toContain('"guide:guide-a"');
  });
});

describe('pasapas schema', () => {
  test('prints the JSON Schema of a guide file, committed as dialogs/guide.schema.json', async () => {
    const r = await cli(['schema']);
    const schema = JSON.parse(r.out);
    expect(schema.properties.steps.type).toBe('array');
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'version', 'title', 'steps', 'sources']));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require('../../dialogs/guide.schema.json')).toEqual(schema);
  });
});

describe('pasapas chat (piped)', () => {
  test('one line per turn; a newcomer goes through impots-declaration in the terminal', async () => {
    const out = sink();
    const lines = ['bonjour', 'impots', '1', '1', 'retour', '1', 'conseiller', 'menu'];
    const code = await chat([], Readable.from(lines.map((l) => `${l}\n`)), out.stream, { LOG_LEVEL: 'silent' });
    expect(code).toBe(0);
    const text = out.text();
    expect(text).toContain('Bonjour ! Je suis Pas à pas');
    expect(text).toContain('0 Parler à un conseiller');
    expect(text).toContain('Je vous aide pour : Déclarer');
    expect(text).toContain('Pour commencer, il vous faut :');
    expect(text).toContain('Étape 1 sur');
    expect(text).toContain('Étape 2 sur');
    expect(text).toContain('3 Je bloque');
    expect(text.trim().endsWith('0 Parler à un conseiller')).toBe(true);
  });

  test('--locale en: English from the first turn', async () => {
    const out = sink();
    const code = await chat(['--locale', 'en'], Readable.from(['hello\n']), out.stream, { LOG_LEVEL: 'silent' });
    expect(code).toBe(0);
    expect(out.text()).toContain('Hello! I am Pas à pas');
  });
});
