import { toNextJsHandler } from 'better-auth/next-js';
import { withJsonError } from '@/lib/api-errors';
import { auth } from '@/lib/auth/auth';
import { authRequest } from '@/lib/security/client-address';

const handlers = toNextJsHandler(auth);

// Better Auth sees the client address Brisk resolved (lib/security/client-address.ts), never one
// a client wrote; password checks go through the one limiter (lib/auth/sign-in-hooks.ts). Its
// refusals answer in the API's JSON error shape (an unknown endpoint is a bare 404 otherwise).
export const GET = async (request: Request) => withJsonError(await handlers.GET(authRequest(request)));
export const POST = async (request: Request) => withJsonError(await handlers.POST(authRequest(request)));
