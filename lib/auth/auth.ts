import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { nextCookies } from 'better-auth/next-js';
import { prisma } from '@/lib/db/client';
import { sendEventAfterResponse } from '@/lib/jobs/backend';
import { userSignedIn } from './events';
import { sessionFromCookies, type CookieSession, type SessionCookieNames } from './session-cookie';
import { logger } from '@/lib/metrics/logger';
import { CLIENT_ADDRESS_HEADER } from '@/lib/security/client-address';
import { authBaseUrl, authSecret, trustedOrigins } from './config';
import { sessionEpoch } from './session-epoch';
import { limitSignIn, settleSignIn } from './sign-in-hooks';

const baseURL = authBaseUrl();

/**
 * Better Auth: e-mail and password, sessions in the database. The signed session cookie cache
 * (5 minutes, the plans' token→user lifetime) lets most requests identify their viewer without
 * a database read; signing out clears it at once, and a password change or an account deletion
 * makes every other cookie cache of that person be checked against the database at once
 * (session-epoch.ts).
 *
 * Passwords are checked through one limiter (limiter.ts; the sign-in endpoint by its hooks).
 * Password changes and account deletion happen on Brisk's settings page only (lib/accounts),
 * so Better Auth's own endpoints for them are switched off. The client address Better Auth
 * records and rate-limits by is the one Brisk resolved (lib/security/client-address.ts), never
 * a client's X-Forwarded-For.
 */
export const auth = betterAuth({
  appName: 'Brisk',
  baseURL,
  // Local runs without a secret (tests, dev) get a fixed one; lib/env refuses that in production.
  secret: authSecret(),
  trustedOrigins: trustedOrigins(),
  database: prismaAdapter(prisma, { provider: 'postgresql' }),
  emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
  session: {
    expiresIn: 60 * 60 * 24 * 7,
    updateAge: 60 * 60 * 24,
    cookieCache: { enabled: true, maxAge: 5 * 60, version: (_session, user) => sessionEpoch(user.id) },
  },
  hooks: { before: limitSignIn, after: settleSignIn },
  disabledPaths: ['/change-password', '/delete-user', '/change-email'],
  advanced: { ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] } },
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

/**
 * Who the request's session cookies name, from the signed cookie cache alone (no database), or
 * null. As Better Auth's getSession does, a cookie cache of an older session epoch (the person
 * changed their password or left) is not believed.
 */
export async function sessionFromRequestCookies(cookieHeader: string | null | undefined): Promise<CookieSession | null> {
  const session = sessionFromCookies(cookieHeader, authSecret(), await sessionCookieNames);
  if (!session || session.version !== (await sessionEpoch(session.viewer.id))) return null;
  return session;
}
