import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLockedError, acquireDataDirLock } from './embedded';

describe('the data folder lock', () => {
  it('lets one owner in and keeps a second one out while the first lives', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brisk-lock-'));
    // A live process other than us holds the lock.
    writeFileSync(path.join(dir, 'brisk-db.lock'), String(process.ppid));
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(`already open by process ${process.ppid}`);
  });

  it('takes over a lock left by a process that has died, and releases it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'brisk-lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
    writeFileSync(path.join(dir, 'brisk-db.lock'), dead);
    const release = acquireDataDirLock(dir);
    expect(readFileSync(path.join(dir, 'brisk-db.lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(path.join(dir, 'brisk-db.lock'))).toBe(false);
  });
});
