import { toNextJsHandler } from 'better-auth/next-js';
import { withJsonError } from '@/lib/api-errors';
import { withinBodyLimit } from '@/lib/api/body-limit';
import { auth } from '@/lib/auth/auth';
import { authRequest } from '@/lib/security/client-address';

const handlers = toNextJsHandler(auth);

// Better Auth sees the client address Brisk resolved (lib/security/client-address.ts), never one
// a client wrote; password checks go through the one limiter (lib/auth/sign-in-hooks.ts). Its
// refusals answer in the API's JSON error shape (an unknown endpoint is a bare 404 otherwise).
// Its router reads a whole body whatever its size: a body over 64 kB (its forms are a few
// hundred bytes) is refused with a 413 first.
const MAX_BODY_BYTES = 64 * 1024;

async function handle(method: 'GET' | 'POST', request: Request): Promise<Response> {
  const limited = await withinBodyLimit(request, MAX_BODY_BYTES);
  if (limited instanceof Response) return limited;
  return withJsonError(await handlers[method](authRequest(limited)));
}

export const GET = (request: Request) => handle('GET', request);
export const POST = (request: Request) => handle('POST', request);
