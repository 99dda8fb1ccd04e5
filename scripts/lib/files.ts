import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Every file under a folder, at any depth, whose name matches. */
export function* filesUnder(folder: string, name: RegExp): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full, name);
    else if (name.test(entry.name)) yield full;
  }
}
