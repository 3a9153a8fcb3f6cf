/**
 * The Direct Line WebSocket stream (the `ws` library): after the token is checked on upgrade, a
 * socket receives {activities, watermark} from its watermark on, then live. Activities appended on
 * ANY instance reach it through the ActivityLog's announcements; dead sockets are pinged away.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Logger } from 'pino';
import type { ActivityLog, LogEvent } from './activityLog';
import type { TokenService } from './tokens';
import { BOT_ACCOUNT, DIRECTLINE_CHANNEL, MEDIATOR_ACCOUNT } from './activityShape';
import { withFreshFileUrls } from './fileUrls';
import { clientIp, pathIdProblem, type PathIdRule } from '../../security';

const PATH = /^\/v3\/directline\/conversations\/([^/?]+)\/stream$/;
const STREAM_PATH_IDS: PathIdRule[] = [{ path: PATH, names: ['conversation id'] }];
const HEARTBEAT_MS = 30_000;

interface Subscriber {
  socket: WebSocket & { alive?: boolean };
  watermark: number;
  /** Sends of one socket happen in order: reads of the log, and what waits behind them. */
  chain: Promise<void>;
  /** Work queued on `chain` and not done yet (0: a new event can be sent at once). */
  queued: number;
}

/**
 * Open sockets allowed on this instance (0 = no limit): per conversation (a citizen has one page, maybe
 * a second tab or a reconnect overlapping the old socket), and per client IP (an office or a mobile
 * carrier's NAT puts many citizens behind one address). Counted per instance: they bound what one
 * client can hold open, not a global total.
 */
export interface StreamLimits {
  perConversation: number;
  perIp: number;
  /** TRUST_PROXY (see clientIp). */
  trustProxy: boolean | number;
}

export const STREAM_LIMITS: StreamLimits = { perConversation: 3, perIp: 200, trustProxy: false };
/** A refused upgrade may try again after this long (sockets close when pages go away). */
const RETRY_AFTER_SECONDS = 30;

/** The frame of a typing announcement (an ephemeral activity, with an id and a timestamp as any other). */
function typingFrame(event: LogEvent, watermark: number): string {
  const activity = {
    type: 'typing',
    id: event.activityId ?? `${event.conversationId}|typing`,
    timestamp: event.timestamp ?? new Date().toISOString(),
    channelId: DIRECTLINE_CHANNEL,
    conversation: { id: event.conversationId },
    from: event.from === 'mediator' ? { ...MEDIATOR_ACCOUNT } : { ...BOT_ACCOUNT },
  };
  return JSON.stringify({ activities: [activity], watermark: String(watermark) });
}

export class DirectLineStreams {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  private readonly byConversation = new Map<string, Set<Subscriber>>();
  private readonly unsubscribe: () => void;
  private readonly heartbeat: NodeJS.Timeout;
  /** Sockets held or being upgraded, per conversation and per client IP (see StreamLimits). */
  private readonly heldByConversation = new Map<string, number>();
  private readonly heldByIp = new Map<string, number>();

