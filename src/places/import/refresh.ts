/**
 * PLACES_REFRESH: the server re-reads the live national sources on a timer and swaps its in-memory
 * index in one assignment (a conversation reads either the old index or the new one, never half of
 * each). The committed index is what it starts with, and what it keeps while the sources fail: a
 * refresh is refused when a source could not be read (network, HTTP error, schema change) or when
 * the new index has much fewer places than the current one (a source answering a partial list).
 */
import type { Logger } from 'pino';
import { GridDirectory, newestSourceDate, type PlaceDirectory } from '../index';
import { Gazetteer } from '../locate';
import type { HttpOptions } from './http';
import { importPlacesFromApi } from './run';
import type { CommunesFile } from '../schema';

export interface RefreshOptions {
  cartographieUrl: string;
  dataInclusion?: { url: string; token: string };
  periodMs: number;
  /** The index served until the first good refresh (the committed one). */
  initial: () => GridDirectory;
  communes: () => CommunesFile;
  logger: Logger;
  /** A new index smaller than this share of the current one is refused (default 0.5). */
  minShare?: number;
  http?: HttpOptions;
  now?: () => number;
}

export type RefreshOutcome =
  | { ok: true; places: number; generatedAt: string }
  | { ok: false; reason: string };

export class RefreshingDirectory {
  private current?: GridDirectory;
  private timer?: NodeJS.Timeout;
  private running?: Promise<RefreshOutcome>;
  private stopped = false;
  /** The last refresh's outcome (readiness, logs, tests). */
  last?: RefreshOutcome;

  constructor(private readonly options: RefreshOptions) {}

  /** The index to search now. */
  directory(): PlaceDirectory {
    this.current ??= this.options.initial();
    return this.current;
  }

  /** One refresh; concurrent calls share it. Never rejects. */
  refresh(): Promise<RefreshOutcome> {
    this.running ??= this.doRefresh().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async doRefresh(): Promise<RefreshOutcome> {
    const { logger } = this.options;
    let outcome: RefreshOutcome;
    try {
      const now = new Date(this.options.now?.() ?? Date.now());
      const result = await importPlacesFromApi(
        { cartographieUrl: this.options.cartographieUrl, dataInclusion: this.options.dataInclusion, http: this.options.http, now },
        this.options.communes(),
      );
      const unread = result.index.sources.filter((s) => s.fatal);
      const size = this.directory().size;
      const min = Math.floor(size * (this.options.minShare ?? 0.5));
      if (unread.length > 0) outcome = { ok: false, reason: unread.map((s) => s.fatal).join('; ') };
      else if (result.index.places.length < Math.max(1, min)) {
        outcome = { ok: false, reason: `${result.index.places.length} places, fewer than ${min} (half of the ${size} served): refused` };
      } else {
        // One assignment: the swap is atomic for every conversation.
        this.current = new GridDirectory(result.index.places, new Gazetteer(result.communes.rows), result.index.generatedAt, newestSourceDate(result.index));
        outcome = { ok: true, places: result.index.places.length, generatedAt: result.index.generatedAt };
        logger.info(
          { places: outcome.places, sources: result.index.sources.map((s) => ({ source: s.source, read: s.read, kept: s.kept, bad: s.bad })) },
          'places index refreshed from the national API',
        );
      }
    } catch (err) {
      outcome = { ok: false, reason: (err as Error).message };
    }
    if (!outcome.ok) logger.warn({ reason: outcome.reason }, 'places refresh failed: the last good index is kept');
    this.last = outcome;
    return outcome;
  }

  /** Refresh now, then every period (the timer does not keep the process alive). */
  start(): void {
    this.stopped = false;
    const tick = () => {
      this.refresh()
        .catch(() => undefined)
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, this.options.periodMs).unref();
        });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
