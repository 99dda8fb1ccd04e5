import { env } from '@/lib/env';

/**
 * The public origin of the app and the secret that signs its cookies, in one place for Better
 * Auth (auth.ts), the sign-in limiter's device cookie and the cross-site check of the proxy.
 * Local runs without a secret (tests, dev) get a fixed one; lib/env refuses that in production.
 */
export function authBaseUrl(): string {
  const config = env();
  return config.BETTER_AUTH_URL ?? `http://localhost:${config.PORT}`;
}

export function authSecret(): string {
  return env().BETTER_AUTH_SECRET ?? 'brisk-local-development-secret-not-for-production';
}

/** Origins whose pages may post to Brisk: its public origin, and localhost on its port for local runs. */
export function trustedOrigins(): string[] {
  const { PORT } = env();
  return [...new Set([new URL(authBaseUrl()).origin, `http://localhost:${PORT}`, `http://127.0.0.1:${PORT}`])];
}
