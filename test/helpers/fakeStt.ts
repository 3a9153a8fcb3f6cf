/**
 * A fake OpenAI-compatible speech-to-text service (`POST /v1/audio/transcriptions`) on loopback, for the voice note
 * tests: it records each request's fields and file, and answers `text`, a status, or late.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The speech-to-text service: records each request's fields and file; answers `text`, a status, or late. */
export class FakeStt {
  readonly heard: Array<{ auth: string; path: string; model: string; language: string; format: string; fileType: string; fileName: string; file: Buffer }> = [];
  text = '';
  status = 200;
  delayMs = 0;
  private server!: Server;
  baseUrl = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        void (async () => {
          // The multipart body, read by the platform's own parser.
          const form = await new Request('http://stt.local/', { method: 'POST', headers: { 'content-type': req.headers['content-type'] ?? '' }, body: Buffer.concat(chunks) }).formData();
          const file = form.get('file') as File;
          this.heard.push({
            auth: req.headers.authorization ?? '',
            path: req.url ?? '',
            model: String(form.get('model')),
            language: String(form.get('language')),
            format: String(form.get('response_format')),
            fileType: file.type,
            fileName: file.name,
            file: Buffer.from(await file.arrayBuffer()),
          });
          if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
          res.writeHead(this.status, { 'content-type': 'application/json' });
          res.end(this.status === 200 ? JSON.stringify({ text: this.text }) : JSON.stringify({ error: { message: `I heard: ${this.text}` } }));
        })().catch(() => res.destroy());
      });
    });
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.baseUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
