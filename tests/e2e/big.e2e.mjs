// Huge input end to end, in the release build under its strict CSP: a 10 MB paste is annotated
// in the web worker with a progress bar and a Cancel button while the page stays responsive
// (a PerformanceObserver records every main-thread task over 50 ms; the longest is reported against the 200 ms target, and over 2 s fails),
// results arrive paragraph by paragraph, the article renders a window of paragraphs and grows
// on scroll, Cancel stops a run and a fresh one still works, and a paste above the cap
// (?max-mb=N) gets a clear message. Prints the figures and "big: N passed, N failed".
//
// usage: GLOSS_URL=http://127.0.0.1:8181/ node big.e2e.mjs [--mb 10]
import { launchChromium } from '../../tools/browser.mjs';

const url = process.env.GLOSS_URL || 'http://127.0.0.1:8080/';
const args = process.argv.slice(2);
const mbAt = args.indexOf('--mb');
const MB = mbAt >= 0 ? Number(args[mbAt + 1]) : 10;
// The target is no task over 200 ms; that is reported as a figure (timings on a shared CI machine
// are not assertions). A task over 2 s is a frozen tab, and that fails.
const LONG_TASK_TARGET_MS = 200;
const FROZEN_MS = 2000;

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`  ok   ${name} ${detail}`); }
  else { failed++; console.log(`  FAIL ${name} ${detail}`); }
}

// A long news-like plain text of our own making: paragraphs of templated sentences over a few
// hundred names, places and organisations, so the annotator has real work everywhere.
function article(bytes, seed = 7) {
  let x = seed;
  const rnd = (n) => { x = (x * 1103515245 + 12345) % 2147483648; return x % n; };
  const first = ['Amira', 'Jonas', 'Leila', 'Tomasz', 'Noura', 'Pablo', 'Ines', 'Karim', 'Sofia', 'Dmitri', 'Hana', 'Omar', 'Greta', 'Yusuf', 'Maren', 'Idris'];
  const last = ['Haddad', 'Lindqvist', 'Nasser', 'Kowalczyk', 'Farouk', 'Moreno', 'Castel', 'Benali', 'Rossetti', 'Orlov', 'Sato', 'Qureshi', 'Vogel', 'Demir', 'Aalto', 'Okafor'];
  const places = ['Tripoli', 'Gdansk', 'Mosul', 'Valencia', 'Antwerp', 'Tabriz', 'Mombasa', 'Tromso', 'Sfax', 'Oran', 'Izmir', 'Lyon'];
  const orgs = ['the Harbour Authority', 'the Northern Grain Council', 'Meridian Shipping', 'the Coastal Workers Union', 'the Red Crescent', 'the World Bank'];
  const days = ['on Monday', 'on Tuesday', 'on Wednesday', 'last week', 'on 12 March', 'in April'];
  const pick = (a) => a[rnd(a.length)];
  const person = () => `${pick(first)} ${pick(last)}`;
  const templates = [
    () => `${person()} met ${person()} in ${pick(places)} ${pick(days)} to discuss grain exports.`,
    () => `"We expect the port to reopen soon," ${person()} told reporters in ${pick(places)}.`,
    () => `${pick(orgs)} said ${pick(days)} that shipments through ${pick(places)} had doubled.`,
    () => `${person()}, who leads ${pick(orgs)}, travelled to ${pick(places)} ${pick(days)}.`,
    () => `Officials in ${pick(places)} said talks with ${pick(orgs)} would resume ${pick(days)}.`,
  ];
  const parts = [];
  let size = 0;
  while (size < bytes) {
    const n = 2 + rnd(4);
    let p = '';
    for (let i = 0; i < n; i++) p += (i ? ' ' : '') + pick(templates)();
    parts.push(p);
    size += p.length + 2;
  }
  return parts.join('\n\n');
}

const LONG_TASKS = () => {
  window.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: false });
};

const status = (page) => page.evaluate(() => document.querySelector('#status')?.textContent || '');
const waitStatus = (page, re, timeout) => page.waitForFunction((src) => new RegExp(src).test(document.querySelector('#status')?.textContent || ''), re.source, { timeout, polling: 100 });

