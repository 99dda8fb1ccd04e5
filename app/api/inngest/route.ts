import { connection, type NextRequest } from 'next/server';
import { serve } from 'inngest/next';
import { functions } from '@/inngest/functions';
import { inngest } from '@/inngest/client';
import { jobsBackend } from '@/lib/jobs/backend';
import { withRoute } from '@/lib/metrics/request';

/**
 * Inngest calls this route to register the functions (PUT), inspect them (GET) and run them
 * (POST). Only the Inngest backend serves it; with JOBS_BACKEND=inline it answers 404, so that
 * nothing can run a job here behind the inline backend's back.
 */
const handlers = serve({ client: inngest, functions });

type Method = 'GET' | 'POST' | 'PUT';

function route(method: Method) {
  return withRoute(`${method} /api/inngest`, async (request: NextRequest, context: unknown): Promise<Response> => {
    // Nothing else here reads the request before serve() does: without this, Next 16 would
    // prerender GET at build time.
    await connection();
    if (jobsBackend() !== 'inngest') {
      return Response.json({ error: 'The Inngest backend is off (JOBS_BACKEND=inline): jobs run in-process.' }, { status: 404 });
    }
    return handlers[method](request, context);
  });
}

export const GET = route('GET');
export const POST = route('POST');
export const PUT = route('PUT');
