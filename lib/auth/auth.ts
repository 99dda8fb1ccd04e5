import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { prisma } from '@/lib/db/client';
import { env } from '@/lib/env';

const config = env();
const baseURL = config.BETTER_AUTH_URL ?? `http://localhost:${config.PORT}`;

/**
 * Better Auth: e-mail and password, sessions in the database. The signed session cookie cache
 * (5 minutes, the plans' token→user lifetime) lets most requests identify their viewer without
 * a database read; signing out clears it at once.
 */
export const auth = betterAuth({
  appName: 'Brisk',
  baseURL,
  // Local runs without a secret (tests, dev) get a fixed one; lib/env refuses that in production.
  secret: config.BETTER_AUTH_SECRET ?? 'brisk-local-development-secret-not-for-production',
  trustedOrigins: [baseURL, `http://localhost:${config.PORT}`, `http://127.0.0.1:${config.PORT}`],
  database: prismaAdapter(prisma, { provider: 'postgresql' }),
  emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
  session: {
    expiresIn: 60 * 60 * 24 * 7,
    updateAge: 60 * 60 * 24,
    cookieCache: { enabled: true, maxAge: 5 * 60 },
  },
  user: {
    additionalFields: {
      role: { type: 'string', required: false, defaultValue: 'user', input: false },
    },
  },
  telemetry: { enabled: false },
  // Must be last: lets server actions set the session cookie.
  plugins: [nextCookies()],
});

export type AuthSession = typeof auth.$Infer.Session;
