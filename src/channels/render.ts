/**
 * One renderer for every channel, driven by the capability table: buttons where the channel has
 * them, numbered lines ("1 Oui / 2 Non / 3 Je bloque") where it does not; the author's short
 * text where the channel prefers it; long texts split on sentence boundaries, links kept whole.
 */
import type { Activity } from 'botbuilder';
import type { ChannelCapabilities } from './capabilities';
import { fromActivity } from '../conversation/message';

export interface RenderedMessage {
  text: string;
  /** Buttons to show with the text (only when the channel has them). */
  buttons?: Array<{ key: string; label: string }>;
  /**
   * SMS: lines of the text that stay in its first SMS when it is cut (the answer "0", a person: a way to a human is
   * never held behind "SUITE").
   */
  firstPart?: string[];
  /** SMS: a question with its answers, kept in one SMS when it fits in one (never "1 Oui" here and "2 Non" there). */
  whole?: boolean;
}

/** The answer that reaches a person (the menu's "0 Parler à un conseiller", the phone's 0). */
const PERSON_KEY = '0';

export function numberedLines(choices: Array<{ key: string; label: string }>): string {
  return choices.map((c) => `${c.key} ${c.label}`).join('\n');
}

export function render(activities: Partial<Activity>[], caps: ChannelCapabilities): RenderedMessage[] {
  const out: RenderedMessage[] = [];
  for (const activity of activities) {
    if (activity.type && activity.type !== 'message') continue;
    const msg = fromActivity(activity);
    const body = caps.sms && msg.smsText ? msg.smsText : caps.preferShort && msg.short ? msg.short : msg.text;
    const choices = msg.choices ?? [];
    const useButtons = choices.length > 0 && choices.length <= caps.maxButtons;
    const question = msg.question ?? '';
    if (useButtons) {
      const text = [body, question].filter((s) => s).join('\n\n');
      for (const part of split(text, caps.maxMessageChars).slice(0, -1)) out.push({ text: part });
      out.push({ text: split(text, caps.maxMessageChars).pop() ?? '', buttons: choices.map((c) => ({ key: c.key, label: c.label })) });
      continue;
    }
    const ask = [question, numberedLines(choices)].filter((s) => s).join('\n');
    if (caps.sms) {
      // On SMS the body and the question are two messages, whole: the SMS sender cuts them at whole items, with the
      // real segment rule, and keeps the way to a person in the question's first SMS.
      if (body) out.push({ text: body });
      const person = choices.filter((c) => c.key === PERSON_KEY);
      if (ask) out.push({ text: ask, whole: true, ...(person.length ? { firstPart: person.map((c) => `${c.key} ${c.label}`) } : {}) });
    } else {
      const text = [body, ask].filter((s) => s).join('\n\n');
      out.push(...split(text, caps.maxMessageChars).map((t) => ({ text: t })));
    }
  }
  return out;
}

/** The text of a message as the channel takes it: markdown where the capability table says so, else as it is. */
export function formatText(text: string, caps: ChannelCapabilities): { text: string; textFormat: 'plain' | 'markdown' } {
  return caps.textFormat === 'markdown' ? { text: markdownOf(text), textFormat: 'markdown' } : { text, textFormat: 'plain' };
}

/**
 * Texts made markdown lately: the bot says the same steps and questions over and over (~2 % of a web chat turn
 * each time). A text may quote what someone typed: the memo is emptied when full and at least every minute.
 */
const markdown = new Map<string, string>();
let markdownSince = Date.now();
const MARKDOWN_REMEMBERED = 1024;

function markdownOf(text: string): string {
  const now = Date.now();
  if (now - markdownSince >= 60_000 || markdown.size >= MARKDOWN_REMEMBERED) {
    markdown.clear();
    markdownSince = now;
  }
  let md = markdown.get(text);
  if (md === undefined) markdown.set(text, (md = toMarkdown(text)));
  return md;
}