async function paste(page, text) {
  await page.evaluate((t) => {
    const a = document.querySelector('#paste-input');
    a.value = t;
    a.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
}

const browser = await launchChromium();
const figures = {};
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await waitStatus(page, /Annotated 1 article/, 60000);
  await page.evaluate(LONG_TASKS);

  // ---- the 10 MB paste ----
  const big = article(MB * 1024 * 1024);
  await paste(page, big);
  // The browser lays out the filled text box on its next frames: that is the paste, not the
  // annotation, so let it happen before measuring.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await page.waitForTimeout(500);
  // Note when the new article's first paragraph appears and when the run is over.
  const t0 = await page.evaluate(() => {
    window.__long = [];
    window.__firstParagraph = null;
    window.__done = null;
    new MutationObserver(() => {
      const now = performance.now();
      const kicker = document.querySelector('#article .article__kicker')?.textContent || '';
      if (window.__firstParagraph === null && /paste 1/.test(kicker) && document.querySelector('#article .article__p')) window.__firstParagraph = now;
      if (window.__done === null && /^Annotated 2 articles/.test(document.querySelector('#status')?.textContent || '')) window.__done = now;
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
    return performance.now();
  });
  await page.click('#annotate-btn');
  const started = Date.now();
  await page.waitForSelector('#run-progress', { timeout: 10000 });
  check('a progress bar and a Cancel button are shown', (await page.locator('#cancel-btn').count()) === 1);
  // Sample what the page shows while the worker runs.
  const seen = new Set();
  let sawPartial = false;
  let maxProbe = 0;
  for (;;) {
    const probe = Date.now();
    const s = await page.evaluate(() => ({
      value: document.querySelector('#run-progress progress')?.getAttribute('value'),
      label: document.querySelector('#run-progress .run__label')?.textContent || '',
      status: document.querySelector('#status')?.textContent || '',
      paragraphs: document.querySelectorAll('#article .article__p').length,
      title: document.querySelector('#article .article__kicker')?.textContent || '',
    }));
    maxProbe = Math.max(maxProbe, Date.now() - probe);
    if (s.value != null) seen.add(s.value);
    if (/^Annotated 2 articles/.test(s.status)) break;
    if (Date.now() - started > 1200000) throw new Error(`${MB} MB annotation did not finish in 20 minutes`);
    await page.waitForTimeout(150);
  }
  const t1 = await page.evaluate(() => performance.now());
  const [firstParagraph, done] = await page.evaluate(() => [window.__firstParagraph, window.__done]);
  sawPartial = firstParagraph !== null && done !== null && firstParagraph < done;
  figures.firstParagraphBeforeEndMs = sawPartial ? Math.round(done - firstParagraph) : null;
  const longest = await page.evaluate(([a, b]) => Math.max(0, ...window.__long.filter((t) => t.start >= a && t.start <= b).map((t) => t.duration)), [t0, t1]);
  const worst = await page.evaluate(([a, b, d]) => window.__long.filter((t) => t.start >= a && t.start <= b)
    .sort((x, y) => y.duration - x.duration).slice(0, 5).map((t) => `${Math.round(t.duration)} ms at ${Math.round(t.start - d)} ms from the end`), [t0, t1, done ?? t1]);
  console.log(`  longest tasks while annotating: ${worst.join('; ') || 'none over 50 ms'}`);
  figures.pasteMB = (big.length / 1024 / 1024).toFixed(1);
  figures.annotateSeconds = ((t1 - t0) / 1000).toFixed(1);
  figures.longestTaskMs = Math.round(longest);
  figures.progressValues = seen.size;
  check('progress moved through several values', seen.size >= 3, `(${[...seen].join(',')})`);
  check('paragraphs appeared before the run finished', sawPartial, `(${figures.firstParagraphBeforeEndMs} ms before the end)`);
  check(`the page never freezes while annotating (no task over ${FROZEN_MS} ms)`, longest <= FROZEN_MS, `(longest ${Math.round(longest)} ms; target ${LONG_TASK_TARGET_MS} ms: ${longest <= LONG_TASK_TARGET_MS ? 'met' : 'NOT met'})`);
  check('the page answered while annotating', maxProbe < 1000, `(slowest probe ${maxProbe} ms)`);
  check('status names the worker', /in a web worker/.test(await status(page)), await status(page));

  const shown = await page.locator('#article .article__p').count();
  const chips = await page.locator('#article .chip').count();
  const more = await page.locator('#article .article__more').innerText().catch(() => '');
  check('a window of paragraphs with chips is rendered', shown >= 50 && shown < 1000 && chips > 100, `(${shown} paragraphs, ${chips} chips; ${more})`);
  // Scrolling to the end of the window shows more, without long tasks.
  const t2 = await page.evaluate(() => { window.__long = []; return performance.now(); });
  for (let i = 0; i < 4; i++) {
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(300);
  }
  const grown = await page.locator('#article .article__p').count();
  const longestScroll = await page.evaluate((a) => Math.max(0, ...window.__long.filter((t) => t.start >= a).map((t) => t.duration)), t2);
  figures.longestScrollTaskMs = Math.round(longestScroll);
  check('scrolling shows more paragraphs', grown > shown, `(${shown} → ${grown})`);
  check(`the page never freezes while scrolling (no task over ${FROZEN_MS} ms)`, longestScroll <= FROZEN_MS, `(longest ${Math.round(longestScroll)} ms; target ${LONG_TASK_TARGET_MS} ms: ${longestScroll <= LONG_TASK_TARGET_MS ? 'met' : 'NOT met'})`);
  // The last paragraph is reachable with the button too.
  await page.evaluate(() => document.querySelector('#more-btn')?.click());
  await page.waitForTimeout(300);
  check('Show more adds paragraphs', (await page.locator('#article .article__p').count()) > grown);
  check('no errors on the page', errors.length === 0, errors.slice(0, 3).join(' | '));

  // ---- Cancel ----
  await page.click('.tab >> nth=0');
  const tabs = await page.locator('.tab').count();
  await paste(page, article(3 * 1024 * 1024, 11));
  await page.click('#annotate-btn');
  await page.waitForSelector('#run-progress', { timeout: 10000 });
  await page.waitForTimeout(500);
  // Timed in the page: from the click to the bar being gone.
  figures.cancelMs = Math.round(await page.evaluate(() => new Promise((resolve) => {
    const t = performance.now();
    document.querySelector('#cancel-btn').click();
    const poll = () => (document.querySelector('#run-progress') ? (performance.now() - t > 5000 ? resolve(1e9) : requestAnimationFrame(poll)) : resolve(performance.now() - t));
    poll();
  })));
  check('Cancel stops the run at once', !(await page.locator('#run-progress').count()) && figures.cancelMs < 1000, `(${figures.cancelMs} ms)`);
  check('the cancelled article is not added', (await page.locator('.tab').count()) === tabs);
  check('Cancel says so', /cancelled/i.test(await page.locator('.notice').innerText().catch(() => '')));
  await paste(page, 'Amira Haddad met Jonas Lindqvist in Tripoli on Monday, officials said.');
  await page.click('#annotate-btn');
  await waitStatus(page, new RegExp(`^Annotated ${tabs + 1} articles`), 120000);
  check('a new run after Cancel works (fresh worker)', /Amira Haddad/.test(await page.locator('#article').innerText()));

  // ---- the size cap ----
  const capped = await browser.newPage();
  await capped.goto(url + '?max-mb=1');
  await waitStatus(capped, /Annotated 1 article/, 60000);
  await paste(capped, article(1.5 * 1024 * 1024, 3));
  const tcap = Date.now();
  await capped.click('#annotate-btn');
  const notice = await capped.locator('.notice').innerText({ timeout: 5000 }).catch(() => '');
  check('above the cap: a clear message at once', /above the 1\.0 MB/.test(notice) && Date.now() - tcap < 5000, JSON.stringify(notice));
  check('above the cap: nothing is added or annotated', (await capped.locator('.tab').count()) === 1 && !(await capped.locator('#run-progress').count()));
} catch (e) {
  check('big e2e run completed', false, String(e));
} finally {
  await browser.close();
}
console.log(`big: ${MB} MB paste = ${figures.pasteMB} MB, annotated in ${figures.annotateSeconds} s; longest main-thread task ${figures.longestTaskMs} ms while annotating, ${figures.longestScrollTaskMs} ms while scrolling; cancel took ${figures.cancelMs} ms`);
console.log(`big: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
