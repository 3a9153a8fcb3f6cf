/**
 * Speech-to-text for citizens' voice notes, through the common OpenAI-compatible API
 * (`POST <base>/audio/transcriptions`, multipart: `file`, `model`, `language`, `response_format=json`
 * → `{"text": "…"}`), which the French State's Albert API also speaks. The audio is sent as received
 * (OGG/Opus) or converted first with ffmpeg (Debian's /usr/bin/ffmpeg) when the service needs MP3 or WAV.
 * Everything happens in memory: no audio file is written, nothing is kept after the call.
 */
import { spawn } from 'node:child_process';
import type { SttConfig } from '../../config';
import type { Locale } from '../../i18n/locale';

export class TranscriptionFailed extends Error {
  constructor(readonly reason: 'convert' | 'service' | 'timeout' | 'empty', detail: string) {
    super(`voice note not transcribed (${reason}): ${detail}`);
    this.name = 'TranscriptionFailed';
  }
}

const CONVERT: Record<'mp3' | 'wav', { args: string[]; mime: string }> = {
  // Mono 16 kHz: what speech models are trained on, and a small upload.
  mp3: { args: ['-ac', '1', '-ar', '16000', '-b:a', '32k', '-f', 'mp3'], mime: 'audio/mpeg' },
  wav: { args: ['-ac', '1', '-ar', '16000', '-f', 'wav'], mime: 'audio/wav' },
};

/** OGG/Opus (or any audio ffmpeg reads) → MP3 or WAV, through pipes, killed after `timeoutMs`. */
export function convertAudio(ffmpegPath: string, audio: Buffer, format: 'mp3' | 'wav', timeoutMs: number, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpegPath, ['-hide_banner', '-loglevel', 'error', '-nostdin', '-i', 'pipe:0', '-vn', ...CONVERT[format].args, 'pipe:1'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let size = 0;
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new TranscriptionFailed('timeout', 'ffmpeg took too long'));
    }, timeoutMs);
    child.stdout.on('data', (c: Buffer) => {
      size += c.length;
      if (size > maxBytes * 4) child.kill('SIGKILL');
      else out.push(c);
    });
    child.stderr.on('data', (c: Buffer) => {
      err = (err + c.toString('utf8')).slice(-500);
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new TranscriptionFailed('convert', e.message));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && size > 0 && size <= maxBytes * 4) resolve(Buffer.concat(out));
      else reject(new TranscriptionFailed('convert', `ffmpeg exited with ${code}: ${err.trim().split('\n').pop() ?? ''}`));
    });
    child.stdin.on('error', () => undefined); // ffmpeg may stop reading early on bad input: its exit code says it
    child.stdin.end(audio);
  });
}

/** The file name's extension of an audio type sent as received. */
const EXTENSIONS: Record<string, string> = { 'audio/ogg': 'ogg', 'audio/opus': 'ogg', 'audio/mpeg': 'mp3', 'audio/mp3': 'mp3', 'audio/mp4': 'm4a', 'audio/aac': 'aac', 'audio/amr': 'amr', 'audio/3gpp': '3gp', 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/webm': 'webm' };

export interface Transcriber {
  readonly config: SttConfig;
  /** The words of a voice note; throws TranscriptionFailed. */
  transcribe(audio: Buffer, mime: string, locale: Locale): Promise<string>;
}

export class HttpTranscriber implements Transcriber {
  constructor(readonly config: SttConfig) {}

  async transcribe(audio: Buffer, mime: string, locale: Locale): Promise<string> {
    const { format, ffmpegPath, timeoutMs, maxBytes } = this.config;
    const started = Date.now();
    let body = audio;
    let type = mime || 'audio/ogg';
    // The file's name says its format, as services guess from it (an MMS voice note is often AMR or MP4, not OGG).
    let name = `voice.${EXTENSIONS[type.split(';')[0].trim().toLowerCase()] ?? 'ogg'}`;
    if (format !== 'ogg') {
      body = await convertAudio(ffmpegPath, audio, format, timeoutMs, maxBytes);
      type = CONVERT[format].mime;
      name = `voice.${format}`;
    }
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(body)], { type }), name);
    form.append('model', this.config.model);
    form.append('language', locale);
    form.append('response_format', 'json');
    const left = Math.max(1000, timeoutMs - (Date.now() - started));
    let res: Response;
    try {
      res = await fetch(`${this.config.baseUrl}/audio/transcriptions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.config.apiKey}` },
        body: form,
        signal: AbortSignal.timeout(left),
      });
    } catch (err) {
      const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      throw new TranscriptionFailed(timeout ? 'timeout' : 'service', timeout ? `no answer within ${timeoutMs} ms` : 'service unreachable');
    }
    // Never the service's body in an error: it may hold the citizen's words.
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new TranscriptionFailed('service', `HTTP ${res.status}`);
    }
    const json = (await res.json().catch(() => null)) as { text?: unknown } | null;
    const text = typeof json?.text === 'string' ? json.text.replace(/\s+/g, ' ').trim() : '';
    if (!text) throw new TranscriptionFailed('empty', 'no words heard');
    return text;
  }
}
