import { Inngest, type Logger } from 'inngest';
import { logger } from '@/lib/metrics/logger';

/**
 * The Inngest client. Connection settings come from the environment, read by the SDK itself:
 * INNGEST_EVENT_KEY (sending), INNGEST_SIGNING_KEY (serving: Inngest signs its requests),
 * INNGEST_DEV (the local Dev Server: `1`, or its URL) and INNGEST_BASE_URL (a self-hosted
 * Inngest). SDK 4 defaults to cloud mode: without INNGEST_DEV, a signing key is required.
 */
const INNGEST_FETCH_TIMEOUT_MS = 10_000;

export const inngest = new Inngest({
  id: 'brisk',
  // pino's (object, message) calls are the SDK's native style.
  logger: logger.child({ component: 'inngest' }) as unknown as Logger,
  // No OpenTelemetry span processor for AI-call metadata: Brisk makes no AI calls.
  aiMetadata: false,
  // The SDK's fetch has no timeout (and inngest.send retries 5 times): never hang on Inngest.
  fetch: (input, init) => {
    const timeout = AbortSignal.timeout(INNGEST_FETCH_TIMEOUT_MS);
    return fetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout });
  },
});
