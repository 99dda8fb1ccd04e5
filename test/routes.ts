/** A GET to a static route's handler, called as Next calls it (a static route's params are {}). */
export const getStaticRoute = (handler: (request: Request, context: { params: Promise<Record<string, never>> }) => Promise<Response>, path: string, headers: HeadersInit = {}) =>
  handler(new Request(`http://localhost:3000${path}`, { headers }), { params: Promise.resolve({}) });

/**
 * A request as Next hands it to a dynamic route's handler: a Proxy of it, through which the
 * request's internal state cannot be reached (Node 24's fetch keeps it in private fields).
 */
export function asRouteHandlerRequest(request: Request): Request {
  return new Proxy(request, {
    get(target, property) {
      if (typeof property === 'symbol') return undefined;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
