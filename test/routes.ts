/** A GET to a static route's handler, called as Next calls it (a static route's params are {}). */
export const getStaticRoute = (handler: (request: Request, context: { params: Promise<Record<string, never>> }) => Promise<Response>, path: string, headers: HeadersInit = {}) =>
  handler(new Request(`http://localhost:3000${path}`, { headers }), { params: Promise.resolve({}) });
