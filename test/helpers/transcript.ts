/**
 * Conversation tests as data: a transcript is a list of citizen lines, each with fragments the
 * bot's reply must contain (in order) and fragments it must not contain. See test/transcripts/.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface TranscriptStep {
  user?: string;
  /** Fragments expected in the reply, in this order. */
  bot?: string[];
  /** Fragments that must not appear in the reply. */
  not?: string[];
  /** Let time pass before the next line: "90m", "2h", "3d". */
  wait?: string;
  /** The reply is exactly empty (e.g. after STOP on SMS). */
  silent?: boolean;
  /** A mediator acts on the citizen's handoff; `bot` is then checked against what the citizen receives. */
  mediator?: { claim?: boolean; say?: string; close?: 'fait-pour' | 'fait-avec' | 'autonome' | 'non-resolu'; release?: boolean; offDuty?: boolean };
}

export interface Transcript {
  name: string;
  file: string;
  /** "fixtures" = test/fixtures/dialogs; default = the real dialogs/. */
  guides?: 'fixtures' | 'real';
  menu?: string[];
  channel?: string;
  /** The citizen's own number as their channel knows it (SMS, WhatsApp): `channelData.citizenPhone`. */
  phone?: string;
  redis?: boolean;
  /** A mediator of the territory is on duty. */
  onDuty?: boolean;
  steps: TranscriptStep[];
}

export function loadTranscripts(dir: string): Transcript[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => {
      const doc = parse(readFileSync(join(dir, f), 'utf8')) as Omit<Transcript, 'file'> | Array<Omit<Transcript, 'file'>>;
      return (Array.isArray(doc) ? doc : [doc]).map((t) => ({ ...t, file: f }));
    });
}

export function durationMs(text: string): number {
  const m = /^(\d+)\s*(s|m|h|d)$/.exec(text.trim());
  if (!m) throw new Error(`bad duration "${text}"`);
  return Number(m[1]) * { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
}

/** Check a reply against a step; returns a readable error or null. */
export function checkReply(step: TranscriptStep, reply: string): string | null {
  if (step.silent) return reply === '' ? null : `expected no reply, got:\n${reply}`;
  let from = 0;
  for (const fragment of step.bot ?? []) {
    const at = reply.indexOf(fragment, from);
    if (at < 0) {
      const anywhere = reply.indexOf(fragment) >= 0 ? ' (found, but out of order)' : '';
      return `expected "${fragment}"${anywhere} in reply to "${step.user ?? JSON.stringify(step.mediator)}":\n---\n${reply}\n---`;
    }
    from = at + fragment.length;
  }
  for (const fragment of step.not ?? []) {
    if (reply.includes(fragment)) return `did not expect "${fragment}" in reply to "${step.user}":\n---\n${reply}\n---`;
  }
  return null;
}
