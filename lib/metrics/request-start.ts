/** Set by proxy.ts on every request it passes on: the epoch milliseconds it arrived. */
export const REQUEST_START_HEADER = 'x-brisk-request-start';
