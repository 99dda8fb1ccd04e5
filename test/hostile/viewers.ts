import { randomBytes } from 'node:crypto';
import { auth } from '@/lib/auth/auth';
import { prisma } from '@/lib/db/client';

/**
 * People of the hostile suite's own: new accounts (so the demo data stays as other tests expect
 * it), signed in through Better Auth like anyone else, with a password nothing in the suite knows
 * otherwise (so no probe can stumble on it and change or delete the account).
 */
export interface TestViewer {
  id: string;
  email: string;
  role: 'user' | 'admin';
  password: string;
  /** The session cookies, as a Cookie header. */
  cookie: string;
}

const ORIGIN = 'http://localhost:3000';

export async function signInCookie(email: string, password: string): Promise<string> {
  const response = await auth.api.signInEmail({ body: { email, password }, headers: new Headers({ origin: ORIGIN }), asResponse: true });
  if (response.status !== 200) throw new Error(`sign-in of ${email} answered ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

export async function createViewer(role: 'user' | 'admin'): Promise<TestViewer> {
  const tag = randomBytes(4).toString('hex');
  const email = `hostile-${role}-${tag}@example.com`;
  const password = `pw-${randomBytes(12).toString('base64url')}`;
  await auth.api.signUpEmail({ body: { name: `Hostile ${role} ${tag}`, email, password }, headers: new Headers({ origin: ORIGIN }) });
  const user = await prisma.user.update({ where: { email }, data: { role }, select: { id: true } });
  return { id: user.id, email, role, password, cookie: await signInCookie(email, password) };
}

/** Another session of the same person (for actions that end the session they run in). */
export async function newSession(viewer: TestViewer): Promise<string> {
  return signInCookie(viewer.email, viewer.password);
}

/** The ids of every user now (to delete those a suite created, and what hangs on them, at its end). */
export async function userIds(): Promise<Set<string>> {
  return new Set((await prisma.user.findMany({ select: { id: true } })).map((user) => user.id));
}

export async function deleteUsersCreatedSince(before: Set<string>): Promise<void> {
  const created = [...(await userIds())].filter((id) => !before.has(id));
  if (created.length > 0) await prisma.user.deleteMany({ where: { id: { in: created } } });
}

export { ORIGIN };
