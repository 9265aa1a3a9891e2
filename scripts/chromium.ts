// Launches Debian's chromium (installed by scripts/test-setup.ts) headless through playwright-core, with the
// flags that keep it from calling home, for the end-to-end tests and `npm run bench:ui`. Playwright gives every
// launch a fresh, empty profile.
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
}
