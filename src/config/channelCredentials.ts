/**
 * The messaging channels' credentials: what CHANNEL_ENV (src/config.ts) declares for one channel, the credential
 * sets a channel's section of `Config` holds, the check of an all-or-none set, and the sets read from the
 * service-wide variables and a territory's own (`<VAR>_<NAME>`). Pure: config.ts reads the environment.
 */
import type { z } from 'zod';

/** What CHANNEL_ENV declares for one channel. */
export interface ChannelEnv {
  /** How errors and warnings name it. */
  label: string;
  /** The variable that authenticates its webhooks (a key of `vars` and of `credentials`). */
  secret: string;
  vars: Record<string, z.ZodType>;
  /** Variable → field of a credential set: the service-wide set, and a territory's own (`<VAR>_<NAME>`). */
  credentials: Record<string, string>;
  /** Service-wide variables that need the secret. */
  needSecret: readonly string[];
  /** Every credential is required as soon as one is set (a half set is an error in production), except these IP allow-lists. */
  allOrNone?: { ipLists: readonly string[] };
}

export interface TwilioCredentials {
  accountSid?: string;
  authToken: string;
}
export interface WhatsAppCredentials {
  appSecret: string;
  accessToken?: string;
}
export interface TelegramCredentials {
  botToken?: string;
  secretToken: string;
}
/** One OVHcloud SMS account with its virtual number: API signing keys, and the secret of its inbound callback URL. */
export interface OvhCredentials {
  applicationKey: string;
  applicationSecret: string;
  consumerKey: string;
  serviceName: string;
  /** The virtual number (E.164) replies come from and citizens write to. */
  number: string;
  callbackSecret: string;
  /** Addresses (or IPv4 /nn ranges) allowed to call the callback; empty: any. */
  allowedIps: string[];
}
/** One Brevo account and the sender its transactional SMS leave from; the secret of its webhook URL. */
export interface BrevoCredentials {
  apiKey: string;
  /** E.164 number (replies come back to it) or an alphanumeric sender (sending only). */
  sender: string;
  webhookSecret: string;
  /** Addresses (or IPv4 /nn ranges) allowed to call the webhook; empty: any. */
  allowedIps: string[];
}
export interface ChannelAccounts<C> {
  /** The service-wide account (numbers or bots that no territory names credentials for). */
  default?: C;
  /** Named credential sets (suffix of the variable), for territories with their own accounts. */
  named: Record<string, C>;
  apiBaseUrl: string;
}

/** An all-or-none credential set with some variables and not all: what is missing, or a bad allow-list entry. */
export function setProblem(c: ChannelEnv, values: Record<string, string | undefined>, name: string): string | undefined {
  const vars = Object.keys(c.credentials);
  if (!vars.some((v) => values[v])) return undefined;
  const suffix = name ? `_${name}` : '';
  const lists = c.allOrNone?.ipLists ?? [];
  const missing = vars.filter((v) => !lists.includes(v) && !values[v]).map((v) => `${v}${suffix}`);
  const prefix = `${c.secret.split('_')[0]}_`;
  if (missing.length) return `${missing.join(', ')}: required for ${c.label} (the other ${prefix} variables${name ? ` of set ${name}` : ''} are set)`;
  for (const v of lists) {
    const bad = ipList(values[v] ?? '').find((ip) => !/^(\d{1,3}(\.\d{1,3}){3}(\/(\d|[12]\d|3[0-2]))?|[0-9a-fA-F:]{2,39})$/.test(ip));
    if (bad !== undefined) return `${v}${suffix}: "${bad}" is not an IPv4 address, an IPv4 range (a.b.c.d/nn) or an IPv6 address`;
  }
  return undefined;
}

export function ipList(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

/** A channel's credential sets: the service-wide one and the territories' own, each only with its secret (all-or-none: only whole). */
export function channelAccounts<T>(
  c: ChannelEnv,
  service: Record<string, string | undefined>,
  named: Record<string, Record<string, string>>,
): { default?: T; named: Record<string, T> } {
  const lists = c.allOrNone?.ipLists ?? [];
  const set = (values: Record<string, string | undefined>) =>
    Object.fromEntries(Object.entries(c.credentials).map(([v, field]) => [field, lists.includes(v) ? ipList(values[v] ?? '') : values[v]])) as T;
  const on = (values: Record<string, string | undefined>) => Boolean(values[c.secret]) && (!c.allOrNone || setProblem(c, values, '') === undefined);
  const own = Object.fromEntries(Object.entries(named).filter(([, v]) => on(v)).map(([name, v]) => [name, set(v)]));
  return { default: on(service) ? set(service) : undefined, named: own };
}
