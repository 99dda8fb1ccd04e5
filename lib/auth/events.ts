import { z } from 'zod';
import { defineEvent } from '@/lib/jobs/events';

/** A user opened a session (sign-in, or sign-up with auto sign-in): modules warm their caches. */
export const userSignedIn = defineEvent('auth/user.signed-in', z.object({ userId: z.string().min(1) }));
