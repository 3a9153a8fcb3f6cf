/**
 * The typed configuration the app is given (`Config`), built by `loadConfig` (src/config.ts). Types only.
 */
import type { ServiceEnv } from './envSchema';
import type { RedisTarget } from './redisTargets';
import type { BrevoCredentials, ChannelAccounts, OvhCredentials, TelegramCredentials, TwilioCredentials, WhatsAppCredentials } from './channelCredentials';

export interface ProConnectConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
}

export interface Config {
  env: ServiceEnv['NODE_ENV'];
  production: boolean;
  port: number;
  host: string;
  publicBaseUrl: string;
  logLevel: ServiceEnv['LOG_LEVEL'];
  defaultLocale: ServiceEnv['DEFAULT_LOCALE'];
  /** Absent: embedded in-memory mode. */
  redis: (RedisTarget & { keyPrefix: string }) | null;
  stateTtlSeconds: number;
  resumeAfterMs: number;
  httpChannelToken?: string;
  /** Behind a reverse proxy: take the client's IP from X-Forwarded-For (rate limits). */
  trustProxy: boolean;
  /** How many trusted proxies append to X-Forwarded-For (TRUST_PROXY: true = 1, false = 0): the client's address is that far from the right. */
  trustProxyHops: number;
  /** Web chat abuse limits (0 = off): token requests per client IP, messages per conversation, per minute. */
  webChatLimits: { tokensPerIpPerMinute: number; messagesPerConversationPerMinute: number };
  /** A web chat turn still running after this long streams "the bot is typing" (0 = at once). */
  webChatTypingDelayMs: number;
  /** Open web chat WebSockets on one instance (0 = no limit): per conversation, per client IP. */
  webChatSockets: { perConversation: number; perIp: number };
  /** Web chat photos in 24 hours (0 = no limit): per conversation and per client IP (photos, bytes), per territory (bytes). */
  webChatUploads: {
    perConversation: { count: number; bytes: number };
    perIp: { count: number; bytes: number };
    perTerritoryBytes: number;
  };
  /** Share of Redis maxmemory (0–1) above which a warning is logged and /readyz reports it, and photos are refused; 0 = off. */
  redisMemoryWarnRatio: number;
  /** Bearer token of GET /metrics; without it /metrics is open in development and off in production. */
  metricsToken?: string;
  /** Bot Framework (Azure Bot Service) endpoint at /api/messages; null = disabled. */
  botFramework: { appId: string; appPassword?: string; tenantId?: string; appType: ServiceEnv['MICROSOFT_APP_TYPE'] } | null;
  warmupRecognizers: boolean;
  /** A mediator's session ends after this much inactivity (shared office computers). */
  mediatorIdleSeconds: number;
  /** A mediator's session ends this long after the login, however active (a working day). */
  mediatorSessionMaxSeconds: number;
  /** Territory of citizens whose channel names none (a number or bot no territory claims). */
  defaultTerritory: string;
  directLine: {
    /** HMAC secret of web chat tokens; shared by every instance. Random per process in development. */
    tokenSecret: string;
    tokenSecretIsEphemeral: boolean;
    tokenTtlSeconds: number;
    /** How long after its expiry a token may still be refreshed (a sleeping laptop), not longer: a shared computer's next user. */
    refreshGraceSeconds: number;
    uploadMaxBytes: number;
  };
  /**
   * The key of the hashes that stand for citizens' addresses in Redis keys, records and logs
   * (src/privacy/contactIds.ts); shared by every instance. Random per process outside production.
   */
  contactHash: { secret: string; ephemeral: boolean };
  /** Messaging channels; a channel with no account is disabled (its route answers 404). */
  sms: ChannelAccounts<TwilioCredentials> & { maxSegments: number; transliterate: boolean };
  whatsapp: ChannelAccounts<WhatsAppCredentials> & { verifyToken?: string; phoneNumberId?: string; template?: { name: string; language: string } };
  telegram: ChannelAccounts<TelegramCredentials>;
  /** Phone calls (POST /api/voice/twilio): the SMS accounts when TWILIO_VOICE is on, none otherwise. */
  voice: ChannelAccounts<TwilioCredentials>;
  ovhSms: ChannelAccounts<OvhCredentials> & { outbox: OutboxConfig };
  brevoSms: ChannelAccounts<BrevoCredentials> & { outbox: OutboxConfig };
  /** Faults (docs/reliability.md). */
  reliability: {
    /** A webhook not done by then answers 503 + Retry-After (the provider retries); the turn goes on. */
    webhookDeadlineMs: number;
    /** On SIGTERM, turns in flight get this long to finish before their connections are cut. */
    shutdownGraceMs: number;
    /** A request's headers must arrive within `headersMs`, the whole request within `requestMs` (else 408, closed). */
    http: { headersMs: number; requestMs: number };
    /** A webhook's raw body (read before its signature is checked) must arrive within this (else 408, closed). */
    webhookBodyMs: number;
  };
  /**
   * Voice notes (docs/voice.md): the speech-to-text service (`POST <baseUrl>/audio/transcriptions`), the format it
   * is sent (`ogg`: as received; `mp3`/`wav`: converted with ffmpeg), limits and timeout; null = off.
   */
  stt: SttConfig | null;
  /** ProConnect (OpenID Connect) sign-in for mediators, each territory opting in (`security.proconnect`); null: off. */
  proconnect: ProConnectConfig | null;
  /** Help places from the live national sources (off by default: the committed index). */
  places: {
    apiUrl: string;
    /** data·inclusion is read only with a token. */
    dataInclusion: { url: string; token: string } | null;
    /** PLACES_REFRESH: period of the server's refresh of the index from the API; 0 = never. */
    refreshMs: number;
    /** RDV Service Public (RDV Solidarités / RDV Aide Numérique) public API, for `pasapas rdv-links`. */
    rdvServicePublicUrl: string;
  };
  /** Things worth a line in the startup log (e.g. a channel left disabled). */
  warnings: string[];
}

/** One SMS provider's outbox: its rate, and retries before a dead letter (docs/sms-operators.md, "Outbox"). */
export interface OutboxConfig {
  perSecond: number;
  maxAttempts: number;
  backoffMs: number;
}

export interface SttConfig {
  baseUrl: string;
  apiKey: string;
  model: string;
  format: 'ogg' | 'mp3' | 'wav';
  timeoutMs: number;
  maxSeconds: number;
  maxBytes: number;
  ffmpegPath: string;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };
