/**
 * `pasapas chat`: talk to the bot in the terminal, with the same engine and state as the server.
 * Interactive: a prompt. Piped: one line of stdin per turn, the bot's replies printed after each,
 * so scripts can drive it (`printf 'bonjour\n1\n' | pasapas chat`).
 */
import { createInterface } from 'node:readline';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { buildApp } from './app';
import { capabilitiesOf } from './channels/capabilities';
import { render } from './channels/render';

export const TERMINAL_CHANNEL = 'terminal';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function chat(
  args: string[],
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
  env?: Record<string, string | undefined>,
): Promise<number> {
  const result = loadConfig(env);
  if (!result.ok) {
    output.write(`configuration errors:\n${result.errors.map((e) => `  ${e}`).join('\n')}\n`);
    return 2;
  }
  const locale = option(args, '--locale');
  const conversationId = option(args, '--conversation') ?? 'terminal';
  // Logs go to stderr at warn level so they never mix with the conversation.
  const logger = createLogger(result.config.logLevel === 'info' ? 'warn' : result.config.logLevel, process.stderr);
  // "--locale en": English from the first turn, as a territory whose language is English (the activity's locale
  // alone is overridden by the citizen's profile).
  const app = await buildApp({ ...result.config, warmupRecognizers: false, ...(locale === 'en' ? { defaultLocale: 'en' as const } : {}) }, logger);
  const interactive = Boolean(input.isTTY);
  const caps = capabilitiesOf(TERMINAL_CHANNEL);
  const rl = createInterface({ input, terminal: interactive });
  const print = (lines: string[]) => output.write(`${lines.join('\n\n')}\n${interactive ? '' : '\n'}`);

  const turn = async (text: string) => {
    const activities = await app.adapter.process({
      channelId: TERMINAL_CHANNEL,
      conversationId,
      userId: conversationId,
      text,
      locale: locale === 'en' ? 'en-US' : undefined,
    });
    print(render(activities, caps).map((m) => m.text));
  };

  if (interactive) {
    output.write('Pas à pas — écrivez "bonjour" pour commencer, Ctrl+D pour quitter.\n\n');
    rl.setPrompt('vous> ');
    rl.prompt();
  }
  for await (const line of rl) {
    await turn(line);
    if (interactive) rl.prompt();
  }
  await app.close();
  return 0;
}
