import { Writable } from 'node:stream';

/** A stream that keeps what is written to it (`.text`): the output of a CLI command under test. */
export function sink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk, _enc, cb) {
      (w as unknown as { text: string }).text += String(chunk);
      cb();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}
