/**
 * What the mediator sees of where the citizen was (the queue's card, GET /api/mediator/queue): the guide and where in
 * it — before starting (the list of papers), offered, or at a step — whenever a guide was active or offered, and in a
 * few words what the citizen said they were stuck on. With no guide, the bot does not say the mediator will see one.
 */
import { randomUUID } from 'node:crypto';
import { Citizen, startTestApp, type TestApp } from '../helpers/app';
import { view } from '../../src/mediator/apiKit';

let ta: TestApp;
beforeEach(async () => {
  ta = await startTestApp({ onDuty: true });
});
afterEach(() => ta.close());

async function queued(lines: string[], channel = 'http') {
  const c = new Citizen(ta.app, `c-${randomUUID()}`, channel);
  const replies: string[] = [];
  for (const l of lines) replies.push(await c.say(l));
  const record = await c.handoff();
  if (!record) throw new Error(`no handoff after ${JSON.stringify(lines)}:\n${replies.join('\n---\n')}`);
  return { record, card: view(record), replies };
}

test('"impots" then "conseiller": the guide, before starting (the list of papers)', async () => {
  const { record, card, replies } = await queued(['impots', 'conseiller', '1']);
  expect(replies[1]).toContain('Il verra le guide');
  expect(record.guideId).toBe('impots-declaration');
  expect(card.summary).toContain('Déclarer mes impôts en ligne');
  expect(card.summary).toContain('avant de commencer');
  expect(card.summary).not.toContain('La personne a demandé un conseiller');
});

test('"ameli", "2" (something missing), "conseiller": the guide, checking the papers one by one', async () => {
  const { record, card } = await queued(['ameli', '2', 'conseiller', '1']);
  expect(record.guideId).toBeDefined();
  expect(card.guideTitle).toBeDefined();
  expect(card.summary).toContain('avant de commencer');
});

test('at a step: the step, as before', async () => {
  const { card } = await queued(['impots', '1', 'conseiller', '1']);
  expect(card.summary).toMatch(/étape 1\/\d+/);
});

test('lost, then a person: no guide claimed, and what they said in a few words', async () => {
  const c = new Citizen(ta.app, `c-${randomUUID()}`, 'http');
  await c.say('je comprend rien je suis perdu');
  const consent = await c.say('conseiller');
  expect(consent).toContain("Vous êtes d'accord ?");
  expect(consent).not.toContain('le guide');
  await c.say('1');
  const record = await c.handoff();
  expect(record?.guideId).toBeUndefined();
  expect(view(record!).summary).toContain('je comprend rien je suis perdu');
});

test('what the citizen said they were stuck on comes with a guide, masked', async () => {
  const { card } = await queued(['impots', 'je trouve pas mon numero fiscal sur la feuille', 'conseiller', '1']);
  expect(card.summary).toContain('Déclarer mes impôts en ligne');
  expect(card.summary).toContain('je trouve pas mon numero fiscal');
});

test('a guide offered ("On commence ce guide ensemble ?"), then "conseiller": the guide, offered', async () => {
  const { card, replies } = await queued(["c'est quoi le numéro fiscal ?", 'conseiller', '1']);
  expect(replies[0]).toContain('On commence ce guide ensemble ?');
  expect(card.summary).toContain('Déclarer mes impôts en ligne — guide proposé');
});

test('in a guide, lost, then "Parler à une personne": the guide, and what they said', async () => {
  const { card, replies } = await queued(['impots', 'je comprend rien je suis perdu', '1', '1']);
  expect(replies[1]).toContain('Que voulez-vous faire ?');
  expect(card.summary).toContain('Déclarer mes impôts en ligne — avant de commencer');
  expect(card.summary).toContain('je comprend rien je suis perdu');
});

test('a guide named with a need, before it starts ("Parler à une personne" at the help offer): the guide, offered', async () => {
  const { record, card, replies } = await queued(["mes impots mais j'ai pas d'ordinateur", 'Parler à une personne', '1']);
  expect(replies[0]).toContain('Que voulez-vous faire ?');
  expect(replies[1]).toContain('Il verra le guide');
  expect(record.guideId).toBe('impots-declaration');
  expect(card.summary).toContain('Déclarer mes impôts en ligne — guide proposé');
  expect(card.summary).toContain("mes impots mais j'ai pas d'ordinateur");
});

test('the handoff from a help offer cancelled: the guide asked for can still start', async () => {
  const c = new Citizen(ta.app, `c-${randomUUID()}`, 'terminal');
  await c.say("mes impots mais j'ai pas d'ordinateur");
  await c.say('Parler à une personne');
  await c.say('1');
  expect(await c.handoff()).toBeDefined();
  const cancelled = await c.say('annuler');
  expect(cancelled).toContain("C'est annulé");
  expect(cancelled).toMatch(/3 .*Déclarer mes impôts en ligne/);
  const started = await c.say('3');
  expect(started).toMatch(/Pour commencer|il vous faut/i);
});

test('the person declined at the consent, after a help offer naming a guide: the guide is still one answer away', async () => {
  const c = new Citizen(ta.app, `c-${randomUUID()}`, 'terminal');
  await c.say("je dois faire ma declaration d'impots mais j'ai pas d'ordinateur");
  expect(await c.say('Parler à une personne')).toContain("Vous êtes d'accord ?");
  const declined = await c.say('non merci');
  // What they came for first; the person, just declined, last.
  expect(declined).toMatch(/1 .*Déclarer mes impôts en ligne/);
  expect(declined).toMatch(/3 Parler à une personne/);
  expect(await c.say('1')).toMatch(/Pour commencer|il vous faut/i);
});

test('the formality told at the consent question is noted, and the mediator sees it, offered', async () => {
  const { record, card, replies } = await queued(['conseiller', "c'est pour mes impots je comprend rien", '1']);
  expect(replies[1]).toContain("Merci, c'est noté : Déclarer mes impôts en ligne.");
  expect(replies[1]).toContain("Vous êtes d'accord ?");
  expect(replies[1]).not.toContain('pas bien compris');
  expect(record.guideId).toBe('impots-declaration');
  expect(card.summary).toContain('Déclarer mes impôts en ligne — guide proposé');
  expect(card.summary).toContain("c'est pour mes impots");
});

test('a payment stopped told at the consent question is noted without an application guide', async () => {
  const { record, replies } = await queued(['conseiller', 'c pour la caf ils mont coupé les apl', '1']);
  expect(replies[1]).toContain("Merci, c'est noté. La personne qui vous aidera le lira.");
  expect(record.guideId).toBeUndefined();
});

test('"Non, merci" after a formality told: that guide, from its start', async () => {
  const c = new Citizen(ta.app, `c-${randomUUID()}`, 'http');
  await c.say('conseiller');
  await c.say("c'est pour ma carte d'identité");
  const reply = await c.say('non merci');
  expect(reply).toContain('D\'accord. On continue ensemble.');
  expect(reply).toContain("Je vous aide pour : Demander carte d'identité ou passeport");
});

test('a formality told inside a guide does not replace it: "Non, merci" goes back to that guide', async () => {
  const c = new Citizen(ta.app, `c-${randomUUID()}`, 'http');
  await c.say('impots');
  await c.say('1');
  await c.say('conseiller');
  const noted = await c.say("c'est pour ma carte d'identité");
  expect(noted).toContain("c'est noté");
  const reply = await c.say('non merci');
  expect(reply).toContain('Étape 1 sur');
});
