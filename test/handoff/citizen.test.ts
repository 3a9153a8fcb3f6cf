/**
 * The citizen's side of a handoff that depends on time and on other citizens: opening hours in
 * Europe/Paris with French public holidays (a fixed clock, a territory of its own), and position
 * updates (told on every change, on SMS only when it matters).
 */
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Citizen, FIXTURE_DIALOGS, startTestApp } from '../helpers/app';
import { positionWorthTelling } from '../../src/handoff/notifier';

const TERRITORIES = join(__dirname, '..', 'fixtures', 'territories');

async function hoursApp(isoUtc: string) {
  const ta = await startTestApp({
    dialogsDir: FIXTURE_DIALOGS,
    menu: ['essai'],
    territoriesDir: TERRITORIES,
    env: { DEFAULT_TERRITORY: 'horaires' },
  });
  ta.clock.now = Date.parse(isoUtc);
  return ta;
}

describe('outside opening hours (Mo-Fr 09:00-12:00,14:00-17:00; PH off, Europe/Paris)', () => {
  test('Saturday: no mediator, next opening Monday 9:00; a callback on Sunday is refused, Monday 15h is taken', async () => {
    const ta = await hoursApp('2026-11-28T09:00:00Z'); // Saturday 10:00 in Paris
    try {
      const c = new Citizen(ta.app, `c-${randomUUID()}`);
      await c.say('bonjour');
      const r = await c.say('conseiller');
      expect(r).toContain("Aucun conseiller n'est disponible maintenant.");
      expect(r).toContain('Prochaine ouverture : lundi 30 novembre à 9 h.');
      expect(await c.say('1')).toContain('À quel numéro');
      await c.say('06 12 34 56 78');
      expect(await c.say('oui')).toContain('Quand pouvons-nous vous appeler ?');
      expect(await c.say('hier à 10h')).toContain('Ce moment est déjà passé.');
      expect(await c.say('demain à 14h')).toContain('les conseillers ne sont pas là. Prochaine ouverture : lundi 30 novembre à 9 h.');
      expect(await c.say('lundi à 15h')).toContain('un conseiller vous appellera lundi 30 novembre à 15 h, au 06 12 34 56 78');
      const [cb] = await ta.app.queue.callbacks('horaires');
      expect(cb.callbackPhone).toBe('+33612345678');
      expect(new Date(cb.callbackAt!).toISOString()).toBe('2026-11-30T14:00:00.000Z');
    } finally {
      await ta.close();
    }
  });

  test('Christmas Eve: "demain à 10h" falls on a public holiday and is refused', async () => {
    const ta = await hoursApp('2026-12-24T09:00:00Z'); // Thursday 10:00, open, but nobody on duty
    try {
      const c = new Citizen(ta.app, `c-${randomUUID()}`);
      await c.say('bonjour');
      expect(await c.say('conseiller')).toContain("Aucun conseiller n'est disponible maintenant.");
      await c.say('1');
      await c.say('0612345678');
      await c.say('oui');
      expect(await c.say('demain à 10h')).toContain('les conseillers ne sont pas là');
      expect(await c.say('demain à 15h')).toContain('les conseillers ne sont pas là');
      expect(await c.say('lundi 28 décembre à 10h')).toContain('un conseiller vous appellera lundi 28 décembre à 10 h');
    } finally {
      await ta.close();
    }
  });

  test('open hours but nobody on duty: no "next opening" a minute from now, no time promised; where the hours are closed, the next opening', async () => {
    const ta = await hoursApp('2026-11-27T09:00:00Z'); // Friday 10:00, open, nobody on duty
    try {
      const c = new Citizen(ta.app, `c-${randomUUID()}`);
      await c.say('bonjour');
      const r = await c.say('conseiller');
      expect(r).toContain("Aucun conseiller n'est disponible maintenant.");
      expect(r).toContain('Je ne sais pas quand un conseiller sera là');
      expect(r).not.toContain('Prochaine ouverture');
      ta.clock.now = Date.parse('2026-11-27T11:30:00Z'); // 12:30, lunch break
      const d = new Citizen(ta.app, `c-${randomUUID()}`);
      await d.say('bonjour');
      const closed = await d.say('conseiller');
      expect(closed).toContain('Prochaine ouverture : vendredi 27 novembre à 14 h.');
      expect(closed).not.toContain('Je ne sais pas quand');
    } finally {
      await ta.close();
    }
  });

  test('open hours with a mediator on duty: the consent question, not the callback', async () => {
    const ta = await hoursApp('2026-11-27T09:00:00Z'); // Friday 10:00
    try {
      await ta.app.queue.setPresence('horaires', 'lea', true, 3_600_000, ta.clock.now);
      const c = new Citizen(ta.app, `c-${randomUUID()}`);
      await c.say('bonjour');
      expect(await c.say('conseiller')).toContain("Vous êtes d'accord ?");
      ta.clock.now = Date.parse('2026-11-27T11:30:00Z'); // 12:30, lunch break
      const d = new Citizen(ta.app, `c-${randomUUID()}`);
      await d.say('bonjour');
      expect(await d.say('conseiller')).toContain('Prochaine ouverture : vendredi 27 novembre à 14 h.');
    } finally {
      await ta.close();
    }
  });
});

