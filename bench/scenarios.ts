/**
 * The two conversations the benchmark plays.
 *  - Pas à pas, lean HTTP channel: "bonjour" (→ menu), then "1" to every numbered question (in our
 *    guides "1" always means yes/next: menu item 1, "j'ai tout", "c'est bon") until the menu comes
 *    back or `maxTurns` is reached. Follows the replies generically, so guide edits don't break it.
 *  - Stock Bot Framework bot: "bonjour" (→ ChoicePrompt), "1", "oui", "oui" (→ end), with
 *    deliveryMode expectReplies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LOCALES_DIR } from '../src/paths';
import { WrongReply, type Reply, type Scenario } from './load';
import { twilioSignature } from '../src/channels/sms/twilio';

let markers: { menu: string; bad: string[] } | undefined;

/**
 * Texts of the bot that tell us where we are, read from the locale so copy edits don't break the bench. Read once
 * per process: the load generator shares the CPUs with the server it measures, and parsing the locale file for every
 * conversation (~5 ms) cost it more CPU per turn than the server under test spent (the stock bot's scenario has its
 * texts as constants).
 */
function pasapasMarkers(): { menu: string; bad: string[] } {
  if (markers) return markers;
  const fr = parse(readFileSync(join(LOCALES_DIR, 'fr.yaml'), 'utf8')) as Record<string, Record<string, string>>;
  markers = {
    menu: fr.menu.question,
    // Replies that mean the bot did not follow: misunderstanding or the turn error boundary.
    bad: [fr.understand.choice, fr.understand.free, fr.error.generic].filter(Boolean),
  };
  return markers;
}

const has = (replies: Reply[], s: string) => replies.some((r) => r.text.includes(s));

/**
 * "bonjour", then "1" at every question until the guide ends (back at the menu) or `maxTurns`; `buttons`: each
 * question must come with numbered answers (channels that carry buttons; SMS numbers them in its text).
 */
async function walkTheGuide(say: Parameters<Scenario['converse']>[0], maxTurns: number, buttons: boolean): Promise<void> {
  const m = pasapasMarkers();
  let replies = await say('bonjour');
  if (!has(replies, m.menu)) throw new WrongReply('bonjour', `the menu ("${m.menu}")`, replies);
  for (let turn = 2; turn <= maxTurns; turn++) {
    replies = await say('1');
    const bad = m.bad.find((b) => has(replies, b));
    if (bad || replies.length === 0) throw new WrongReply('1', 'the next question of the guide', replies);
    if (has(replies, m.menu)) return; // the guide ended: back at the menu
    if (buttons && !replies.some((r) => r.buttons > 0)) throw new WrongReply('1', 'a question with numbered answers', replies);
  }
}

export function pasapasScenario(maxTurns: number): Scenario {
  return {
    name: 'Pas à pas (lean HTTP channel, Redis)',
    request: (id, text) => ({ path: `/api/chat/conversations/${id}/messages`, body: JSON.stringify({ text }) }),
    replies: (body) =>
      ((body as { replies?: Array<{ text?: string; buttons?: unknown[] }> }).replies ?? []).map((r) => ({
        text: r.text ?? '',
        buttons: r.buttons?.length ?? 0,
      })),
    converse: (say) => walkTheGuide(say, maxTurns, true),
  };
}

/** The Twilio account the SMS bench server is given (bench/lean.ts): the load signs its webhooks with it. */
export const BENCH_SMS = {
  authToken: 'bench-twilio-auth-token-0123456789',
  accountSid: `AC${'b0'.repeat(16)}`,
  publicBaseUrl: 'https://bench.pasapas.invalid',
  ourNumber: '+33757000999',
};

/**
 * Pas à pas through the SMS webhook, as Twilio calls it: signed form posts, replies as TwiML (numbered
 * text, at most 3 messages, the rest after "SUITE"). The same conversation as the lean HTTP one; every
 * conversation is a new phone number (the per-number limits are far above one conversation).
 */
export function smsScenario(maxTurns: number): Scenario {
  const numbers = new Map<string, string>();
  let sid = 0;
  const url = `${BENCH_SMS.publicBaseUrl}/api/sms/twilio`;
  return {
    name: 'Pas à pas (SMS webhook, Twilio, Redis)',
    request: (id, text) => {
      let from = numbers.get(id);
      if (!from) {
        from = `+336${String(numbers.size).padStart(8, '0')}`;
        numbers.set(id, from);
      }
      sid += 1;
      const fields: Array<[string, string]> = [
        ['MessageSid', `SM${String(sid).padStart(12, '0')}${id.replace(/[^A-Za-z0-9]/g, '').slice(0, 20)}`],
        ['AccountSid', BENCH_SMS.accountSid],
        ['From', from],
        ['To', BENCH_SMS.ourNumber],
        ['Body', text],
        ['NumMedia', '0'],
      ];
      return {
        path: '/api/sms/twilio',
        body: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(BENCH_SMS.authToken, url, fields) },
      };
    },
    replies: (body) =>
      [...String(body).matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((x) => ({
        text: x[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&'),
        buttons: 0,
      })),
    converse: (say) => walkTheGuide(say, maxTurns, false),
  };
}

/** What the stock bot says; the load generator checks the replies against these. */
export const STOCK = {
  menu: 'Que voulez-vous faire ?',
  choices: ['Déclarer mes impôts en ligne', "Demander la prime d'activité", 'Créer mon compte Ameli'],
  needs:
    "Pour commencer, il vous faut votre numéro fiscal, votre numéro d'accès en ligne et une adresse e-mail. Vous avez tout ?",
  step: "Étape 1 sur 9. Ouvrez le site officiel des impôts : https://www.impots.gouv.fr/ C'est bon ?",
  done: "Bravo, c'est terminé !",
};

export function stockScenario(): Scenario {
  const turns: Array<[string, string]> = [
    ['bonjour', STOCK.menu],
    ['1', STOCK.needs],
    ['oui', STOCK.step],
    ['oui', STOCK.done],
  ];
  return {
    name: 'Stock Bot Framework (CloudAdapter, MemoryStorage)',
    request: (id, text) => ({
      path: '/api/messages',
      body: JSON.stringify({
        type: 'message',
        text,
        from: { id: `user-${id}` },
        recipient: { id: 'bot' },
        conversation: { id },
        channelId: 'test',
        serviceUrl: 'http://localhost',
        locale: 'fr-FR',
        deliveryMode: 'expectReplies',
      }),
    }),
    replies: (body) =>
      ((body as { activities?: Array<{ type?: string; text?: string; suggestedActions?: { actions?: unknown[] } }> }).activities ?? [])
        .filter((a) => a.type === 'message')
        .map((a) => ({ text: a.text ?? '', buttons: a.suggestedActions?.actions?.length ?? 0 })),
    async converse(say) {
      for (const [text, expected] of turns) {
        const replies = await say(text);
        if (!replies.some((r) => r.text.includes(expected))) throw new WrongReply(text, `"${expected}"`, replies);
      }
    },
  };
}
