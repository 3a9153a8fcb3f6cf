/**
 * `pasapas mediator add --territory ID --name NAME [--username U] [--role coordinateur]`
 * `pasapas mediator list --territory ID`, `pasapas mediator remove --territory ID --username U`,
 * `pasapas mediator set-role --territory ID --username U --role mediateur|coordinateur`.
 * Uses the same REDIS_URL as the server. `add` reads the password from stdin when stdin is not a
 * terminal (one line); otherwise it generates one and prints it once. `remove` and `set-role` end
 * the mediator's open sessions on every instance (they are in Redis).
 */
import { createInterface } from 'node:readline';
import { redisConfig, withRedis } from '../cliConfig';
import { RedisAccounts, USERNAME, generatePassword } from './accounts';
import { RedisSessions } from './sessions';
import { TerritoryRegistry } from '../territories/registry';
import { CONFIG_DIR } from '../paths';
import { join } from 'node:path';
import { fold } from '../text/fold';

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
    return accountsCommand(action, rest, territory, accounts, io);
  });
}

async function accountsCommand(action: string | undefined, rest: string[], territory: string, accounts: RedisAccounts, io: Io): Promise<number> {
  switch (action) {
    case 'add': {
      const name = option(rest, '--name');
      if (!name) {
        io.err.write('--name NAME is required\n');
        return 2;
      }
      const username = option(rest, '--username') ?? fold(name).replace(/[^a-z0-9]+/g, '.').replace(/^\.|\.$/g, '');
      if (!USERNAME.test(username)) {
        io.err.write(`username "${username}": 2 to 40 lower-case letters, digits, ".", "_" or "-" (use --username)\n`);
        return 2;
      }
      const role = option(rest, '--role') === 'coordinateur' ? 'coordinateur' : 'mediateur';
      const generated = Boolean(io.input.isTTY);
      const password = generated ? generatePassword() : await firstLine(io.input);
      try {
        await accounts.add({ territory, username, name, password, role });
      } catch (err) {
        io.err.write(`${(err as Error).message}\n`);
        return 1;
      }
      io.out.write(`added ${role} "${name}" to ${territory}: username ${username}\n`);
      if (generated) io.out.write(`one-time password (give it to them, it is not stored in clear): ${password}\n`);
      return 0;
    }
    case 'list': {
      for (const m of await accounts.list(territory)) io.out.write(`${m.username}\t${m.role}\t${m.name}\n`);
      return 0;
    }
    case 'remove': {
      const username = option(rest, '--username');
      if (!username) {
        io.err.write('--username U is required\n');
        return 2;
      }
      const removed = await accounts.remove(territory, username);
      io.out.write(removed ? `removed ${username} (their sessions are ended)\n` : `no account ${username} in ${territory}\n`);
      return removed ? 0 : 1;
    }
    case 'set-role': {
      const username = option(rest, '--username');
      const role = option(rest, '--role');
      if (!username || (role !== 'mediateur' && role !== 'coordinateur')) {
        io.err.write('--username U and --role mediateur|coordinateur are required\n');
        return 2;
      }
      const before = await accounts.get(territory, username);
      if (!before) {
        io.out.write(`no account ${username} in ${territory}\n`);
        return 1;
      }
      if (before.role === role) {
        io.out.write(`${username} is already ${role}\n`);
        return 0;
      }
      await accounts.setRole(territory, username, role);
      io.out.write(`${username} is now ${role} (their sessions are ended: they log in again)\n`);
      return 0;
    }
    default:
      io.err.write('usage: pasapas mediator add|list|remove|set-role --territory ID ...\n');
      return 2;
  }
}
