// Keeps package-lock.json complete for `npm ci`.
//
// The npm registry this project is built against does not serve Biome's binaries for other
// platforms (@biomejs/cli-darwin-arm64 & co. answer 404), so `npm install` leaves them out of the
// lock file, and `npm ci` then refuses the lock as out of sync. This adds the missing entries,
// described by their platform so that npm skips them everywhere but on their own platform.
// It runs as the `postinstall` script (after every `npm install`) and is a no-op when complete.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages ?? {};
const biome = packages['node_modules/@biomejs/biome'];
let added = 0;
for (const [name, version] of Object.entries(biome?.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (packages[key]) continue;
  const [, os, cpu, libc] = /^@biomejs\/cli-([a-z0-9]+)-([a-z0-9]+)(?:-(musl))?$/.exec(name) ?? [];
  if (!os || !cpu) continue;
  packages[key] = {
    version,
    cpu: [cpu],
    dev: true,
    license: 'MIT OR Apache-2.0',
    optional: true,
    os: [os],
    ...(libc ? { libc: [libc] } : {}),
  };
  added++;
}
if (added > 0) {
  lock.packages = Object.fromEntries(
    Object.entries(packages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`complete-lockfile: described ${added} platform packages npm could not fetch`);
}
