/**
 * Redeploys and damaged state: a changed guide, a guide that no longer exists, corrupted JSON in
 * Redis, a dialog the bot does not know. The citizen always gets a kind message and can go on.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Citizen, FIXTURE_DIALOGS, startTestApp } from '../helpers/app';
import { deletePrefix, keysWithPrefix, randomPrefix } from '../helpers/redis';

function copyFixtures(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pasapas-dialogs-'));
  cpSync(FIXTURE_DIALOGS, dir, { recursive: true });
  return dir;
}

describe('a redeploy changes the guide under a running conversation (real Redis)', () => {
  let dir: string;
  let prefix: string;
  beforeEach(() => {
    dir = copyFixtures();
    prefix = randomPrefix();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function reachStep2(conversation: string) {
    const before = await startTestApp({ redis: true, prefix, dialogsDir: dir, menu: ['essai'] });
    const c = new Citizen(before.app, conversation);
    await c.say('bonjour');
    await c.say('1');
    await c.say('1');
    expect(await c.say('1')).toContain('Étape 2 sur 3');
    await before.app.close();
    before.admin?.disconnect();
  }

  test('the step still exists: the citizen is told and goes on at the same step', async () => {
    const conversation = `c-${randomUUID()}`;
    await reachStep2(conversation);
    const file = join(dir, 'essai.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('version: 2', 'version: 3').replace('Regardez vos e-mails.', 'Ouvrez votre messagerie.'));
    const after = await startTestApp({ redis: true, prefix, dialogsDir: dir, menu: ['essai'] });
    try {
      const reply = await new Citizen(after.app, conversation).say('1');
      expect(reply).toContain('Ce guide a changé depuis votre visite. On reprend à l\'étape 2.');
      expect(reply).toContain('Ouvrez votre messagerie.');
    } finally {
      await after.close();
    }
  });

  test('the step was removed: the guide restarts politely from the top', async () => {
    const conversation = `c-${randomUUID()}`;
    await reachStep2(conversation);
    const file = join(dir, 'essai.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('version: 2', 'version: 3').replace(/- id: mail\n/, '- id: messagerie\n'),
    );
    const after = await startTestApp({ redis: true, prefix, dialogsDir: dir, menu: ['essai'] });
    try {
      const reply = await new Citizen(after.app, conversation).say('1');
      expect(reply).toContain('On recommence au début.');
      expect(reply).toContain('Pour commencer, il vous faut :');
    } finally {
      await after.close();
    }
  });

  test('the guide was deleted: the citizen is told and gets the menu', async () => {
    const conversation = `c-${randomUUID()}`;
    await reachStep2(conversation);
    rmSync(join(dir, 'essai.yaml'));
    writeFileSync(join(dir, 'autre.yaml'), readFileSync(join(FIXTURE_DIALOGS, 'essai.yaml'), 'utf8').replace('id: essai', 'id: autre'));
    const after = await startTestApp({ redis: true, prefix, dialogsDir: dir, menu: ['autre'] });
    try {
      const c = new Citizen(after.app, conversation);
      const reply = await c.say('1');
      expect(reply).toContain("Ce guide n'existe plus. Voici le menu.");
      expect(reply).toContain('1 Faire un essai');
      expect(await c.say('1')).toContain('Pour commencer, il vous faut :');
    } finally {
      await after.close();
    }
  });
});

describe('damaged state in Redis', () => {
  test('corrupted JSON: the conversation starts again kindly, no crash', async () => {
    const ta = await startTestApp({ redis: true, dialogsDir: FIXTURE_DIALOGS, menu: ['essai'] });
    try {
      const conversation = `c-${randomUUID()}`;
      const c = new Citizen(ta.app, conversation);
      await c.say('bonjour');
      await c.say('1');
      const keys = (await keysWithPrefix(ta.admin!, ta.prefix!)).filter((k) => k.includes(':state:'));
      expect(keys.length).toBeGreaterThan(0);
      for (const k of keys) await ta.admin!.hset(k, 'v', '{"broken": ');
      const reply = await c.say('1');
      expect(reply).toContain('Bonjour');
      expect(reply).toContain('Que voulez-vous faire ?');
      expect(await c.say('1')).toContain('Pour commencer, il vous faut :');
    } finally {
      await ta.close();
    }
  });

  test('an unknown dialog on the saved stack: kind message, menu, and the conversation recovers', async () => {
    const ta = await startTestApp({ redis: true, dialogsDir: FIXTURE_DIALOGS, menu: ['essai'] });
    try {
      const conversation = `c-${randomUUID()}`;
      const c = new Citizen(ta.app, conversation);
      await c.say('bonjour');
      await c.say('1');
      const convKey = (await keysWithPrefix(ta.admin!, ta.prefix!)).find((k) => k.includes('/conversations/'))!;
      const saved = JSON.parse((await ta.admin!.hget(convKey, 'v'))!);
      saved.dialogState.dialogStack[0].id = 'dialog-from-an-old-release';
      await ta.admin!.hset(convKey, 'v', JSON.stringify(saved));
      const reply = await c.say('1');
      expect(reply).toContain("Oups, j'ai eu un petit problème. On reprend depuis le menu.");
      expect(reply).toContain('1 Faire un essai');
      expect(await c.say('1')).toContain('Pour commencer, il vous faut :');
    } finally {
      await ta.close();
    }
  });

  test('an unknown guide id in the saved state: told, then the menu', async () => {
    const ta = await startTestApp({ redis: true, dialogsDir: FIXTURE_DIALOGS, menu: ['essai'] });
    try {
      const c = new Citizen(ta.app, `c-${randomUUID()}`);
      await c.say('bonjour');
      await c.say('1');
      const convKey = (await keysWithPrefix(ta.admin!, ta.prefix!)).find((k) => k.includes('/conversations/'))!;
      const saved = JSON.parse((await ta.admin!.hget(convKey, 'v'))!);
      saved.dialogState.dialogStack[0].state.guideId = 'guide-inconnu';
      await ta.admin!.hset(convKey, 'v', JSON.stringify(saved));
      const reply = await c.say('1');
      expect(reply).toContain("Ce guide n'existe plus. Voici le menu.");
      expect(reply).toContain('Que voulez-vous faire ?');
    } finally {
      await ta.close();
    }
  });

  test('a 10,000-character message is cut with a kind word, and the turn goes on', async () => {
    const ta = await startTestApp({ dialogsDir: FIXTURE_DIALOGS, menu: ['essai'] });
    try {
      const c = new Citizen(ta.app, `c-${randomUUID()}`);
      await c.say('bonjour');
      const reply = await c.say('essai '.repeat(1700));
      expect(reply).toContain('Votre message est très long.');
      expect(await c.say('menu')).toContain('Que voulez-vous faire ?');
    } finally {
      await ta.close();
    }
  });
});

afterAll(async () => {
  // Nothing shared to clean: each test removed its own prefix.
  void deletePrefix;
});
