/**
 * One renderer for every channel, driven by the capability table: buttons where the channel has
 * them, numbered lines ("1 Oui / 2 Non / 3 Je suis bloqué") where it does not; the author's short
 * text where the channel prefers it; long texts split on sentence boundaries, links kept whole.
 */
import type { Activity } from 'botbuilder';
import type { ChannelCapabilities } from './capabilities';
import { fromActivity } from '../conversation/message';

export interface RenderedMessage {
  text: string;
  /** Buttons to show with the text (only when the channel has them). */
  buttons?: Array<{ key: string; label: string }>;
}

export function numberedLines(choices: Array<{ key: string; label: string }>): string {
  return choices.map((c) => `${c.key} ${c.label}`).join('\n');
}

export function render(activities: Partial<Activity>[], caps: ChannelCapabilities): RenderedMessage[] {
  const out: RenderedMessage[] = [];
  for (const activity of activities) {
    if (activity.type && activity.type !== 'message') continue;
    const msg = fromActivity(activity);
    const body = caps.preferShort && msg.short ? msg.short : msg.text;
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
      // On SMS the body and the question travel as separate messages, each within the limit.
      for (const part of [body, ask].filter((s) => s)) out.push(...split(part, caps.maxMessageChars).map((text) => ({ text })));
    } else {
      const text = [body, ask].filter((s) => s).join('\n\n');
      out.push(...split(text, caps.maxMessageChars).map((t) => ({ text: t })));
    }
  }
  return out;
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
