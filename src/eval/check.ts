/**
 * Checking the bot's reply to a case's last turn: what the citizen reads on the case's channel, matched against
 * the case's markers without regard to case, accents or apostrophes.
 */
import type { Activity } from 'botbuilder';
import { capabilitiesOf } from '../channels/capabilities';
import { render } from '../channels/render';
import type { EvalChannel, Expect } from './cases';

/** Case-, accent- and apostrophe-insensitive form used for matching ("J’AI été" ≈ "jai ete"). */
export function normalizeForMatch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/['\u2018\u2019\u201B\u2032\u00B4\u0060\u02BC]/g, '')
    .replace(/[\s\u00A0\u202F]+/g, ' ')
    .trim();
}

export interface CheckResult {
  pass: boolean;
  /** One line per failed expectation: `any: none of "a", "b"`, `all: missing "c"`, `none: found "d"`. */
  failed: string[];
}

export function checkReply(reply: string, expect: Expect, previousReply?: string): CheckResult {
  const text = normalizeForMatch(reply);
  const has = (m: string) => text.includes(normalizeForMatch(m));
  const failed: string[] = [];
  const list = (ms: string[]) => ms.map((m) => JSON.stringify(m)).join(', ');
  if (expect.any && !expect.any.some(has)) failed.push(`any: none of ${list(expect.any)}`);
  (expect.anyOf ?? []).forEach((group, i) => {
    if (!group.some(has)) failed.push(`anyOf[${i + 1}]: none of ${list(group)}`);
  });
  for (const m of expect.all ?? []) if (!has(m)) failed.push(`all: missing ${JSON.stringify(m)}`);
  for (const m of expect.none ?? []) if (has(m)) failed.push(`none: found ${JSON.stringify(m)}`);
  if (expect.differsFromPrevious && previousReply !== undefined && normalizeForMatch(previousReply) === text) {
    failed.push('differsFromPrevious: the reply is the same as the one before');
  }
  return { pass: failed.length === 0, failed };
}

/** What the citizen reads on that channel: each message's text, then its buttons as "key label" lines. */
export function replyText(activities: Partial<Activity>[], channel: EvalChannel): string {
  return render(activities, capabilitiesOf(channel))
    .map((m) => [m.text, ...(m.buttons ?? []).map((b) => `${b.key} ${b.label}`)].filter((s) => s).join('\n'))
    .join('\n\n');
}
