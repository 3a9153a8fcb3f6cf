/// <reference lib="dom" />
/**
 * Reading the bot's messages aloud with the browser's own speech synthesis (Web Speech API,
 * `speechSynthesis`): only voices the browser declares local (`localService`), so no text leaves the
 * device. A French or English voice matching the conversation; hidden when the browser has none.
 * Every message is cut into sentences (one utterance each: some browsers stop a long utterance after
 * about 15 seconds), and its answers are read with the numbers the bot understands ("1 : Oui.", "0 : Parler à un
 * conseiller.").
 */
import type { Piece } from './linkify';

export type SpeechLocale = 'fr' | 'en';

export interface SpokenLabels {
  /** "Réponses possibles :" */
  choices: string;
  /** "{n} : {label}." */
  choice: string;
}

const SENTENCE_MAX = 220;

/** "https://www.impots.gouv.fr/accueil" → "impots.gouv.fr": an address is never spelled out. */
export function spokenHost(href: string): string {
  try {
    return new URL(href).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

/** Sentences (a word ending in . ! ? or …), each of at most `max` characters (cut between words). */
export function sentences(text: string, max = SENTENCE_MAX): string[] {
  const out: string[] = [];
  let cur = '';
  const flush = () => {
    if (/[0-9A-Za-z\u00c0-\u024f]/.test(cur)) out.push(cur); // not a lone punctuation mark
    cur = '';
  };
  for (const line of text.split(/\n+/)) {
    for (const word of line.split(/\s+/)) {
      if (!word) continue;
      if (cur && cur.length + 1 + word.length > max) flush();
      cur = cur ? `${cur} ${word}` : word;
      if (/[.!?…]["»”)]*$/.test(word)) flush();
    }
    flush();
  }
  return out;
}

/**
 * What is said for one bot message: its text (a link as its words or its site's name), then its
 * answers with the number the bot understands for each: the key the server gave it ("0" for a person in the
 * menu), else its position (a bot that sends no keys numbers its answers in order).
 */
export function spokenParts(
  pieces: Piece[],
  choices: Array<{ label: string; key?: unknown }>,
  labels: SpokenLabels,
  linkWords?: (href: string) => string | undefined,
): string[] {
  const text = pieces.map((p) => (p.href ? linkWords?.(p.href) ?? spokenHost(p.href) : p.text)).join('');
  const out = sentences(text);
  if (choices.length > 0) {
    out.push(labels.choices);
    choices.forEach((c, i) => out.push(labels.choice.replace('{n}', spokenKey(c.key) ?? String(i + 1)).replace('{label}', c.label.trim())));
  }
  return out;
}

/** A key fit to be said: a short word or number (anything else is not what a citizen would type). */
function spokenKey(key: unknown): string | undefined {
  return typeof key === 'string' && /^[0-9A-Za-z\u00c0-\u024f]{1,12}$/.test(key) ? key : undefined;
}

/** Minimal shapes of the Web Speech API, so a page without it (or a test's stand-in) is handled alike. */
interface Voice {
  lang: string;
  localService?: boolean;
  default?: boolean;
}

export class Reader {
  /** The message being read (its "Écouter" button), if any. */
  private current: unknown = null;

  constructor(
    private readonly synth: SpeechSynthesis | undefined = typeof speechSynthesis === 'undefined' ? undefined : speechSynthesis,
    /** Called when the voices change (browsers load them after the page). */
    onVoices?: () => void,
  ) {
    if (this.synth && onVoices && typeof this.synth.addEventListener === 'function') this.synth.addEventListener('voiceschanged', onVoices);
  }

  /** A local voice for the language: the browser's default one if it speaks it. */
  voiceFor(locale: SpeechLocale): SpeechSynthesisVoice | undefined {
    let voices: Voice[] = [];
    try {
      voices = this.synth?.getVoices() ?? [];
    } catch {
      return undefined;
    }
    const fits = (v: Voice) => v.localService !== false && new RegExp(`^${locale}(?:[-_]|$)`, 'i').test(v.lang ?? '');
    const ok = voices.filter(fits);
    return (ok.find((v) => v.default) ?? ok[0]) as SpeechSynthesisVoice | undefined;
  }

  available(locale: SpeechLocale): boolean {
    return !!this.voiceFor(locale);
  }

  /** Whether `owner` (a message's button) is what is being read. */
  reading(owner: unknown): boolean {
    return owner !== null && this.current === owner;
  }

  /** Queue the parts after what is already being read. */
  read(parts: string[], locale: SpeechLocale, owner: unknown = null): void {
    const voice = this.voiceFor(locale);
    if (!this.synth || !voice || parts.length === 0) return;
    this.current = owner;
    parts.forEach((text, i) => {
      const u = new SpeechSynthesisUtterance(text);
      u.voice = voice;
      u.lang = voice.lang;
      u.rate = 0.9; // a little slower: people who read with difficulty often listen carefully too
      if (i === parts.length - 1) u.onend = () => {
        if (this.current === owner) this.current = null;
      };
      this.synth!.speak(u);
    });
  }

  /** Stop at once and forget the queue (the citizen sends, closes, or asks for another message). */
  stop(): void {
    this.current = null;
    try {
      this.synth?.cancel();
    } catch {
      // nothing was being read
    }
  }
}
