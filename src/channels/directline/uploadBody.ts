/** The multipart body of a Direct Line upload: the photos (JPEG or PNG, checked by their first bytes) and the caption. */
import type { Request } from 'restify';
import busboy from 'busboy';
import { z } from 'zod';
import type { IncomingActivity, UploadedFile } from './activityShape';

/** Photos in one upload (Web Chat lets a citizen pick several); each counts in the quotas. */
export const MAX_FILES_PER_UPLOAD = 5;
/** The `activity` part of an upload: Web Chat puts a thumbnail (a data: URL) of each photo in it, dropped here. */
export const MAX_UPLOAD_ACTIVITY_BYTES = 512 * 1024;
const IMAGE_TYPES: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
};

type UploadRead = { activity?: IncomingActivity; files: UploadedFile[] } | { status: number; code: string; message: string };

/**
 * The multipart body of an upload, as botframework-directlinejs sends it: an optional `activity` part
 * (`application/vnd.microsoft.activity` JSON: its text is the caption, its channelData the client's
 * ids), then one or more `file` parts — each a JPEG or PNG (checked by its first bytes) of `maxBytes`
 * at most, MAX_FILES_PER_UPLOAD at most.
 */
export function readUpload(req: Request, maxBytes: number): Promise<UploadRead> {
  const bad = (message: string) => ({ status: 400, code: 'BadArgument', message });
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: UploadRead) => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // The activity part comes as a file (a Blob) or a field: room for it besides the photos.
        limits: { files: MAX_FILES_PER_UPLOAD + 1, fileSize: Math.max(maxBytes, MAX_UPLOAD_ACTIVITY_BYTES), fields: 4, fieldSize: MAX_UPLOAD_ACTIVITY_BYTES },
      });
    } catch {
      return done(bad('malformed multipart body'));
    }
    const files: Array<{ contentType: string; name: string; chunks: Buffer[]; size: number; tooLarge: boolean }> = [];
    let activityJson: string | undefined;
    let activityTooLarge = false;
    let tooMany = false;
    parser.on('file', (field, stream, info) => {
      if (field === 'activity' && activityJson === undefined) {
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= MAX_UPLOAD_ACTIVITY_BYTES) chunks.push(c);
          else activityTooLarge = true;
        });
        stream.on('end', () => {
          activityJson = Buffer.concat(chunks).toString('utf8');
        });
        return;
      }
      if (field !== 'file' || files.length >= MAX_FILES_PER_UPLOAD) {
        if (field === 'file') tooMany = true;
        stream.resume();
        return;
      }
      const f = { contentType: info.mimeType, name: info.filename ?? 'photo', chunks: [] as Buffer[], size: 0, tooLarge: false };
      files.push(f);
      stream.on('data', (c: Buffer) => {
        f.size += c.length;
        if (f.size <= maxBytes) f.chunks.push(c);
        else f.tooLarge = true;
      });
      stream.on('limit', () => {
        f.tooLarge = true;
      });
    });
    parser.on('field', (field, value, info) => {
      if (field === 'activity' && activityJson === undefined) {
        activityJson = value;
        if (info.valueTruncated) activityTooLarge = true;
      }
    });
    parser.on('error', () => done(bad('malformed multipart body')));
    parser.on('close', () => {
      if (tooMany) return done(bad(`${MAX_FILES_PER_UPLOAD} photos at most in one message`));
      if (files.length === 0) return done(bad('no "file" part'));
      if (files.some((f) => f.tooLarge)) return done({ status: 413, code: 'PayloadTooLarge', message: 'photo too large' });
      if (activityTooLarge) return done({ status: 413, code: 'PayloadTooLarge', message: 'activity part too large' });
      const out: UploadedFile[] = [];
      for (const f of files) {
        const bytes = Buffer.concat(f.chunks);
        const check = IMAGE_TYPES[f.contentType];
        if (!check || !check(bytes)) return done({ status: 415, code: 'UnsupportedMediaType', message: 'a JPEG or PNG photo only' });
        out.push({ contentType: f.contentType, name: f.name.slice(0, 100), bytes });
      }
      let activity: IncomingActivity | undefined;
      if (activityJson !== undefined) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(activityJson);
        } catch {
          return done(bad('activity: not JSON'));
        }
        const a = UploadActivity.safeParse(parsed);
        if (!a.success) return done(bad(`activity.${a.error.issues[0].path.join('.')}: ${a.error.issues[0].message}`));
        activity = { type: 'message', text: a.data.text, locale: a.data.locale, channelData: a.data.channelData };
      }
      done({ activity, files: out });
    });
    req.on('close', () => {
      if (!req.complete) done(bad('request aborted'));
    });
    req.pipe(parser);
  });
}

/** What is read of an upload's `activity` part (its attachments' descriptions are the files themselves). */
const UploadActivity = z.object({
  type: z.literal('message').optional(),
  text: z.string().max(5000).optional(),
  locale: z.string().max(20).optional(),
  channelData: z.unknown().optional(),
});
