/**
 * Satisfaction after a handoff (issue 19): the answer in the citizen's words, and the answer counted for the
 * territory's report (CSV and JSON), on the embedded store and on real Redis. The conversation itself is in
 * test/transcripts/satisfaction.yaml.
 */
import { randomUUID } from 'node:crypto';
import { Strings } from '../../src/i18n/strings';
import { LOCALES_DIR } from '../../src/paths';
import { recognizeSatisfaction } from '../../src/handoff/satisfaction';
import { buildReport, loadReportLabels, reportCsv } from '../../src/stats/report';
import { Citizen, FIXTURE_DIALOGS, startTestApp } from '../helpers/app';

const strings = Strings.load(LOCALES_DIR);

describe('the answer in the citizen words', () => {
  test.each([
    ['1', 'good'], ['2', 'fair'], ['3', 'poor'], ['n°3', 'poor'],
    ['Oui, très bien', 'good'], ['Un peu', 'fair'], ['Non, pas du tout', 'poor'],
    ['très bien', 'good'], ['TRES BIEN !', 'good'], ["merci c'était top", 'good'], ['merci c’était top', 'good'], ['super merci beaucoup', 'good'],
    ['pas mal', 'good'], ['bof', 'fair'], ['moyen', 'fair'], ['un petit peu', 'fair'], ['pas du tout', 'poor'], ['pas bien', 'poor'],
    ['nul', 'poor'], ['non', 'poor'],
    ['Yes, very well', 'good'], ['great, thank you', 'good'], ['a little', 'fair'], ['so so', 'fair'], ['not at all', 'poor'], ['No, not at all', 'poor'],
  ])('%s → %s', (text, expected) => {
    expect(recognizeSatisfaction(text, strings)).toBe(expected);
  });

  test.each([
    ['ok'], ['merci'], ['menu'], ['4'], ["j'ai besoin d'aide pour ma déclaration"], ['non je veux faire ma déclaration de revenus en ligne'],
    ['je n’arrive pas bien à ouvrir le site de la CAF'], ['très bien mais comment je fais pour la CAF ?'], [''], ['😀'],
  ])('%s is not an answer', (text) => {
    expect(recognizeSatisfaction(text, strings)).toBeUndefined();
  });
});

describe.each([
  ['embedded', false],
  ['redis', true],
] as const)('the answer goes into the territory report (%s)', (_name, redis) => {
  test('asked once at the close, one answer counted, every answer has its row', async () => {
    const ta = await startTestApp({ redis, dialogsDir: FIXTURE_DIALOGS, menu: ['essai'], onDuty: true });
    try {
      const citizen = new Citizen(ta.app, `c-${randomUUID()}`, 'sms');
      await citizen.say('bonjour');
      await citizen.say('conseiller');
      await citizen.say('oui');
      await citizen.mediator({ claim: true });
      expect(await citizen.mediator({ close: 'fait-pour' })).toContain('1 Oui, très bien');
      expect(await citizen.say("merci c'était top")).toContain('Merci pour votre réponse.');
      // A second message is not a second answer.
      expect(await citizen.say('très bien')).not.toContain('Merci pour votre réponse.');

      const day = new Date(ta.clock.now).toISOString().slice(0, 10);
      const report = await buildReport({ stats: ta.app.stats, selfCheck: ta.app.selfCheckStats, catalog: ta.app.catalog }, 'demo', day, day);
      expect(report.satisfaction).toEqual({ asked: 1, good: 1, fair: 0, poor: 0 });
      const csv = reportCsv(report, loadReportLabels('fr'));
      expect(csv).toContain('Satisfaction après une mise en relation;question posée;;1\r\n');
      expect(csv).toContain('Satisfaction après une mise en relation;réponse;oui, très bien;1\r\n');
      expect(csv).toContain('Satisfaction après une mise en relation;réponse;un peu;0\r\n');
      expect(csv).toContain('Satisfaction après une mise en relation;réponse;non, pas du tout;0\r\n');
      // Another territory's report knows nothing of it.
      const other = await buildReport({ stats: ta.app.stats, selfCheck: ta.app.selfCheckStats, catalog: ta.app.catalog }, 'creuse', day, day);
      expect(other.satisfaction).toEqual({ asked: 0, good: 0, fair: 0, poor: 0 });
    } finally {
      await ta.close();
    }
  });
});

