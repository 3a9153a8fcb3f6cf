/**
 * Runs the cases of the conversation-level evaluation against the real bot built in memory (real guides, locales
 * and territories, an injected clock): each case in a fresh conversation, its last reply checked (./check.ts).
 */
import { buildApp, type App, type AppOptions } from '../app';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { EvalCase, type Category, type EvalCaseInput, type Part } from './cases';
import { checkReply, replyText } from './check';

/** The bot's clock when a case gives no date: a Friday morning in Paris. */
export const DEFAULT_DATE = '2026-11-27T10:00:00+01:00';
/** Time between two turns of a case (well under the "on reprend ?" delay). */
export const TURN_GAP_MS = 30_000;

export interface CaseResult {
  id: string;
  part: Part;
  category: Category;
  locale: 'fr' | 'en';
  pass: boolean;
  failed: string[];
  /** The bot's reply to the last turn. */
  reply: string;
  /** Every turn and its reply (always kept: cheap, and what --trace prints). */
  transcript: Array<{ text: string; reply: string }>;
  /** The run of the case threw (counted as a failure). */
  error?: string;
}

interface Pooled {
  app: App;
}

/**
 * Runs cases against the real bot in memory. One app per (starting language, mediator on duty),
 * reused across cases; every case gets its own conversation and citizen, and the shared clock is
 * set to the case's date before its first turn.
 */
export class ConversationRunner {
  private readonly apps = new Map<string, Promise<Pooled>>();
  private clock = Date.parse(DEFAULT_DATE);
  private runs = 0;

  constructor(private readonly options: Pick<AppOptions, 'dialogsDir' | 'territoriesDir' | 'menu' | 'places'> = {}) {}

  private app(locale: 'fr' | 'en', onDuty: boolean): Promise<Pooled> {
    const key = `${locale}:${onDuty}`;
    let pooled = this.apps.get(key);
    if (!pooled) {
      pooled = this.build(locale);
      this.apps.set(key, pooled);
    }
    return pooled;
  }

  private async build(locale: 'fr' | 'en'): Promise<Pooled> {
    // An explicit environment: the evaluation never depends on the shell's (no Redis, no channels).
    const result = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', WARMUP_RECOGNIZERS: 'false', PORT: '0', DEFAULT_LOCALE: locale });
    if (!result.ok) throw new Error(`configuration: ${result.errors.join('; ')}`);
    const app = await buildApp(result.config, createLogger('silent'), {
      ...this.options,
      now: () => this.clock,
      notifier: false,
      demoMediator: false,
    });
    return { app };
  }

  /** Run one case (a loaded case, or a literal one: it is validated first) in a new conversation. */
  async run(c: EvalCaseInput & { part?: Part; file?: string }): Promise<CaseResult> {
    const { part = 'tune', file: _file, ...raw } = c;
    const parsed = EvalCase.parse(raw);
    this.runs += 1;
    const conversationId = `eval-${this.runs}-${parsed.id}`;
    const base: Omit<CaseResult, 'pass' | 'failed' | 'reply'> = {
      id: parsed.id,
      part,
      category: parsed.category,
      locale: parsed.locale,
      transcript: [],
    };
    try {
      const { app } = await this.app(parsed.locale, parsed.onDuty);
      this.clock = Date.parse(parsed.date ?? DEFAULT_DATE);
      const territory = app.config.defaultTerritory;
      if (parsed.onDuty) await app.queue.setPresence(territory, 'eval-mediator', true, 365 * 86_400_000, this.clock);
      for (const text of parsed.turns) {
        const activities = await app.adapter.process({
          channelId: parsed.channel,
          conversationId,
          userId: conversationId,
          text,
        });
        base.transcript.push({ text, reply: replyText(activities, parsed.channel) });
        this.clock += TURN_GAP_MS;
      }
      const last = base.transcript[base.transcript.length - 1];
      const previous = base.transcript.length >= 2 ? base.transcript[base.transcript.length - 2].reply : undefined;
      const check = checkReply(last.reply, parsed.expect, previous);
      return { ...base, pass: check.pass, failed: check.failed, reply: last.reply };
    } catch (err) {
      const last = base.transcript[base.transcript.length - 1];
      return { ...base, pass: false, failed: [`error: ${(err as Error).message}`], reply: last?.reply ?? '', error: (err as Error).stack ?? String(err) };
    }
  }

  async close(): Promise<void> {
    for (const pooled of this.apps.values()) {
      const { app } = await pooled;
      await app.close();
    }
    this.apps.clear();
  }
}