  constructor(
    private readonly log: ActivityLog,
    private readonly tokens: TokenService,
    private readonly logger: Logger,
    private readonly limits: StreamLimits = STREAM_LIMITS,
  ) {
    this.unsubscribe = log.onEvent((e) => this.onEvent(e));
    this.heartbeat = setInterval(() => this.ping(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Open sockets on this instance. */
  get size(): number {
    let n = 0;
    for (const set of this.byConversation.values()) n += set.size;
    return n;
  }

  attach(server: HttpServer): void {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.upgrade(req, socket, head).catch((err: unknown) => {
        this.logger.error({ err }, 'web chat stream upgrade failed');
        socket.destroy();
      });
    });
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = PATH.exec(url.pathname);
    const refuse = (status: number, reason: string, retryAfterSeconds?: number, body = '') => {
      const retry = retryAfterSeconds === undefined ? '' : `Retry-After: ${retryAfterSeconds}\r\n`;
      const type = body ? 'Content-Type: text/plain; charset=utf-8\r\n' : '';
      socket.end(`HTTP/1.1 ${status} ${reason}\r\n${retry}${type}Connection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    if (!m) return refuse(404, 'Not Found');
    // An id that cannot be one of ours: refused before the token and the store, with the reason.
    const why = pathIdProblem(url.pathname, STREAM_PATH_IDS);
    if (why) return refuse(400, 'Bad Request', undefined, why);
    let conversationId: string;
    try {
      conversationId = decodeURIComponent(m[1]);
    } catch {
      return refuse(400, 'Bad Request'); // a malformed %-escape
    }
    const claims = await this.tokens.verify(url.searchParams.get('t') ?? '');
    if (!claims || claims.conversationId !== conversationId) return refuse(403, 'Forbidden');
    try {
      const meta = await this.log.meta(conversationId);
      if (!meta) return refuse(404, 'Not Found');
      if (meta.userId !== claims.userId) return refuse(403, 'Forbidden');
    } catch (err) {
      this.logger.warn({ err }, 'web chat stream refused: storage unavailable');
      return refuse(503, 'Service Unavailable', 1);
    }
    if (socket.destroyed) return;
    // Checked and counted in one synchronous step, after every await: concurrent upgrades cannot all pass.
    const ip = clientIp(req, this.limits.trustProxy);
    const full = (held: Map<string, number>, key: string, max: number) => max > 0 && (held.get(key) ?? 0) >= max;
    if (full(this.heldByConversation, conversationId, this.limits.perConversation) || full(this.heldByIp, ip, this.limits.perIp)) {
      return refuse(429, 'Too Many Requests', RETRY_AFTER_SECONDS);
    }
    this.hold(this.heldByConversation, conversationId, 1);
    this.hold(this.heldByIp, ip, 1);
    // Released when the connection ends, whether the upgrade completed or not.
    socket.once('close', () => {
      this.hold(this.heldByConversation, conversationId, -1);
      this.hold(this.heldByIp, ip, -1);
    });
    const watermark = Math.max(0, Number(url.searchParams.get('watermark') ?? 0) || 0);
    this.wss.handleUpgrade(req, socket, head, (ws) => this.open(conversationId, ws, watermark));
  }

  private hold(held: Map<string, number>, key: string, delta: number): void {
    const n = (held.get(key) ?? 0) + delta;
    if (n > 0) held.set(key, n);
    else held.delete(key);
  }

  private open(conversationId: string, socket: WebSocket, watermark: number): void {
    const sub: Subscriber = { socket, watermark, chain: Promise.resolve(), queued: 0 };
    sub.socket.alive = true;
    let set = this.byConversation.get(conversationId);
    if (!set) this.byConversation.set(conversationId, (set = new Set()));
    set.add(sub);
    socket.on('pong', () => {
      sub.socket.alive = true;
    });
    socket.on('message', () => {
      sub.socket.alive = true; // clients send "" as a keep-alive; nothing else is expected
    });
    socket.on('close', () => {
      set!.delete(sub);
      if (set!.size === 0) this.byConversation.delete(conversationId);
    });
    socket.on('error', () => socket.terminate());
    this.flush(conversationId, sub);
  }

  private onEvent(event: LogEvent): void {
    const set = this.byConversation.get(event.conversationId);
    if (!set) return;
    if (event.kind === 'ended') {
      for (const sub of set) sub.socket.close(1000, 'conversation ended');
      return;
    }
    for (const sub of set) {
      if (event.kind === 'typing') this.sendText(sub, typingFrame(event, sub.watermark));
      else if (event.json !== undefined && event.watermark !== undefined && event.count !== undefined) this.push(event.conversationId, sub, event);
      else this.flush(event.conversationId, sub);
    }
  }

  /** New activities that came with their announcement: sent as they are when the socket has seen
   *  everything before them, else read from the log (a gap). In order with the socket's reads. */
  private push(conversationId: string, sub: Subscriber, event: LogEvent): void {
    const watermark = event.watermark!;
    const run = () => {
      if (sub.watermark >= watermark) return; // a read already brought them
      if (sub.watermark !== watermark - event.count!) return this.flush(conversationId, sub);
      sub.watermark = watermark;
      this.sendText(sub, `{"activities":${event.json},"watermark":"${watermark}"}`);
    };
    if (sub.queued === 0) run();
    else this.enqueue(sub, async () => run());
  }

  /** Send what this socket has not seen yet, read from the log. */
  private flush(conversationId: string, sub: Subscriber): void {
    this.enqueue(sub, async () => {
      const { activities, watermark } = await this.log.since(conversationId, sub.watermark);
      if (activities.length === 0) return;
      sub.watermark = watermark;
      // Read back from the log: the photos' URLs signed again from now (a reload days later still shows them).
      this.sendText(sub, JSON.stringify({ activities: withFreshFileUrls(this.tokens, activities), watermark: String(watermark) }));
    });
  }

  private enqueue(sub: Subscriber, work: () => Promise<void>): void {
    sub.queued += 1;
    sub.chain = sub.chain
      .then(work)
      .catch((err: unknown) => this.logger.warn({ err }, 'web chat stream read failed'))
      .finally(() => {
        sub.queued -= 1;
      });
  }

  private sendText(sub: Subscriber, frame: string): void {
    if (sub.socket.readyState === sub.socket.OPEN) sub.socket.send(frame);
  }

  private ping(): void {
    for (const set of this.byConversation.values()) {
      for (const sub of set) {
        if (!sub.socket.alive) {
          sub.socket.terminate();
          continue;
        }
        sub.socket.alive = false;
        sub.socket.ping();
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    this.unsubscribe();
    for (const set of this.byConversation.values()) for (const sub of set) sub.socket.close(1001, 'server shutting down');
    this.byConversation.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
