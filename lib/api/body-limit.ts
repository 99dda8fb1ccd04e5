import { apiError } from '@/lib/api-errors';

/**
 * A request body no bigger than `maxBytes`, for handlers that hand the request on to code that
 * reads the whole body whatever its size (Better Auth's router). A larger declared
 * Content-Length is refused before anything is read; a body that grows past the limit while
 * streaming is cut off. Either way the answer is a 413 in the API's JSON error shape. Otherwise
 * the request comes back with its body read into memory (at most `maxBytes`).
 */
export async function withinBodyLimit(request: Request, maxBytes: number): Promise<Request | Response> {
  const limit = maxBytes >= 1024 ? `${Math.round(maxBytes / 1024).toLocaleString('en')} kB` : `${maxBytes} bytes`;
  const tooLarge = () => apiError(413, `The request body is larger than ${limit}.`);
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge();
  if (!request.body) return request;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return tooLarge();
    }
    chunks.push(value);
  }
  return new Request(request, { body: Buffer.concat(chunks), duplex: 'half' } as RequestInit);
}
