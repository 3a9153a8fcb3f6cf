/**
 * The territories of this deployment (config/territories/*.yaml), and how a citizen's message
 * finds its territory: by the SMS number it was sent to, the WhatsApp phone-number id, the
 * Telegram path, the widget's origin, or the citizen's postal code; otherwise the default
 * territory (DEFAULT_TERRITORY). Routing rules are in docs/territories.md.
 */
import { formatProblem } from '../text/problems';
import { departementOfPostalCode, isDepartement, POSTAL_CODE_RE } from './codes';
import { crossCheck, loadTerritories } from './load';
import { Territory } from './schema';

export interface TerritoryRegistryOptions {
  /** Territory of citizens whose channel names none (config DEFAULT_TERRITORY). Default "demo". */
  defaultTerritory?: string;
  /**
   * INSEE codes of the communes a postal code serves (a postal-code index, e.g. from La Poste's
   * base). Without it, routing by postal code uses coverage.postalCodes and départements only.
   */
  communesOfPostalCode?: (postalCode: string) => readonly string[];
}

/** How a postal code was routed: the most specific match wins. */
export type PostalMatch = 'postalCode' | 'commune' | 'departement' | 'default';

export class TerritoryConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid territory configuration (run pasapas validate):\n${problems.join('\n')}`);
    this.name = 'TerritoryConfigError';
  }
}

export class TerritoryRegistry {
  private readonly byId = new Map<string, Territory>();
  private readonly sms = new Map<string, Territory>();
  private readonly ovhSms = new Map<string, Territory>();
  private readonly brevoSms = new Map<string, Territory>();
  private readonly whatsapp = new Map<string, Territory>();
  private readonly telegram = new Map<string, Territory>();
  private readonly origins = new Map<string, Territory>();
  private readonly postalCodes = new Map<string, Territory>();
  private readonly communes = new Map<string, Territory>();
  /** Per département, its claimants, the most specific (fewest départements) first. */
  private readonly departements = new Map<string, Territory[]>();
  private readonly defaultId: string;
  private readonly communesOf?: (postalCode: string) => readonly string[];

  /** Throws TerritoryConfigError when two territories claim the same thing or the default is missing. */
  constructor(
    territories: Territory[],
    private readonly publicOrigin: string,
    options: TerritoryRegistryOptions = {},
  ) {
    const problems = crossCheck(territories.map((t) => ({ file: `<${t.id}>`, territory: t }))).map(formatProblem);
    this.defaultId = options.defaultTerritory ?? 'demo';
    if (!territories.some((t) => t.id === this.defaultId)) problems.push(`DEFAULT_TERRITORY "${this.defaultId}" has no file in config/territories/`);
    if (problems.length) throw new TerritoryConfigError(problems);
    this.communesOf = options.communesOfPostalCode;
    for (const t of territories) {
      const origins = t.widget.allowedOrigins.map((o) => (o === '$PUBLIC_BASE_URL' ? publicOrigin : o));
      const territory: Territory = { ...t, widget: { allowedOrigins: origins } };
      this.byId.set(t.id, territory);
      for (const n of t.channels.sms?.numbers ?? []) this.sms.set(n, territory);
      for (const n of t.channels['sms-ovh']?.numbers ?? []) this.ovhSms.set(n, territory);
      for (const n of t.channels['sms-brevo']?.senders ?? []) this.brevoSms.set(n, territory);
      for (const id of t.channels.whatsapp?.phoneNumberIds ?? []) this.whatsapp.set(id, territory);
      for (const p of t.channels.telegram?.paths ?? []) this.telegram.set(p, territory);
      for (const o of t.widget.allowedOrigins) if (o !== '$PUBLIC_BASE_URL') this.origins.set(o, territory);
      for (const c of t.coverage.postalCodes) this.postalCodes.set(c, territory);
      for (const c of t.coverage.communes) this.communes.set(c, territory);
      for (const d of t.coverage.departements) this.departements.set(d, [...(this.departements.get(d) ?? []), territory]);
    }
    for (const list of this.departements.values()) list.sort((a, b) => a.coverage.departements.length - b.coverage.departements.length);
  }

  /** Load every file of `dir`; throws TerritoryConfigError listing every problem (file: path: message). */
  static load(dir: string, publicBaseUrl: string, options: TerritoryRegistryOptions = {}): TerritoryRegistry {
    const { territories, problems } = loadTerritories(dir);
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new TerritoryConfigError(errors.map(formatProblem));
    return new TerritoryRegistry(
      territories.map((t) => t.territory),
      new URL(publicBaseUrl).origin,
      options,
    );
  }

  get(id: string): Territory | undefined {
    return this.byId.get(id);
  }

  list(): Territory[] {
    return [...this.byId.values()];
  }

  /** The territory of citizens whose channel names none (DEFAULT_TERRITORY, "demo" by default). */
  get defaultTerritory(): Territory {
    return this.byId.get(this.defaultId) as Territory;
  }

  /** The territory whose SMS number (E.164, Twilio's `To`) this is. Spaces, dots and dashes are ignored. */
  byPhoneNumber(e164: string): Territory | undefined {
    return this.sms.get(e164.replace(/[\s.\-()]/g, ''));
  }

  /** The territory whose OVHcloud virtual number (E.164) this is. */
  byOvhNumber(e164: string): Territory | undefined {
    return this.ovhSms.get(e164.replace(/[\s.\-()]/g, ''));
  }

  /** The territory whose Brevo SMS sender (E.164 number or alphanumeric name) this is. */
  byBrevoSender(sender: string): Territory | undefined {
    return this.brevoSms.get(sender.trim());
  }

  /** The territory of a WhatsApp Cloud API phone-number id (`metadata.phone_number_id`). */
  byWhatsappPhoneNumberId(id: string): Territory | undefined {
    return this.whatsapp.get(id.trim());
  }

  /** The territory of the `:path` of POST /api/telegram/:path (exact, case-sensitive). */
  byTelegramPath(path: string): Territory | undefined {
    return this.telegram.get(path);
  }

  /**
   * The territory whose site this origin is (its widget.allowedOrigins), or undefined, also for
   * our own origin ($PUBLIC_BASE_URL), which serves every territory: there the page names it
   * (data-territory / ?territory=).
   */
  byOrigin(origin: string | undefined): Territory | undefined {
    return origin ? this.origins.get(origin) : undefined;
  }

  /** The most specific territory covering a département code ("37", "2A", "974"). */
  byDepartement(code: string): Territory | undefined {
    const d = code.trim().toUpperCase();
    return isDepartement(d) ? this.departements.get(d)?.[0] : undefined;
  }

  /**
   * The most specific territory for a 5-digit postal code, or undefined:
   * 1. a territory listing it in coverage.postalCodes;
   * 2. with a postal-code index, the territory claiming more than half of its communes;
   * 3. the territory covering its département (derived from the code, see codes.ts), the one
   *    covering the fewest départements first.
   */
  byPostalCode(code: string): Territory | undefined {
    const r = this.matchPostalCode(code);
    return r?.territory;
  }

  /** byPostalCode, falling back to the default territory, and saying how it matched. */
  routePostalCode(code: string): { territory: Territory; match: PostalMatch } {
    return this.matchPostalCode(code) ?? { territory: this.defaultTerritory, match: 'default' };
  }

  private matchPostalCode(code: string): { territory: Territory; match: Exclude<PostalMatch, 'default'> } | undefined {
    const pc = code.trim();
    if (!POSTAL_CODE_RE.test(pc)) return undefined;
    const direct = this.postalCodes.get(pc);
    if (direct) return { territory: direct, match: 'postalCode' };
    const communes = this.communesOf?.(pc) ?? [];
    if (communes.length > 0) {
      const counts = new Map<Territory, number>();
      for (const c of communes) {
        const t = this.communes.get(c);
        if (t) counts.set(t, (counts.get(t) ?? 0) + 1);
      }
      for (const [t, n] of counts) if (n * 2 > communes.length) return { territory: t, match: 'commune' };
    }
    const dep = departementOfPostalCode(pc);
    const t = dep ? this.byDepartement(dep) : undefined;
    return t ? { territory: t, match: 'departement' } : undefined;
  }

  /** Origins allowed to embed this territory's widget (its sites; never "*"). */
  allowedOrigins(id: string): string[] {
    return this.byId.get(id)?.widget.allowedOrigins ?? [];
  }

  /** May a browser page of `origin` ask for a token of this territory? Our own pages always may. */
  originAllowed(id: string, origin: string | undefined): boolean {
    if (!origin) return false;
    return origin === this.publicOrigin || this.allowedOrigins(id).includes(origin);
  }

  get ownOrigin(): string {
    return this.publicOrigin;
  }
}
