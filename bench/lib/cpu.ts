import { existsSync, readFileSync, readdirSync } from 'node:fs';

/*
 * CPU time of processes, from /proc (Linux): what a request costs the app, PostgreSQL and Redis,
 * whatever else the machine is doing. Clock ticks are 10 ms; over a load test of hundreds of
 * requests that is precise enough.
 */
const TICK_MS = 10;

function stat(pid: number): { ppid: number; own: number; children: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17, ppid 4.
    return { ppid: Number(fields[1]), own: (Number(fields[11]) + Number(fields[12])) * TICK_MS, children: (Number(fields[13]) + Number(fields[14])) * TICK_MS };
  } catch {
    return null;
  }
}

/** CPU milliseconds used so far by a process, its live descendants and its reaped children. */
export function treeCpuMs(root: number): number {
  if (!existsSync('/proc')) return Number.NaN;
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (!s) continue;
    parents.set(s.ppid, [...(parents.get(s.ppid) ?? []), pid]);
  }
  let total = 0;
  const visit = (pid: number) => {
    const s = stat(pid);
    if (!s) return;
    total += s.own + s.children;
    for (const child of parents.get(pid) ?? []) visit(child);
  };
  visit(root);
  return total;
}

/** The pid in the first line of a pid file (postmaster.pid, redis.pid), or null. */
export function pidFromFile(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').split('\n')[0]!.trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Resident memory (bytes) of a process and its live descendants, from /proc/<pid>/status (VmRSS). */
export function treeRssBytes(root: number): number {
  if (!existsSync('/proc')) return Number.NaN;
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const s = stat(pid);
    if (s) children.set(s.ppid, [...(children.get(s.ppid) ?? []), pid]);
  }
  let total = 0;
  const visit = (pid: number) => {
    try {
      const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (match) total += Number(match[1]) * 1024;
    } catch {
      return;
    }
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(root);
  return total;
}
