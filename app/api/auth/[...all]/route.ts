import { toNextJsHandler } from 'better-auth/next-js';
import { auth } from '@/lib/auth/auth';
import { authRequest } from '@/lib/security/client-address';

const handlers = toNextJsHandler(auth);

// Better Auth sees the client address Brisk resolved (lib/security/client-address.ts), never one
// a client wrote; password checks go through the one limiter (lib/auth/sign-in-hooks.ts).
export const GET = (request: Request) => handlers.GET(authRequest(request));
export const POST = (request: Request) => handlers.POST(authRequest(request));
