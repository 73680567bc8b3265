import type { FastifyReply } from 'fastify';
import type { Storage } from './storage';

export interface SendStoredFileOptions {
  /** Offered as the name when saving (Chinese is fine); the key by default. */
  fileName?: string;
  /** `attachment` asks the browser to save rather than show. */
  disposition?: 'inline' | 'attachment';
  /** How long the user's own browser may keep it; stored files never change under a key. */
  maxAgeSeconds?: number;
}

function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  // The plain name is ASCII only; the real one goes in filename* (RFC 6266 / 5987).
  // eslint-disable-next-line no-control-regex
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Streams a stored file as the response of a route that has already decided the user may see it
 * (access to a matter's photos depends on the matter, so that check is the route's). Private
 * caching only (never a shared proxy), the stored type with sniffing off, the exact length, and
 * the key as ETag so a revisit costs a 304. A missing file is the platform's Chinese 404.
 */
export async function sendStoredFile(reply: FastifyReply, storage: Storage, key: string, opts: SendStoredFileOptions = {}): Promise<FastifyReply> {
  const etag = `"${key}"`;
  const cache = `private, max-age=${opts.maxAgeSeconds ?? 86400}`;
  if (reply.request.headers['if-none-match'] === etag && (await storage.exists(key))) {
    return reply.status(304).header('cache-control', cache).header('etag', etag).send();
  }
  // Headers only once the file is open: an error must not go out as cacheable.
  const file = await storage.get(key);
  reply.header('cache-control', cache).header('x-content-type-options', 'nosniff').header('etag', etag);
  // Nothing served from the store runs as a page of the platform, whatever it contains.
  if (file.contentType !== 'application/pdf') reply.header('content-security-policy', "default-src 'none'; sandbox");
  return reply
    .type(file.contentType)
    .header('content-length', String(file.size))
    .header('content-disposition', contentDisposition(opts.disposition ?? 'inline', opts.fileName ?? file.key))
    .send(file.body);
}
