import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { currentMetrics } from '@/lib/metrics/context';
import { auth, sessionFromRequestCookies } from './auth';

export type Role = 'user' | 'admin';

/** Who is looking: the narrow view of the signed-in user that pages and queries receive. */
export interface Viewer {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** The request's viewer and session id, read once per request however many components ask. */
const currentSession = cache(async (): Promise<{ viewer: Viewer; sessionId: string } | null> => {
  // Every signed-in page asks for its viewer, so this opens the page's metrics even when the
  // page itself runs no statement (a warm cache): it still counts as a request of its route.
  const metrics = currentMetrics();
  const requestHeaders = await headers();
  // The signed cookie cache names the viewer without Better Auth's full getSession (a tenth of a
  // warm page's CPU); without a valid one, Better Auth decides (and may read the database).
  const fast = await sessionFromRequestCookies(requestHeaders.get('cookie'));
  if (fast) {
    if (metrics) metrics.viewerId = fast.viewer.id;
    return { viewer: fast.viewer, sessionId: fast.sessionId };
  }
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  const { id, name, email, role } = session.user;
  return { viewer: { id, name, email, role: role === 'admin' ? 'admin' : 'user' }, sessionId: session.session.id };
});

/** The signed-in viewer, or null. */
export const getViewer = cache(async (): Promise<Viewer | null> => (await currentSession())?.viewer ?? null);

/** The viewer and the id of the session they use now (a password change keeps that one), or a redirect to sign-in. */
export async function requireSession(): Promise<{ viewer: Viewer; sessionId: string }> {
  const session = await currentSession();
  if (!session) redirect('/sign-in');
  return session;
}

/** The viewer, or a redirect to sign-in (the proxy normally gets there first). */
export async function requireViewer(): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect('/sign-in');
  return viewer;
}

/** An admin viewer; anyone else gets a 404 so the page does not confirm that it exists. */
export async function requireAdmin(): Promise<Viewer> {
  const viewer = await requireViewer();
  if (viewer.role !== 'admin') notFound();
  return viewer;
}
