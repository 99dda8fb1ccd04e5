import { expect } from 'vitest';
import { auth } from '@/lib/auth/auth';
import { DEMO_PASSWORD } from '@/prisma/seed/demo-accounts';

/** Signs a demo account in through Better Auth and returns its cookies as a Cookie header. */
export async function sessionCookie(email: string): Promise<string> {
  const response = await auth.api.signInEmail({ body: { email, password: DEMO_PASSWORD }, headers: new Headers({ origin: 'http://localhost:3000' }), asResponse: true });
  expect(response.status).toBe(200);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}