/** http(s) URLs in a text (as the widget's linkify finds them), without a trailing punctuation mark. */
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'«»`\\]+/gi;
const URL_TRAILING = /[.,;:!?)\]}'"»]+$/;
/**
 * What can make markdown or HTML anywhere in a line (CommonMark and markdown-it with Web Chat's options:
 * HTML on, linkify, typographer, `{aria-label=…}` attributes): emphasis, code, links and images (`[`,
 * `]`), HTML and autolinks (`<`, `>`), entities (`&`), strikethrough (`~`), tables (`|`), attributes
 * (`{`, `}`, `=`: Web Chat turns `{aria-label=…}` into an attribute before markdown-it even reads an
 * escape) and the escape itself. Each is backslash-escaped, as CommonMark allows for any ASCII
 * punctuation; ordinary punctuation (. , ; : ! ? ' - ( )) stays as it is, so the text reads the same.
 */
const MARKDOWN_INLINE = /[\\`*_[\]<>&~|{}=]/g;
/** What makes a block at the start of a line: a heading, a quote, a list item, a rule or a setext underline. */
const MARKDOWN_LINE_START = /^(?:[#>+=-]|\d{1,9}[.)])/;
/** Web Chat reads these as attribute delimiters (markdown-it-attrs): never sent as they are. */
const ATTRIBUTE_DELIMITERS = /[\u27ec\u27ed]/g;

function escapeInline(text: string): string {
  return text.replace(ATTRIBUTE_DELIMITERS, (c) => (c === '\u27ec' ? '(' : ')')).replace(MARKDOWN_INLINE, (c) => `\\${c}`);
}

/**
 * A bot's text (which may quote what a citizen or a mediator typed) as markdown in which nothing is
 * active but its web links: markdown and HTML are escaped, each http(s) URL becomes an autolink showing
 * the URL itself (`<https://…>`), each line break a hard break (a backslash at the end of the line),
 * blank lines separate paragraphs. So `[x](javascript:…)`, `![](tracker)`, `<img onerror>`, `**bold**`,
 * `# title` or `1. item` typed by anyone show as typed.
 */
export function toMarkdown(text: string): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((p) =>
      p
        .split('\n')
        .map((line) => markdownLine(line.trim()))
        .filter((line) => line !== '')
        .join('\\\n'),
    )
    .filter((p) => p !== '');
  return paragraphs.join('\n\n');
}

function markdownLine(line: string): string {
  let out = '';
  let last = 0;
  URL_IN_TEXT.lastIndex = 0;
  for (let m = URL_IN_TEXT.exec(line); m; m = URL_IN_TEXT.exec(line)) {
    const url = m[0].replace(URL_TRAILING, '');
    out += escapeInline(line.slice(last, m.index));
    out += validUrl(url) ? `<${url}>` : escapeInline(url);
    last = m.index + url.length;
    URL_IN_TEXT.lastIndex = last;
  }
  out += escapeInline(line.slice(last));
  // A block marker at the start: its last character escaped ("\#", "1\.", "\-").
  const block = MARKDOWN_LINE_START.exec(out);
  return block ? `${out.slice(0, block[0].length - 1)}\\${out.slice(block[0].length - 1)}` : out;
}

function validUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !/[\s<>]/.test(url);
  } catch {
    return false;
  }
}

/** Split on sentence (then line, then word) boundaries; URLs are never cut. */
export function split(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const pieces = text.split(/(?<=[.!?:])\s+|\n+/).filter((p) => p.trim() !== '');
  const out: string[] = [];
  let current = '';
  for (const piece of pieces) {
    const words = piece.length > max ? piece.split(/\s+/) : [piece];
    for (const w of words) {
      const candidate = current ? `${current}${piece.length > max ? ' ' : '\n'}${w}` : w;
      if (candidate.length <= max || current === '') current = candidate;
      else {
        out.push(current);
        current = w;
      }
    }
  }
  if (current) out.push(current);
  return out;
}
