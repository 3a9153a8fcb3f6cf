/**
 * `pasapas mediator add --territory ID --name NAME [--username U] [--role coordinateur] [--email E]`
 * `pasapas mediator list --territory ID`, `pasapas mediator remove --territory ID --username U`,
 * `pasapas mediator set-role --territory ID --username U --role mediateur|coordinateur`,
 * `pasapas mediator disable|enable|reset-password --territory ID --username U`,
 * `pasapas mediator set-capacity --territory ID --username U --capacity N|none`,
 * `pasapas mediator set-email --territory ID --username U --email E|none` (ProConnect finds the account by it).
 * The same code path as the coordinators' console (AccountAdmin): every change is in the audit log (as "cli").
 * Uses the same REDIS_URL as the server. `add` reads the password from stdin when stdin is not a
 * terminal (one line); otherwise it generates one and prints it once. `remove` and `set-role` end
 * the mediator's open sessions on every instance (they are in Redis).
 */
import { createInterface } from 'node:readline';
import { redisConfig, withRedis } from '../cliConfig';
import { RedisAccounts } from './accounts';
import { AccountAdmin, AccountError } from './accountAdmin';
import { RedisAudit } from './audit';
import { RedisSessions } from './sessions';
import { TerritoryRegistry } from '../territories/registry';
import { CONFIG_DIR } from '../paths';
import { join } from 'node:path';

/** The audit log's "who" for changes made from the command line. */
const CLI = 'cli';

interface Io {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  input: NodeJS.ReadableStream & { isTTY?: boolean };
  env?: Record<string, string | undefined>;
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  const rl = createInterface({ input, terminal: false });
  for await (const line of rl) {
    rl.close();
    return line.trim();
  }
  return '';
}

export async function runMediatorCli(args: string[], io: Io): Promise<number> {
  const [action, ...rest] = args;
  const config = redisConfig(io, 'mediator accounts need REDIS_URL (the same as the server): without it, accounts live inside the server process (the demo account is printed at startup).');
  if (!config) return 2;
  const territory = option(rest, '--territory');
  if (!territory) {
    io.err.write('--territory ID is required\n');
    return 2;
  }
  const territories = TerritoryRegistry.load(join(CONFIG_DIR, 'territories'), config.publicBaseUrl, { defaultTerritory: config.defaultTerritory });
  if (!territories.get(territory)) {
    io.err.write(`unknown territory "${territory}" (config/territories/)\n`);
    return 2;
  }
  return withRedis(config, (redis) => {
    const sessions = new RedisSessions(redis, config.redis.keyPrefix, { idleMs: config.mediatorIdleSeconds * 1000, maxMs: config.mediatorSessionMaxSeconds * 1000 });
    const accounts = new RedisAccounts(redis, config.redis.keyPrefix, { endSessions: (t, u) => sessions.endAll(t, u) });
    // The same code path as the coordinators' console (src/mediator/accountAdmin.ts), audited as "cli".
    const admin = new AccountAdmin({ accounts, audit: new RedisAudit(redis, config.redis.keyPrefix), now: Date.now });
    return accountsCommand(action, rest, territory, admin, io);
  });
}

async function accountsCommand(action: string | undefined, rest: string[], territory: string, admin: AccountAdmin, io: Io): Promise<number> {
  const username = option(rest, '--username');
  const needUser = (): string | undefined => {
    if (!username) io.err.write('--username U is required\n');
    return username;
  };
  try {
    switch (action) {
      case 'add': {
        const name = option(rest, '--name');
        if (!name) {
          io.err.write('--name NAME is required\n');
          return 2;
        }
        const role = option(rest, '--role') === 'coordinateur' ? 'coordinateur' : 'mediateur';
        const capacity = option(rest, '--capacity');
        const generated = Boolean(io.input.isTTY);
        const password = generated ? undefined : await firstLine(io.input);
        const email = option(rest, '--email');
        const added = await admin.add(CLI, territory, { name, username, role, password, capacity: capacity === undefined ? undefined : Number(capacity), ...(email ? { email } : {}) });
        io.out.write(`added ${role} "${name}" to ${territory}: username ${added.account.username}\n`);
        if (added.generated) io.out.write(`one-time password (give it to them, it is not stored in clear): ${added.password}\n`);
        return 0;
      }
      case 'list': {
        for (const m of await admin.list(territory)) {
          const extra = [m.disabled ? 'disabled' : '', m.capacity !== undefined ? `capacity ${m.capacity}` : '', m.email ?? ''].filter(Boolean);
          io.out.write(`${[m.username, m.role, m.name, ...extra].join('\t')}\n`);
        }
        return 0;
      }
      case 'remove': {
        const u = needUser();
        if (!u) return 2;
        await admin.remove(CLI, territory, u);
        io.out.write(`removed ${u} (their sessions are ended)\n`);
        return 0;
      }
      case 'set-role': {
        const role = option(rest, '--role');
        if (!username || (role !== 'mediateur' && role !== 'coordinateur')) {
          io.err.write('--username U and --role mediateur|coordinateur are required\n');
          return 2;
        }
        const before = (await admin.list(territory)).find((m) => m.username === username);
        if (before?.role === role) {
          io.out.write(`${username} is already ${role}\n`);
          return 0;
        }
        await admin.update(CLI, territory, username, { role });
        io.out.write(`${username} is now ${role} (their sessions are ended: they log in again)\n`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const u = needUser();
        if (!u) return 2;
        await admin.update(CLI, territory, u, { disabled: action === 'disable' });
        io.out.write(action === 'disable' ? `${u} is disabled (their sessions are ended)\n` : `${u} can log in again\n`);
        return 0;
      }
      case 'set-capacity': {
        const value = option(rest, '--capacity');
        if (!username || value === undefined || (value !== 'none' && !/^\d+$/.test(value))) {
          io.err.write('--username U and --capacity N|none are required\n');
          return 2;
        }
        await admin.update(CLI, territory, username, { capacity: value === 'none' ? null : Number(value) });
        io.out.write(`${username}: ${value === 'none' ? 'no limit' : `at most ${value} conversation(s) at once`}\n`);
        return 0;
      }
      case 'set-email': {
        const value = option(rest, '--email');
        if (!username || !value) {
          io.err.write('--username U and --email E|none are required\n');
          return 2;
        }
        await admin.update(CLI, territory, username, { email: value === 'none' ? null : value });
        io.out.write(`${username}: ${value === 'none' ? 'no e-mail (no ProConnect sign-in)' : 'e-mail set (ProConnect sign-in)'}\n`);
        return 0;
      }
      case 'reset-password': {
        const u = needUser();
        if (!u) return 2;
        const password = await admin.resetPassword(CLI, territory, u);
        io.out.write(`new one-time password for ${u} (their sessions are ended): ${password}\n`);
        return 0;
      }
      default:
        io.err.write('usage: pasapas mediator add|list|remove|set-role|disable|enable|set-capacity|set-email|reset-password --territory ID ...\n');
        return 2;
    }
  } catch (err) {
    if (err instanceof AccountError) {
      io.err.write(`${err.message}\n`);
      return err.code === 'Invalid' ? 2 : 1;
    }
    throw err;
  }
}
