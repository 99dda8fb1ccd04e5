/** Progress lines with the time since the run began: `[02:31] load: /wishlists …`. */
const started = Date.now();

export function elapsed(): string {
  return elapsedAt(Date.now());
}

/** The run's clock (`02:31`) at a moment (Date.now()). */
export function elapsedAt(at: number): string {
  const seconds = Math.floor((at - started) / 1000);
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

export function log(phase: string, message: string): void {
  console.log(`[${elapsed()}] ${phase}: ${message}`);
}

export function secondsSinceStart(): number {
  return (Date.now() - started) / 1000;
}
