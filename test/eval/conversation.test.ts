/**
 * The conversation-level evaluation (issue #12): the case files are well formed and balanced, none of
 * them can pass on a bare menu, and the runner's matching works. Not the pass rate itself: that is a
 * measurement (`npm run eval:conversation`), not a test.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { CATEGORIES, loadCases, type EvalCaseInput, type LoadedCase } from '../../src/eval/cases';
import { checkReply, normalizeForMatch } from '../../src/eval/check';
import { runEvalConversationCli } from '../../src/eval/conversation';
import { ConversationRunner } from '../../src/eval/runner';
import { summarize } from '../../src/eval/summary';

const { cases, problems } = loadCases();

describe('the case files (test/eval/conversation)', () => {
  it('parse without problems: schema, a why for each case, unique ids', () => {
    expect(problems).toEqual([]);
    const ids = cases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('hold at least 200 cases, in French and in English', () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(cases.filter((c) => c.locale === 'fr').length).toBeGreaterThan(100);
    expect(cases.filter((c) => c.locale === 'en').length).toBeGreaterThanOrEqual(30);
  });

  it.each([...CATEGORIES])('category %s has at least 15 cases in tune and 15 in held-out', (category) => {
    expect(cases.filter((c) => c.category === category && c.part === 'tune').length).toBeGreaterThanOrEqual(15);
    expect(cases.filter((c) => c.category === category && c.part === 'heldout').length).toBeGreaterThanOrEqual(15);
  });

  it('never reuse a tune message as the last message of a held-out case', () => {
    const tuneLast = new Set(cases.filter((c) => c.part === 'tune').map((c) => normalizeForMatch(c.turns[c.turns.length - 1])));
    // Short answers ("1", "oui", "2") are the same words by nature; the test is about the citizen's sentences.
    const reused = cases
      .filter((c) => c.part === 'heldout')
      .map((c) => c.turns[c.turns.length - 1])
      .filter((t) => t.split(' ').length >= 3 && tuneLast.has(normalizeForMatch(t)));
    expect(reused).toEqual([]);
  });
});

describe('every case can fail', () => {
  const runner = new ConversationRunner();
  const bare: Record<'fr' | 'en', { first: string; later: string }> = { fr: { first: '', later: '' }, en: { first: '', later: '' } };

  beforeAll(async () => {
    for (const locale of ['fr', 'en'] as const) {
      const first = await runner.run({ id: `bare-${locale}`, category: 'person', locale, turns: ['bonjour', 'menu'], expect: { any: ['x'] }, why: 'the bare welcome and menu' });
      bare[locale] = { first: first.transcript[0].reply, later: first.transcript[1].reply };
    }
  });
  afterAll(() => runner.close());

  it('the bare replies are what they should be (the welcome, then the menu)', () => {
    expect(normalizeForMatch(bare.fr.first)).toContain('pas a pas');
    expect(normalizeForMatch(bare.fr.later)).toContain('0 parler a un conseiller');
    expect(normalizeForMatch(bare.en.later)).toContain('0 talk to an advisor');
  });

  // A bot that answered every turn with the menu (the first turn with the welcome and the menu), and so
  // repeated itself, must fail every case: otherwise the case measures nothing.
  it('no case passes on the bare menu', () => {
    const passing = cases
      .filter((c) => {
        const reply = c.turns.length === 1 ? bare[c.locale].first : bare[c.locale].later;
        return checkReply(reply, c.expect, reply).pass;
      })
      .map((c) => c.id);
    expect(passing).toEqual([]);
  });
});

describe('matching', () => {
  it('ignores case, accents, apostrophes, ligatures and spacing', () => {
    expect(normalizeForMatch('  J’AI   été\u00a0Œuvre  ')).toBe('jai ete oeuvre');
    expect(checkReply("Je n'ai pas compris. Répondez avec un numéro.", { none: ['JE N’AI PAS COMPRIS'], any: ['x'] }).failed).toContain(
      'none: found "JE N’AI PAS COMPRIS"',
    );
    expect(checkReply('Un conseiller va vous répondre', { any: ['CONSEILLER', 'mediateur'] }).pass).toBe(true);
  });

  it('checks any, anyOf, all, none and differsFromPrevious, and says which failed', () => {
    const reply = 'Désolé, c’est difficile. Un conseiller peut vous aider. Que préférez-vous ?';
    expect(checkReply(reply, { anyOf: [['désolé'], ['conseiller', 'lieu']], all: ['?'] }).pass).toBe(true);
    const r = checkReply(reply, { any: ['arnaque', '33700'], anyOf: [['désolé'], ['rappel']], all: ['?', 'menu'], none: ['difficile'] });
    expect(r.pass).toBe(false);
    expect(r.failed).toEqual([
      'any: none of "arnaque", "33700"',
      'anyOf[2]: none of "rappel"',
      'all: missing "menu"',
      'none: found "difficile"',
    ]);
    expect(checkReply(reply, { differsFromPrevious: true }, reply.toUpperCase()).failed).toEqual([
      'differsFromPrevious: the reply is the same as the one before',
    ]);
    expect(checkReply(reply, { differsFromPrevious: true }, 'Votre permis est :').pass).toBe(true);
  });
});

describe('the runner on a tiny synthetic set', () => {
  const passing: EvalCaseInput = {
    id: 'synthetic-pass',
    category: 'first-message',
    turns: ['bonjour'],
    expect: { any: ['PAS À PAS'], none: ['texte absent de toute réponse'] },
    why: 'the welcome names the bot',
  };
  const failing: EvalCaseInput = {
    id: 'synthetic-fail',
    category: 'person',
    turns: ['bonjour', 'menu'],
    expect: { any: ['texte absent de toute réponse'] },
    why: 'a marker that no reply contains',
  };
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'eval-conversation-'));
    mkdirSync(join(dir, 'tune'));
    mkdirSync(join(dir, 'heldout'));
    writeFileSync(join(dir, 'tune', 'a.yaml'), JSON.stringify([passing]));
    writeFileSync(join(dir, 'heldout', 'b.yaml'), JSON.stringify([failing]));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function capture() {
    let text = '';
    const stream = new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    });
    return { stream, text: () => text };
  }

  it('runs each case in its own conversation and reports the failed marker', async () => {
    const runner = new ConversationRunner();
    try {
      const results = [await runner.run({ ...passing, part: 'tune' }), await runner.run({ ...failing, part: 'heldout' })];
      expect(results.map((r) => [r.id, r.pass])).toEqual([
        ['synthetic-pass', true],
        ['synthetic-fail', false],
      ]);
      // A fresh conversation: the second case is welcomed again, the menu of its second turn is not.
      expect(results[1].transcript[0].reply).toContain('Pas à pas');
      expect(results[1].failed).toEqual(['any: none of "texte absent de toute réponse"']);
      const s = summarize(results);
      expect(s.overall).toEqual({ passed: 1, total: 2, rate: 0.5 });
      expect(s.parts.heldout).toEqual({ passed: 0, total: 1, rate: 0 });
      expect(s.categories['first-message'].tune).toEqual({ passed: 1, total: 1, rate: 1 });
      expect(s.failures.map((f) => f.id)).toEqual(['synthetic-fail']);
    } finally {
      await runner.close();
    }
  });

  it('prints the table, exits 0 as a measurement, 1 below --min-heldout, and writes --json', async () => {
    const out = capture();
    const err = capture();
    const results = join(dir, 'results.json');
    expect(await runEvalConversationCli(['--cases', dir, '--verbose'], { out: out.stream, err: err.stream })).toBe(0);
    expect(out.text()).toMatch(/first-message\s+1\/1\s+100\.0 %/);
    expect(out.text()).toMatch(/overall\s+1\/1\s+100\.0 %\s+0\/1\s+0\.0 %\s+1\/2\s+50\.0 %/);
    expect(out.text()).toContain('✗ synthetic-fail [heldout, person, fr]');

    expect(await runEvalConversationCli(['--cases', dir, '--min-heldout', '0.95'], { out: capture().stream, err: err.stream })).toBe(1);
    expect(err.text()).toContain('held-out pass rate 0.0 % is below 95.0 %');

    const json = capture();
    expect(await runEvalConversationCli(['--cases', dir, '--json', '--results', results, '--part', 'tune'], { out: json.stream, err: err.stream })).toBe(0);
    const doc = JSON.parse(readFileSync(results, 'utf8')) as { cases: number; overall: { rate: number } };
    expect(doc.cases).toBe(1);
    expect(doc.overall.rate).toBe(1);
    expect(JSON.parse(json.text())).toMatchObject({ cases: 1 });
  });

  it('refuses broken case files (exit 1, with the file and the case named)', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'eval-conversation-bad-'));
    try {
      mkdirSync(join(bad, 'tune'));
      mkdirSync(join(bad, 'heldout'));
      const noWhy = { ...passing } as Partial<LoadedCase>;
      delete noWhy.why;
      writeFileSync(join(bad, 'tune', 'a.yaml'), JSON.stringify([noWhy, { ...failing, expect: { none: ['x'] } }]));
      writeFileSync(join(bad, 'heldout', 'b.yaml'), JSON.stringify([passing]));
      const { problems: found } = loadCases(bad);
      expect(found).toEqual([
        expect.stringMatching(/^tune\/a\.yaml: synthetic-pass: why: /),
        expect.stringMatching(/^tune\/a\.yaml: synthetic-fail: expect: expect needs positive evidence/),
      ]);
      const dup = mkdtempSync(join(tmpdir(), 'eval-conversation-dup-'));
      mkdirSync(join(dup, 'tune'));
      mkdirSync(join(dup, 'heldout'));
      writeFileSync(join(dup, 'tune', 'a.yaml'), JSON.stringify([passing]));
      writeFileSync(join(dup, 'heldout', 'b.yaml'), JSON.stringify([passing]));
      expect(loadCases(dup).problems).toEqual(['heldout/b.yaml: synthetic-pass: duplicate id (also in tune/a.yaml)']);
      rmSync(dup, { recursive: true, force: true });
      const err = capture();
      expect(await runEvalConversationCli(['--cases', bad], { out: capture().stream, err: err.stream })).toBe(1);
      expect(err.text()).toContain('2 problem(s) in the case files');
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
