import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { currentMetrics } from '@/lib/metrics/context';
import { auth } from './auth';

export type Role = 'user' | 'admin';

/** Who is looking: the narrow view of the signed-in user that pages and queries receive. */
export interface Viewer {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/** The request's session, read once per request however many components ask. */
const currentSession = cache(async () => {
  // Every signed-in page asks for its viewer, so this opens the page's metrics even when the
  // page itself runs no statement (a warm cache): it still counts as a request of its route.
  currentMetrics();
  return auth.api.getSession({ headers: await headers() });
});

/** The signed-in viewer, or null. */
export const getViewer = cache(async (): Promise<Viewer | null> => {
  const session = await currentSession();
  if (!session) return null;
  const { id, name, email, role } = session.user;
  return { id, name, email, role: role === 'admin' ? 'admin' : 'user' };
});

/** The viewer and the id of the session they use now (a password change keeps that one), or a redirect to sign-in. */
export async function requireSession(): Promise<{ viewer: Viewer; sessionId: string }> {
  const viewer = await requireViewer();
  const session = await currentSession();
  if (!session) redirect('/sign-in');
  return { viewer, sessionId: session.session.id };
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
