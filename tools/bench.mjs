// Browser half of `./x bench` (headless Chromium, playwright-core): runs static/bench.html
// (gloss and compromise on the same text) and times paste → first chips in the real app.
// usage: GLOSS_URL=http://127.0.0.1:PORT/ node tools/bench.mjs ARTICLE_FILE [--first-chips-only]
// Its last line is "gloss/compromise speed ratio: N.N" (unless --first-chips-only).
import { readFileSync } from 'node:fs';
import { launchChromium } from './browser.mjs';

const url = process.env.GLOSS_URL || 'http://127.0.0.1:8080/';
const article = readFileSync(process.argv[2], 'utf8');
const FIRST_CHIP_RUNS = 20;
const onlyFirstChips = process.argv.includes('--first-chips-only');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (n) => Math.round(n).toLocaleString('en-US');

const browser = await launchChromium();
let failed = false;
try {
  const page = await browser.newPage();
  const errors = [];
  const offsite = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('request', (r) => { if (!r.url().startsWith(url)) offsite.push(r.url()); });

  // 1. The side-by-side page.
  let r = null;
  if (!onlyFirstChips) {
    await page.goto(`${url}bench.html?run`);
    await page.waitForFunction(() => self.glossBench, null, { timeout: 15 * 60 * 1000, polling: 500 });
    r = await page.evaluate(() => self.glossBench);
    if (r.error) throw new Error(`bench page: ${r.error}`);
    if (errors.length) throw new Error(`bench page errors: ${errors.join(' | ')}`);
    console.log(`browser: ${await browser.version()}, ${fmt(r.bytes)} bytes, ${fmt(r.tokens)} whitespace tokens (both counted alike)`);
    console.log(`browser gloss      tokens/s ${fmt(r.gloss.tokensPerS)}  (full pipeline via annotateJson, median of ${r.gloss.runs}; ${r.gloss.names} name mentions, ${r.gloss.dates} dates, ${r.gloss.entities} entities)`);
    const c = r.compromise;
    if (!c) throw new Error('compromise did not load on the bench page');
    console.log(`browser compromise tokens/s ${fmt(c.tokensPerS)}  (compromise ${c.version}: nlp() + people/places/organizations, median of ${c.runs}; ${c.people} people, ${c.places} places, ${c.organizations} organizations)`);
    console.log(`scaling (gloss time per copy, relative to 1x): ${r.scaling.map((s) => `${s.k}x ${s.ratio.toFixed(2)}`).join(', ')}`);
  }

  // 2. Paste → first chips in the real app, an 800-word article, fresh page each time (the
  //    workspace would otherwise grow with every paste).
  const words = article.split(/\s+/).filter(Boolean);
  // A phrase inside one paragraph (the title and paragraphs are separate elements).
  const para = article.split(/\n\s*\n/).find((p) => p.split(/\s+/).length >= 12) || article;
  const phrase = para.split(/\s+/).filter(Boolean).slice(2, 8).join(' ');
  const times = [];
  for (let i = 0; i < FIRST_CHIP_RUNS; i++) {
    await page.goto(url);
    await page.waitForFunction(() => /Annotated/.test(document.querySelector('#status')?.textContent || ''), null, { timeout: 60000 });
    const ms = await page.evaluate(async ([text, phrase]) => {
      const area = document.querySelector('#paste-input');
      const button = document.querySelector('#annotate-btn');
      const view = document.querySelector('#article') || document.body;
      const shown = () => {
        const a = document.querySelector('#article');
        return a && a.querySelector('.chip') && a.textContent.replace(/\s+/g, ' ').includes(phrase);
      };
      const t0 = performance.now();
      area.value = text; // what a paste does: the value changes, then an input event
      area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
      await new Promise((r) => setTimeout(r, 0)); // the app re-renders with the new value
      button.click();
      await new Promise((resolve, reject) => {
        if (shown()) { resolve(); return; }
        const obs = new MutationObserver(() => { if (shown()) { obs.disconnect(); resolve(); } });
        obs.observe(document.body, { childList: true, subtree: true, characterData: true });
        setTimeout(() => { obs.disconnect(); reject(new Error(`no chips with "${phrase}" after 30 s`)); }, 30000);
      });
      await new Promise((r) => requestAnimationFrame(r)); // the frame that paints them
      return performance.now() - t0;
    }, [article, phrase]);
    times.push(ms);
  }
  if (errors.length) throw new Error(`app errors: ${errors.join(' | ')}`);
  if (offsite.length) throw new Error(`requests left the server: ${offsite.join(' ')}`);
  console.log(`first chips: ${words.length}-word article, paste → chips painted, median of ${FIRST_CHIP_RUNS}: ${times.length ? median(times).toFixed(1) : '?'} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)})`);
  if (r) console.log(`gloss/compromise speed ratio: ${r.ratio.toFixed(1)}`);
} catch (e) {
  failed = true;
  console.error(`bench: ${e.message || e}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
