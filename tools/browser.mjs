// How gloss's browser scripts (the e2e tests, the benchmark) start Chromium: Debian's build,
// headless through playwright-core, with Chromium's own background traffic switched off (this
// machine has no network, and those requests would fail noisily at every start).
import { createRequire } from 'node:module';

const { chromium } = createRequire(import.meta.url)('playwright-core');

export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
