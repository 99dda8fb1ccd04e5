import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { prisma } from '@/lib/db/client';
import { env } from '@/lib/env';
import { sendEventAfterResponse } from '@/lib/jobs/backend';
import { userSignedIn } from './events';
import { sessionFromCookies, type CookieSession, type SessionCookieNames } from './session-cookie';
import { logger } from '@/lib/metrics/logger';

const config = env();
const baseURL = config.BETTER_AUTH_URL ?? `http://localhost:${config.PORT}`;
// Local runs without a secret (tests, dev) get a fixed one; lib/env refuses that in production.
export const authSecret = config.BETTER_AUTH_SECRET ?? 'brisk-local-development-secret-not-for-production';

/**
 * Better Auth: e-mail and password, sessions in the database. The signed session cookie cache
 * (5 minutes, the plans' token→user lifetime) lets most requests identify their viewer without
 * a database read; signing out clears it at once.
 */
export const auth = betterAuth({
  appName: 'Brisk',
  baseURL,
  secret: authSecret,
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
  databaseHooks: {
    session: {
      create: {
        // A session was opened (sign-in, or sign-up's auto sign-in): warm the user's caches.
        // Runs after the session's transaction commits; Inngest is called after the response.
        // A failed send is logged and never fails the sign-in: warming is an optimisation.
        after: async (session) => {
          try {
            await sendEventAfterResponse(userSignedIn, { userId: session.userId });
          } catch (error) {
            logger.error({ err: error, event: userSignedIn.name }, 'sign-in: could not send the job event');
          }
        },
      },
    },
  },
  telemetry: { enabled: false },
  // Must be last: lets server actions set the session cookie.
  plugins: [nextCookies()],
});

export type AuthSession = typeof auth.$Infer.Session;

/** The names of the session cookies as Better Auth sets them (`__Secure-` prefixed over https). */
export const sessionCookieNames: Promise<SessionCookieNames> = auth.$context.then((context) => ({
  token: context.authCookies.sessionToken.name,
  data: context.authCookies.sessionData.name,
}));

/** Who the request's session cookies name, from the signed cookie cache alone (no database), or null. */
export async function sessionFromRequestCookies(cookieHeader: string | null | undefined): Promise<CookieSession | null> {
  return sessionFromCookies(cookieHeader, authSecret, await sessionCookieNames);
}
