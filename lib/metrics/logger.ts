import pino from 'pino';

/** The process logger (JSON lines). LOG_LEVEL sets the level; tests are quiet by default. */
export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info'),
  base: { app: 'brisk' },
});
