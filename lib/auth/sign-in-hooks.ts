import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { beginPasswordCheck, type AdmittedCheck } from './limiter';

/*
 * Better Auth's sign-in endpoint through the one limiter (limiter.ts). As hooks of the endpoint
 * itself, they apply however it is reached: POST /api/auth/sign-in/email, or auth.api.signInEmail
 * from the sign-in form's server action. The `before` hook refuses a limited attempt with a 429
 * (Retry-After) before any password is checked, and counts the others; the `after` hook settles
 * the attempt from the endpoint's answer and, on success, sets the known-device cookie (through
 * Better Auth's cookies, which the nextCookies plugin hands to a server action).
 */
const SIGN_IN_PATH = '/sign-in/email';

/** Attempts between the two hooks, by the dispatch's own context object (one per call). */
const pending = new WeakMap<object, AdmittedCheck>();

export const limitSignIn = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== SIGN_IN_PATH) return;
  const email = (ctx.body as { email?: unknown } | undefined)?.email;
  // Not an e-mail at all: the endpoint refuses the body before checking any password.
  if (typeof email !== 'string') return;
  const check = await beginPasswordCheck(email, ctx.headers ?? new Headers());
  if (!check.allowed) {
    const seconds = String(check.retryAfterSeconds);
    throw new APIError('TOO_MANY_REQUESTS', { message: check.message, code: 'TOO_MANY_ATTEMPTS' }, { 'Retry-After': seconds, 'X-Retry-After': seconds });
  }
  pending.set(ctx.context, check);
});

export const settleSignIn = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== SIGN_IN_PATH) return;
  const check = pending.get(ctx.context);
  if (!check) return;
  pending.delete(ctx.context);
  const returned = ctx.context.returned;
  if (isAPIError(returned)) {
    // 401: wrong password or unknown e-mail (the same answer). Anything else checked no password.
    await (returned.statusCode === 401 ? check.failed() : check.unchecked());
    return;
  }
  const cookie = await check.succeeded();
  ctx.setCookie(cookie.name, cookie.value, cookie.options);
});