describe('position updates', () => {
  test('each waiting citizen is told their new place; on SMS only when it matters', async () => {
    const ta = await startTestApp({ dialogsDir: FIXTURE_DIALOGS, menu: ['essai'], onDuty: true });
    try {
      const citizens = [0, 1, 2, 3].map(() => new Citizen(ta.app, `c-${randomUUID()}`));
      const sms = new Citizen(ta.app, `s-${randomUUID()}`, 'sms');
      for (const c of [...citizens, sms]) {
        await c.say('bonjour');
        await c.say('conseiller');
        await c.say('oui');
      }
      expect(await ta.app.queue.position('demo', (await sms.handoff())!.id)).toBe(5);
      for (const c of [...citizens, sms]) await c.proactive(); // nothing pending
      await citizens[0].mediator({ claim: true });
      expect(await citizens[1].proactive()).toContain('Vous êtes maintenant n°1 dans la file.');
      expect(await citizens[3].proactive()).toContain('Vous êtes maintenant n°3 dans la file.');
      expect(await sms.proactive()).toBe(''); // 5 → 4 on SMS: not worth a message
      await citizens[1].mediator({ claim: true });
      await citizens[2].mediator({ claim: true });
      expect(await sms.proactive()).toContain('Vous êtes maintenant n°2 dans la file.'); // 4 → 2
    } finally {
      await ta.close();
    }
  });

  test('positionWorthTelling', () => {
    expect(positionWorthTelling(3, 3, false)).toBe(false);
    expect(positionWorthTelling(3, 2, false)).toBe(true);
    expect(positionWorthTelling(9, 8, true)).toBe(false);
    expect(positionWorthTelling(9, 6, true)).toBe(true);
    expect(positionWorthTelling(3, 2, true)).toBe(true);
  });
});

describe('masking what a citizen writes', () => {
  test('secrets and numbers are hidden, ordinary words about codes are not', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { maskPersonalData } = require('../../src/privacy/mask') as typeof import('../../src/privacy/mask');
    expect(maskPersonalData("j'ai bien reçu un code par SMS")).toBe("j'ai bien reçu un code par SMS");
    expect(maskPersonalData('mon mot de passe est Soleil2024')).toBe('mon mot de passe est [masqué]');
    expect(maskPersonalData('le code 4589')).toBe('le code [masqué]');
    expect(maskPersonalData('appelez le 06 12 34 56 78')).toBe('appelez le [téléphone]');
    expect(maskPersonalData('jean.dupont@example.fr')).toBe('[e-mail]');
    expect(maskPersonalData('secu 1 85 05 78 006 084 91')).toBe('secu [n° sécu]');
    expect(maskPersonalData('FR76 3000 6000 0112 3456 7890 189')).toBe('[IBAN]');
  });
});
