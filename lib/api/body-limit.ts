import { apiError } from '@/lib/api-errors';
import { copyRequest } from '@/lib/http/copy-request';

/**
 * A request body no bigger than `maxBytes`, for handlers that hand the request on to code that
 * reads the whole body whatever its size (Better Auth's router). A larger declared
 * Content-Length is refused before anything is read; a body that grows past the limit while
 * streaming is cut off. Either way the answer is a 413 in the API's JSON error shape. Otherwise
 * the request comes back with its body read into memory (at most `maxBytes`).
 */
export async function withinBodyLimit(request: Request, maxBytes: number): Promise<Request | Response> {
  const limit = maxBytes >= 1024 ? `${Math.round(maxBytes / 1024).toLocaleString('en')} kB` : `${maxBytes} bytes`;
  if (!request.body) return bodyOverLimit(request, maxBytes) ? apiError(413, `The request body is larger than ${limit}.`) : request;
  const bytes = await readBodyWithin(request, maxBytes);
  if (!bytes) return apiError(413, `The request body is larger than ${limit}.`);
  return copyRequest(request, { body: bytes });
}

/** True when the request declares a Content-Length over the limit (refused before anything is read). */
export function bodyOverLimit(request: Request, maxBytes: number): boolean {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  return Number.isFinite(declared) && declared > maxBytes;
}

/**
 * The whole body, or null when it is larger than `maxBytes`: a larger declared Content-Length is
 * refused before anything is read, and a body that grows past the limit is cut off.
 */
export async function readBodyWithin(request: Request, maxBytes: number): Promise<Buffer<ArrayBuffer> | null> {
  if (bodyOverLimit(request, maxBytes)) return null;
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
