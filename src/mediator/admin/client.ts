/// <reference lib="dom" />
/**
 * The coordinators' page's configuration, strings and API client (src/mediator/admin/main.ts): the console's
 * session (HttpOnly cookie, X-CSRF-Token from this tab's sessionStorage), JSON in and out, errors as ApiError.
 */
import { byId } from '../console/dom';
import { format } from '../console/format';
import { ADMIN_CONFIG_ID, type AdminConfig, type AdminStringKey } from './config';

export const CSRF_KEY = 'pasapas:mediator:csrf';
export const cfg = JSON.parse(byId(ADMIN_CONFIG_ID).textContent ?? '{}') as AdminConfig;
/** A string of locales/admin.<locale>.yaml with its values, counted words in the singular or the plural ("{n|demande|demandes}"). */
export const t = (k: AdminStringKey, vars: Record<string, string | number> = {}) => format(cfg.strings[k], vars, cfg.locale);

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code = '',
  ) {
    super(message);
  }
}

function csrf(): string | null {
  try {
    return window.sessionStorage.getItem(CSRF_KEY);
  } catch {
    return null;
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = csrf();
  if (method !== 'GET' && token) headers['X-CSRF-Token'] = token;
  const res = await fetch(`/api/mediator${path}`, { method, headers, credentials: 'same-origin', cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text().catch(() => '');
  const json = text ? (JSON.parse(text) as { error?: { message?: string; code?: string } }) : null;
  if (!res.ok) throw new ApiError(res.status, json?.error?.message ?? res.statusText, json?.error?.code);
  return json as T;
}
