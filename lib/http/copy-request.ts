/**
 * A new Request with the original's URL, method, headers, body and signal, `init` over them.
 * Built from those public parts, not with `new Request(request, init)`: Next hands route
 * handlers a Proxy of its request, and a Proxy does not forward a Request's internal state. From
 * Node 24 on (undici 7 keeps it in private fields) `new Request(proxy)` throws "Cannot read
 * private member #state", and every Better Auth call failed with a 500.
 */
export function copyRequest(request: Request, init: RequestInit = {}): Request {
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    signal: request.signal,
    duplex: 'half',
    ...init,
  } as RequestInit);
}
