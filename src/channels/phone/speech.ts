/**
 * What a caller hears (Twilio Programmable Voice): the bot's rendered messages become spoken items and
 * SMS items. Choices are said with their keys ("Pour Oui, tapez 1, ou dites : Oui."); links are never read
 * aloud: "Je vous envoie le lien par SMS", and the links go by SMS to the caller's own number. Items are
 * strings (the channel counts them against the day's outbound cap, like SMS): `{"say": …, "lang": …}` or
 * `{"sms": …}`. TwiML: <Say> in the conversation's language inside a <Gather input="speech dtmf">.
 * https://www.twilio.com/docs/voice/twiml/gather · https://www.twilio.com/docs/voice/twiml/say
 */
import type { RenderedMessage } from '../render';
import type { Locale } from '../../i18n/locale';
import type { Strings } from '../../i18n/strings';

/** A spoken message longer than this is cut on sentences (a caller follows one short message at a time). */
export const SAY_MAX_CHARS = 400;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'«»`\\]+/gi;
const URL_TRAILING = /[.,;:!?)\]}'"»]+$/;

export type PhoneItem = { say: string; lang: string } | { sms: string };

export const LANG_OF: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** Sentences packed into pieces of at most `max` characters. */
function pieces(text: string, max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const sentence of text.split(/(?<=[.!?…:])\s+/)) {
    if (cur && cur.length + 1 + sentence.length > max) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur} ${sentence}` : sentence;
    while (cur.length > max) {
      const at = cur.lastIndexOf(' ', max) > max / 2 ? cur.lastIndexOf(' ', max) : max;
      out.push(cur.slice(0, at).trim());
      cur = cur.slice(at).trim();
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

export function phoneItems(messages: RenderedMessage[], locale: Locale, strings: Strings): PhoneItem[] {
  const lang = LANG_OF[locale];
  const out: PhoneItem[] = [];
  const links: string[] = [];
  for (const m of messages) {
    const found = (m.text.match(URL_IN_TEXT) ?? []).map((u) => u.replace(URL_TRAILING, ''));
    // The address goes (with the space before it), its trailing punctuation stays; list dashes are not said.
    let text = m.text
      .replace(new RegExp(`[ \\t]*${URL_IN_TEXT.source}`, 'gi'), (u) => u.slice(u.trim().replace(URL_TRAILING, '').length + (u.length - u.trim().length)))
      .replace(/(^|\n)[ \t]*[-•][ \t]+/g, '$1');
    // "Allez sur : ." once the address is gone: the words that announced it stay, the caller is told where it is.
    if (found.length > 0) {
      text = `${text.replace(/\s*:\s*(?=[.\n]|$)/g, '.').replace(/\.\s*\./g, '.')}\n${strings.t(locale, 'call.linkBySms')}`;
      for (const u of found) if (!links.includes(u)) links.push(u);
    }
    const choices = (m.buttons ?? []).map((b) => strings.t(locale, 'call.choice', { key: b.key, label: b.label }));
    // A line break is a pause: a full stop where the line had no punctuation ("Étape 1 sur 5" then the step).
    const spoken = [text.trim().replace(/([^.!?:;,\s])[ \t]*\n+\s*/g, '$1. ').replace(/\s*\n+\s*/g, ' '), ...choices].filter(Boolean).join(' ');
    for (const p of pieces(spoken, SAY_MAX_CHARS)) out.push({ say: p, lang });
  }
  if (links.length > 0) out.push({ sms: links.join('\n') });
  return out;
}

const XML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export const xml = (s: string): string => s.replace(/[&<>"']/g, (c) => XML[c]).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * The answer to one call webhook: what is said, inside a Gather that listens for speech or keys and posts to
 * `action`; said again when the caller is silent (`silence`), then goodbye.
 */
export function gatherTwiml(says: Array<{ say: string; lang: string }>, action: string, opts: { lang: string; after: Array<{ say: string; lang: string }>; redirect?: string; hangup?: boolean }): string {
  const say = (s: { say: string; lang: string }) => `<Say language="${xml(s.lang)}">${xml(s.say)}</Say>`;
  if (opts.hangup) return `<?xml version="1.0" encoding="UTF-8"?><Response>${says.map(say).join('')}<Hangup/></Response>`;
  const gather = `<Gather input="speech dtmf" language="${xml(opts.lang)}" action="${xml(action)}" method="POST" timeout="5" speechTimeout="auto" finishOnKey="#" actionOnEmptyResult="false">${says.map(say).join('')}</Gather>`;
  const redirect = opts.redirect ? `<Redirect method="POST">${xml(opts.redirect)}</Redirect>` : '<Hangup/>';
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${gather}${opts.after.map(say).join('')}${redirect}</Response>`;
}

/** Seconds the mediator line rings before the caller is offered a callback (Twilio's default is 30; a voicemail often answers from 20 on). */
export const DIAL_TIMEOUT_SECONDS = 18;
/** The longest conversation on the mediator line, in seconds (a bound on the minutes billed). */
export const DIAL_TIME_LIMIT_SECONDS = 3600;

/**
 * Put the caller through to the territory's mediator line: one short sentence, then <Dial> (Twilio, TwiML <Dial>:
 * `timeout` seconds of ringing, `callerId` = the territory's Twilio number, which Twilio accepts as caller id since it
 * is the account's own; `answerOnBridge` so the caller hears ringing until someone picks up; `action` is called when
 * the dialled call ends, with DialCallStatus). https://www.twilio.com/docs/voice/twiml/dial
 */
export function dialTwiml(says: Array<{ say: string; lang: string }>, opts: { number: string; callerId: string; action: string }): string {
  const say = (s: { say: string; lang: string }) => `<Say language="${xml(s.lang)}">${xml(s.say)}</Say>`;
  const dial = `<Dial action="${xml(opts.action)}" method="POST" timeout="${DIAL_TIMEOUT_SECONDS}" timeLimit="${DIAL_TIME_LIMIT_SECONDS}" callerId="${xml(opts.callerId)}" answerOnBridge="true"><Number>${xml(opts.number)}</Number></Dial>`;
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${says.map(say).join('')}${dial}</Response>`;
}
