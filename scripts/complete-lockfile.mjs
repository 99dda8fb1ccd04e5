// Adds the lockfile entries npm leaves out when the registry it can reach does not serve
// another platform's optional binaries (e.g. @next/swc-darwin-arm64): without them `npm ci`
// refuses the lockfile. Each stub names the package's version and platform, so npm skips it
// here exactly as it skips a full entry. Run after `npm install` changes the lockfile.
import { readFileSync, writeFileSync } from 'node:fs';

const LOCK = 'package-lock.json';
const lock = JSON.parse(readFileSync(LOCK, 'utf8'));
const packages = lock.packages;

const OS = ['android', 'darwin', 'freebsd', 'linux', 'win32', 'openharmony', 'openbsd', 'netbsd', 'sunos', 'aix'];
const CPU = { arm64: 'arm64', x64: 'x64', ia32: 'ia32', arm: 'arm', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x', wasm32: 'wasm32' };

/** os/cpu/libc from a platform package's name, as its own package.json declares them. */
function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const platform = {};
  const os = parts.find((part) => OS.includes(part));
  if (os) platform.os = [os];
  const cpu = parts.find((part) => part in CPU);
  if (cpu) platform.cpu = [CPU[cpu]];
  if (os === 'linux') platform.libc = [parts.some((part) => part.startsWith('musl')) ? 'musl' : 'glibc'];
  return platform;
}

/** Where npm would look for `name` required from the package at `from`. */
function resolves(from, name) {
  for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
    const candidate = dir ? `${dir}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[candidate]) return true;
    if (!dir) return false;
  }
}

let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    if (resolves(path, name)) continue;
    const platform = platformOf(name);
    if (!platform.os && !platform.cpu) continue; // not a platform binary: leave it to npm
    packages[`node_modules/${name}`] = { version: spec.replace(/^[\^~=]/, ''), optional: true, ...platform };
    added++;
  }
}

if (added > 0) writeFileSync(LOCK, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: ${added} platform stub(s) added`);
