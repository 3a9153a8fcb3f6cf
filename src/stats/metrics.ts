/**
 * Prometheus metrics (prom-client, own registry): turns and their latency by channel, handoffs
 * waiting / claimed / closed by outcome and the wait before a mediator, guides started / completed
 * / left per step, help-place lookups — all per territory. Served at GET /metrics, behind a bearer
 * token (METRICS_TOKEN); open without one only outside production.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Request, Response, Server } from 'restify';
import type { HandoffQueue } from '../handoff/queue';
import { bearerMatches } from '../security';
import type { StatsEvents } from './recorder';

export class Metrics implements StatsEvents {
  readonly registry = new Registry();
  private readonly turns: Counter<'channel' | 'territory'>;
  private readonly turnSeconds: Histogram<'channel'>;
  private readonly turnChildren = new Map<string, { turns: { inc(): void }; seconds: { observe(v: number): void } }>();
  private readonly started: Counter<'territory' | 'guide'>;
  private readonly completed: Counter<'territory' | 'guide'>;
  private readonly steps: Counter<'territory' | 'guide' | 'step'>;
  private readonly requested: Counter<'territory'>;
  private readonly claimed: Counter<'territory'>;
  private readonly waitSeconds: Histogram<'territory'>;
  private readonly closed: Counter<'territory' | 'outcome'>;
  private readonly callbacks: Counter<'territory'>;
  private readonly places: Counter<'territory' | 'found'>;
  private readonly satisfaction: Counter<'territory' | 'answer'>;
  private readonly bookingOpened: Counter<'territory'>;
  private readonly uploadBytes: Counter<'territory'>;
  private readonly uploadsRefused: Counter<'territory' | 'reason'>;

  constructor(queue: HandoffQueue, territories: () => string[], now: () => number) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'pasapas_' });
    this.turns = new Counter({ name: 'pasapas_turns_total', help: 'Citizen turns handled', labelNames: ['channel', 'territory'], registers });
    this.turnSeconds = new Histogram({
      name: 'pasapas_turn_duration_seconds',
      help: 'Time to handle a citizen turn (state read, dialogs, state write)',
      labelNames: ['channel'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.started = new Counter({ name: 'pasapas_guides_started_total', help: 'Guides started', labelNames: ['territory', 'guide'], registers });
    this.completed = new Counter({ name: 'pasapas_guides_completed_total', help: 'Guides completed', labelNames: ['territory', 'guide'], registers });
    this.steps = new Counter({ name: 'pasapas_guide_steps_reached_total', help: 'Guide steps reached (the drop between two steps is where people stop)', labelNames: ['territory', 'guide', 'step'], registers });
    this.requested = new Counter({ name: 'pasapas_handoffs_requested_total', help: 'Handoffs requested', labelNames: ['territory'], registers });
    this.claimed = new Counter({ name: 'pasapas_handoffs_claimed_total', help: 'Handoffs taken by a mediator', labelNames: ['territory'], registers });
    this.waitSeconds = new Histogram({
      name: 'pasapas_handoff_wait_seconds',
      help: 'Wait before a mediator took the handoff',
      labelNames: ['territory'],
      buckets: [15, 30, 60, 120, 300, 600, 900, 1800, 3600],
      registers,
    });
    this.closed = new Counter({ name: 'pasapas_handoffs_closed_total', help: 'Handoffs closed, by outcome', labelNames: ['territory', 'outcome'], registers });
    this.callbacks = new Counter({ name: 'pasapas_callbacks_requested_total', help: 'Callbacks requested', labelNames: ['territory'], registers });
    this.places = new Counter({ name: 'pasapas_places_lookups_total', help: 'Help-place lookups', labelNames: ['territory', 'found'], registers });
    this.satisfaction = new Counter({
      name: 'pasapas_satisfaction_total',
      help: 'Satisfaction after a handoff: asked, then answered good / fair / poor',
      labelNames: ['territory', 'answer'],
      registers,
    });
    this.bookingOpened = new Counter({ name: 'pasapas_booking_links_opened_total', help: 'Booking links opened through /r/<id>', labelNames: ['territory'], registers });
    this.uploadBytes = new Counter({
      name: 'pasapas_webchat_upload_bytes_stored_total',
      help: 'Bytes of web chat photos stored in Redis (each kept for the retention period): increase() over the retention is what photos hold',
      labelNames: ['territory'],
      registers,
    });
    this.uploadsRefused = new Counter({
      name: 'pasapas_webchat_uploads_refused_total',
      help: 'Web chat photos refused: rate (messages a minute), memory (Redis too full), conversation / ip / territory (daily quotas)',
      labelNames: ['territory', 'reason'],
      registers,
    });
    new Gauge({
      name: 'pasapas_handoffs_waiting',
      help: 'Handoffs waiting for a mediator now',
      labelNames: ['territory'],
      registers,
      async collect() {
        for (const t of territories()) this.set({ territory: t }, (await queue.waiting(t)).length);
      },
    });
    new Gauge({
      name: 'pasapas_mediators_on_duty',
      help: 'Mediators on duty now',
      labelNames: ['territory'],
      registers,
      async collect() {
        for (const t of territories()) this.set({ territory: t }, await queue.onDutyCount(t, now()));
      },
    });
  }

  /** Redis memory as the photo guard sees it (used and maxmemory, bytes; on a cluster the fullest master). */
  trackRedisMemory(read: () => Promise<{ usedBytes: number; maxBytes: number }>): void {
    const registers = [this.registry];
    new Gauge({
      name: 'pasapas_redis_memory_used_bytes',
      help: 'Redis used_memory (the fullest master on a cluster)',
      registers,
      async collect() {
        this.set((await read()).usedBytes);
      },
    });
    new Gauge({
      name: 'pasapas_redis_memory_max_bytes',
      help: 'Redis maxmemory (0: none set)',
      registers,
      async collect() {
        this.set((await read()).maxBytes);
      },
    });
  }

  uploadStored(territory: string, bytes: number): void {
    this.uploadBytes.inc({ territory }, bytes);
  }

  uploadRefused(territory: string, reason: string): void {
    this.uploadsRefused.inc({ territory, reason });
  }

  observeTurn(channel: string, territory: string, seconds: number): void {
    // The labelled children, kept: prom-client hashes the label object on every call otherwise.
    const key = `${channel}\u0000${territory}`;
    let c = this.turnChildren.get(key);
    if (!c) this.turnChildren.set(key, (c = { turns: this.turns.labels({ channel, territory }), seconds: this.turnSeconds.labels({ channel }) }));
    c.turns.inc();
    c.seconds.observe(seconds);
  }

  async guideStarted(territory: string, guide: string) {
    this.started.inc({ territory, guide });
  }
  async guideStepLeft() {
    // The drop per step is in the reports; Prometheus has the steps reached.
  }
  async guideCompleted(territory: string, guide: string) {
    this.completed.inc({ territory, guide });
  }
  async guideStepReached(territory: string, guide: string, step: string) {
    this.steps.inc({ territory, guide, step });
  }
  async handoffRequested(territory: string) {
    this.requested.inc({ territory });
  }
  async handoffClaimed(territory: string, waitMs: number) {
    this.claimed.inc({ territory });
    this.waitSeconds.observe({ territory }, waitMs / 1000);
  }
  async handoffClosed(territory: string, outcome: string) {
    this.closed.inc({ territory, outcome });
  }
  async callbackRequested(territory: string) {
    this.callbacks.inc({ territory });
  }
  async satisfactionAsked(territory: string) {
    this.satisfaction.inc({ territory, answer: 'asked' });
  }
  async satisfactionAnswered(territory: string, answer: string) {
    this.satisfaction.inc({ territory, answer });
  }
  async handoffEnded() {
    // Counted by handoffClosed; the rows are for the activity report.
  }
  async placesLookup(territory: string, found: boolean) {
    this.places.inc({ territory, found: found ? 'yes' : 'no' });
  }
  async bookingLinkOpened(territory: string) {
    this.bookingOpened.inc({ territory });
  }
}

export function mountMetrics(server: Server, metrics: Metrics, token: string | undefined, production: boolean): boolean {
  if (!token && production) return false;
  server.get('/metrics', async (req: Request, res: Response): Promise<void> => {
    if (token && !bearerMatches(req.header('authorization'), token)) {
      res.send(401, { code: 'Unauthorized', message: 'metrics need the bearer token (METRICS_TOKEN)' });
      return;
    }
    const body = await metrics.registry.metrics();
    res.writeHead(200, { 'Content-Type': metrics.registry.contentType });
    res.end(body);
  });
  return true;
}
