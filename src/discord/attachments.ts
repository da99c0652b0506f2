/**
 * Downloading a file a moderator attached to /corpus add. Only from Discord's attachment host
 * (DISCORD_CDN_URL): an attachment's URL comes in the interaction and is not trusted, and the bot
 * must never fetch an arbitrary address for a user. The size is checked three times: the size
 * Discord states before any request, the response's Content-Length before any byte of the body,
 * and the bytes themselves as they arrive (reading stops one byte past the limit). No redirect
 * is followed; a download that takes too long is abandoned.
 */
import type { FileRead } from '../../commands/define.ts';

export interface AttachmentFacts {
  name: string;
  url: string;
  /** Bytes, as Discord states it. */
  size: number;
}

export interface DownloadOptions {
  cdnUrl: string;
  limit: number;
  timeoutMs: number;
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/** Whether `url` is on the attachment host: same origin, under its path. */
export function isOnCdn(url: string, cdnUrl: string): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  const base = new URL(cdnUrl);
  const prefix = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return target.origin === base.origin && target.username === '' && target.password === '' && `${target.pathname}/`.startsWith(prefix);
}

export async function downloadAttachment(attachment: AttachmentFacts, options: DownloadOptions): Promise<FileRead> {
  const { name, url, size } = attachment;
  const fail = (message: string): FileRead => ({ ok: false, name, message });
  const tooLarge = (bytes: number) => fail(`the file is ${mb(bytes)}; a page may be at most ${mb(options.limit)}`);
  if (!isOnCdn(url, options.cdnUrl)) return fail(`it does not come from Discord's attachment host (${new URL(options.cdnUrl).host}); attach the file to the command`);
  if (size > options.limit) return tooLarge(size);

  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs);
  try {
    const response = await fetch(url, { redirect: 'error', signal: abort.signal });
    if (!response.ok) {
      await response.body?.cancel();
      return fail(`Discord did not send the file (HTTP ${response.status}); attach it again`);
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > options.limit) {
      abort.abort();
      return tooLarge(declared);
    }
    const chunks: Uint8Array[] = [];
    let length = 0;
    if (response.body) {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        length += value.length;
        if (length > options.limit) {
          abort.abort();
          await reader.cancel().catch(() => {});
          return fail(`the file is over ${mb(options.limit)}; a page may be at most ${mb(options.limit)}`);
        }
        chunks.push(value);
      }
    }
    return { ok: true, name, bytes: Buffer.concat(chunks, length) };
  } catch (error) {
    if (abort.signal.aborted) return fail(`the download did not finish within ${options.timeoutMs / 1000} s; try again`);
    return fail(`the download failed (${(error as Error).message}); try again`);
  } finally {
    clearTimeout(timer);
  }
}
