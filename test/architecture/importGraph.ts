/**
 * The import graph of src/ and the layers of docs/architecture.md, for the architecture test
 * (test/architecture/layers.test.ts). Imports are read with the TypeScript compiler's own pre-processor
 * (`ts.preProcessFile`: static imports, `export … from`, `import()` and `require()`), so a type-only
 * import counts too: a lower layer must not even name a higher layer's types.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

export const SRC = resolve(__dirname, '..', '..', 'src');

/**
 * Layer of each file, first match wins (paths relative to src/, with "/"). Docs: docs/architecture.md.
 *   1 config (and its pure parts in config/), logger, paths, security, text/, i18n/
 *   2 conversation/, storage/
 *   3 domain services: territories/, guides/ (data), nlu/, places/ (directory), handoff/ (queue), reminders/,
 *     stats/, privacy/
 *   4 feature dialogs: any `*Dialog.ts` / `dialog.ts`, and the dialogs/ folders of features
 *   5 bot/ (composition of the dialogs), channels/ (never imports bot/)
 *   6 HTTP surfaces and wiring: app (and its parts in app/), stores (createStores), server, main, cli, terminal, mediator/, widget/, http/, eval/, the
 *     maintenance commands (`cli.ts` files) and pages mounted on the server
 */
export const LAYER_RULES: Array<[RegExp, number]> = [
  [/^(app|stores|server|main|cli|cliConfig|terminal)\.ts$/, 6],
  [/^(app|mediator|widget|http|eval|cli)\//, 6],
  [/(^|\/)cli\.ts$/, 6],
  [/^places\/import\//, 6],
  [/^privacy\/page\.ts$/, 6],
  [/^stats\/metrics\.ts$/, 6],
  [/^(bot|channels)\//, 5],
  [/(^|\/)([a-zA-Z]*Dialog|dialog)\.ts$/, 4],
  [/^[a-z]+\/dialogs\//, 4],
  [/^prompts\//, 4],
  [/^(territories|guides|nlu|places|handoff|reminders|stats|privacy|selfcheck)\//, 3],
  [/^(conversation|storage)\//, 2],
  [/^(config|logger|paths|security)\.ts$/, 1],
  [/^(config|text|i18n)\//, 1],
];

export function layerOf(file: string): number {
  for (const [re, layer] of LAYER_RULES) if (re.test(file)) return layer;
  throw new Error(`no layer for src/${file}: add it to LAYER_RULES (test/architecture/importGraph.ts) and docs/architecture.md`);
}

export interface Edge {
  from: string;
  to: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

const posix = (p: string) => p.split(sep).join('/');

/** Every import between two files of src/ (relative imports only; packages are not edges). */
export function importGraph(root = SRC): { files: string[]; edges: Edge[] } {
  const files = tsFiles(root);
  const edges: Edge[] = [];
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const imp of info.importedFiles) {
      if (!imp.fileName.startsWith('.')) continue;
      const base = resolve(dirname(file), imp.fileName);
      const target = [`${base}.ts`, join(base, 'index.ts'), base].find((c) => c.endsWith('.ts') && existsSync(c));
      if (!target) continue;
      edges.push({ from: posix(relative(root, file)), to: posix(relative(root, target)) });
    }
  }
  return { files: files.map((f) => posix(relative(root, f))), edges };
}

/** The top folder of a file (or the file itself at the top of src/). */
export function folderOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.indexOf('/')) : file.replace(/\.ts$/, '');
}

export interface LayerReport {
  /** Imports from a lower layer to a higher one. */
  upward: Edge[];
  /** Pairs of top folders that import each other (either way). */
  folderCycles: Array<[string, string]>;
  /** `channels/` importing `bot/`. */
  channelsToBot: Edge[];
}

export function analyse(graph = importGraph()): LayerReport {
  const upward = graph.edges.filter((e) => layerOf(e.from) < layerOf(e.to));
  const pairs = new Set<string>();
  for (const e of graph.edges) {
    const a = folderOf(e.from);
    const b = folderOf(e.to);
    if (a !== b) pairs.add(`${a}>${b}`);
  }
  const folderCycles: Array<[string, string]> = [];
  for (const p of pairs) {
    const [a, b] = p.split('>');
    if (a < b && pairs.has(`${b}>${a}`)) folderCycles.push([a, b]);
  }
  const channelsToBot = graph.edges.filter((e) => e.from.startsWith('channels/') && e.to.startsWith('bot/'));
  return { upward, folderCycles: folderCycles.sort(), channelsToBot };
}
