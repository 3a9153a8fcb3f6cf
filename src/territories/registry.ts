/** Loads config/territories/*.yaml; looks territories up by id; answers origin questions. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Territory } from './schema';

export class TerritoryRegistry {
  private readonly byId = new Map<string, Territory>();

  constructor(
    territories: Territory[],
    private readonly publicOrigin: string,
  ) {
    for (const t of territories) {
      const origins = t.widget.allowedOrigins.map((o) => (o === '$PUBLIC_BASE_URL' ? publicOrigin : o));
      this.byId.set(t.id, { ...t, widget: { allowedOrigins: origins } });
    }
  }

  static load(dir: string, publicBaseUrl: string): TerritoryRegistry {
    const list: Territory[] = [];
    const errors: string[] = [];
    for (const f of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n)).sort()) {
      const r = Territory.safeParse(parse(readFileSync(join(dir, f), 'utf8')));
      if (r.success) list.push(r.data);
      else errors.push(...r.error.issues.map((i) => `${f}: ${i.path.join('.')}: ${i.message}`));
    }
    if (errors.length) throw new Error(`invalid territory configuration:\n${errors.join('\n')}`);
    return new TerritoryRegistry(list, new URL(publicBaseUrl).origin);
  }

  get(id: string): Territory | undefined {
    return this.byId.get(id);
  }

  list(): Territory[] {
    return [...this.byId.values()];
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
