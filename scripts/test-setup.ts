// Runs before `vitest run`: the browser tests need Debian's chromium and a CJK font (exported PNG/SVG must draw
// Chinese). Installs them with apt-get when missing; says nothing when they are there.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

function hasPackage(name: string): boolean {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

const missing = [
  ...(existsSync(CHROMIUM) ? [] : ['chromium']),
  ...(hasPackage('fonts-noto-cjk') ? [] : ['fonts-noto-cjk']),
];

if (missing.length) {
  console.error(`test-setup: installing ${missing.join(', ')} with apt-get (browser tests need them)…`);
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: ['ignore', 'ignore', 'inherit'], env });
    console.error('test-setup: done');
  } catch (e) {
    console.error(`test-setup: could not install ${missing.join(', ')} (${(e as Error).message.split('\n')[0]}); browser tests will fail`);
    process.exit(1);
  }
}
