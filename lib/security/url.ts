/**
 * Whether every segment of a raw (still percent-encoded) path decodes: `%E0%A4%A`, `%ZZ` and a
 * lone `%` do not. Next.js and Better Auth decode dynamic segments themselves and answer such a
 * path with a 500; the proxy answers it with a 400 first (gate.ts).
 */
export function pathDecodes(rawPathname: string): boolean {
  if (!rawPathname.includes('%')) return true;
  for (const segment of rawPathname.split('/')) {
    try {
      decodeURIComponent(segment);
    } catch {
      return false;
    }
  }
  return true;
}
