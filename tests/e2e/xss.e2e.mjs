// XSS end-to-end test: pastes every payload of a JSON-lines corpus into the release app, once
// as HTML and once as plain text, pokes every rendered element, and asserts that nothing ran
// and that the DOM holds nothing executable. Then the same inside <gloss-annotator> on the
// embed demo page: pasted into an element's paste box (HTML and text), and read from a host
// element via `for` (an inert <template> carrying the payload). Prints counts and
// "xss: N passed, N failed".
//
// usage: GLOSS_URL=http://127.0.0.1:8181/ node xss.e2e.mjs [PAYLOADS.jsonl] [--limit N] [--embedded-every K]
// (--embedded-every K: the embedded phases take every K-th payload; the app always takes all.
// .ci/run uses it to keep the 3,418-payload corpus within CI time.)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../tools/browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const url = process.env.GLOSS_URL || 'http://127.0.0.1:8080/';
const args = process.argv.slice(2);
const limitAt = args.indexOf('--limit');
const limit = limitAt >= 0 ? Number(args[limitAt + 1]) : Infinity;
const everyAt = args.indexOf('--embedded-every');
const every = everyAt >= 0 ? Math.max(1, Number(args[everyAt + 1]) || 1) : 1;
const file = args.find((a, i) => !a.startsWith('--') && !['--limit', '--embedded-every'].includes(args[i - 1])) || join(here, 'fixtures', 'xss-own.jsonl');
const payloads = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l)).slice(0, limit);
const embeddedPayloads = payloads.filter((_, i) => i % every === 0);

// Installed before any page script: recorders for every way a payload could show it ran.
const TRAPS = () => {
  window.__calls = [];
  for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
    window[name] = (...a) => { window.__calls.push(name + ':' + String(a[0])); };
  }
  document.write = (...a) => window.__calls.push('document.write:' + String(a[0]).slice(0, 40));
  let canary;
  Object.defineProperty(window, '__xss', { configurable: false, get: () => canary, set: (v) => { canary = v; window.__calls.push('__xss=' + v); } });
};

// Everything in the widget that could execute or navigate, as a list of findings.
// `host`: null for the app page (#app), else the selector of a <gloss-annotator> (its shadow UI).
const AUDIT = (host) => {
  const root = host ? document.querySelector(host).shadowRoot.querySelector('.gloss-embed') : document.querySelector('#app');
  const findings = [];
  const bad = /^(javascript|vbscript|data):/i;
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcdoc'];
  const forbidden = new Set(['SCRIPT', 'IFRAME', 'FRAME', 'OBJECT', 'EMBED', 'BASE', 'META', 'LINK', 'FORM', 'STYLE']);
  for (const el of root.querySelectorAll('*')) {
    // The app's own add-entity form (no action; the CSP has form-action 'none') is not pasted markup.
    const ownForm = el.tagName === 'FORM' && el.classList.contains('add-entity') && !el.hasAttribute('action');
    if (forbidden.has(el.tagName.toUpperCase()) && !ownForm) findings.push('element ' + el.tagName);
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith('on')) findings.push(`attribute ${a.name} on ${el.tagName}`);
      // eslint-disable-next-line no-control-regex
      if (urlAttrs.includes(a.name.toLowerCase()) && bad.test(a.value.replace(/[\u0000-\u0020]/g, ''))) findings.push(`${a.name}=${a.value.slice(0, 40)}`);
    }
  }
  return findings;
};

// The article's own text, without the chips' type tags.
const RENDERED_TEXT = (host) => {
  const root = host ? document.querySelector(host).shadowRoot.querySelector('.gloss-embed') : document;
  const art = root.querySelector('#article');
  if (!art) return '';
  const copy = art.cloneNode(true);
  for (const el of copy.querySelectorAll('.article__kicker, [aria-hidden="true"], .chip__type, .chip-type')) el.remove();
  for (const d of copy.querySelectorAll('details')) d.open = true;
  return copy.textContent;
};

// Dispatch the events payloads usually wait for, on every element of the article.
const POKE = (host) => {
  const root = host ? document.querySelector(host).shadowRoot.querySelector('.gloss-embed') : document;
  const els = [...root.querySelectorAll('#article *')].slice(0, 200);
  for (const el of els) {
    for (const type of ['mouseover', 'mouseenter', 'focus', 'focusin', 'animationstart', 'toggle', 'load', 'error']) {
      el.dispatchEvent(new Event(type, { bubbles: true }));
    }
    if (typeof el.focus === 'function') el.focus();
  }
};

// Paragraph breaks render as separate blocks, so text is compared with all whitespace removed.
const squash = (s) => s.replace(/\s+/g, '');

const browser = await launchChromium();
let passed = 0;
let failed = 0;
let executions = 0;
const failures = [];
try {
  const context = await browser.newContext();
  const offsite = [];
  // Requests are watched, not intercepted: interception would keep the web worker's script from
  // loading. The page's CSP (connect-src/img-src 'self') and the closed network stop them anyway.
  context.on('request', (r) => {
    const u = r.url();
    if (!(u.startsWith(url) || u.startsWith('data:') || u.startsWith('blob:'))) offsite.push(u);
  });
  const page = await context.newPage();
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs++; await d.dismiss().catch(() => {}); });
  page.on('popup', async (p) => { offsite.push('popup ' + p.url()); await p.close().catch(() => {}); });
  await page.addInitScript(TRAPS);
  await page.goto(url);
  await page.waitForFunction(() => /Annotated/.test(document.querySelector('#status')?.textContent || ''), null, { timeout: 30000 });
  while (await page.locator('.tab-close').count()) await page.locator('.tab-close').first().click();

  const record = (where, id, mode, problems) => {
    if (problems.length) { failed++; failures.push(`${where}${id} [${mode}]: ${problems.slice(0, 3).join('; ')}`); }
    else passed++;
  };
  // What ran, and what executable markup reached the widget, after poking it.
  const inspect = async (host, problems) => {
    await page.evaluate(POKE, host);
    await page.waitForTimeout(15);
    const calls = await page.evaluate(() => window.__calls.splice(0));
    if (calls.length || dialogs) { executions++; problems.push('EXECUTED ' + calls.join(',') + (dialogs ? ` dialogs=${dialogs}` : '')); }
    dialogs = 0;
    problems.push(...await page.evaluate(AUDIT, host));
  };
  // Paste every payload, as HTML and as text, into the paste box of the app (host null) or of
  // the <gloss-annotator> `host`.
  const pasteAll = async (host, list) => {
    const at = host ? `${host} ` : '';
    while (await page.locator(at + '.tab-close').count()) await page.locator(at + '.tab-close').first().click();
    for (const { id, payload } of list) {
      for (const mode of ['html', 'text']) {
        const problems = [];
        try {
          await page.selectOption(at + '#format-select', mode);
          await page.fill(at + '#paste-input', payload);
          await page.click(at + '#annotate-btn');
          await page.waitForFunction((h) => {
            const root = h ? document.querySelector(h).shadowRoot : document;
            return root.querySelectorAll('.tab').length === 1 && !root.querySelector('.tab__spinner')
              && /Annotated|No article|not/.test(root.querySelector('#status')?.textContent || '');
          }, host, { timeout: 15000 });
          await inspect(host, problems);
          if (mode === 'text') {
            const shown = squash(await page.evaluate(RENDERED_TEXT, host));
            // eslint-disable-next-line no-control-regex
            const want = squash(payload.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')).slice(0, 200);
            if (want && !shown.includes(want)) problems.push(`plain text not shown as typed: ${JSON.stringify(want.slice(0, 60))}`);
          }
        } catch (e) {
          problems.push('harness: ' + String(e).split('\n')[0]);
        }
        record(host ? 'embedded ' : '', id, mode, problems);
        while (await page.locator(at + '.tab-close').count()) await page.locator(at + '.tab-close').first().click();
      }
    }
  };
  await pasteAll(null, payloads);

  // The same payloads inside <gloss-annotator> on the embed demo page (no inline script there:
  // the elements are made by the test).
  await page.goto(url + 'embed-example.html');
  await page.evaluate(() => document.querySelector('gloss-annotator').whenReady());
  await page.evaluate(() => {
    const el = document.createElement('gloss-annotator');
    el.id = 'xss-paste';
    document.body.append(el);
    return el.whenReady();
  });
  await pasteAll('#xss-paste', embeddedPayloads);
  // `for`: the payload is the HTML of a host element (an inert <template>, so the page itself
  // never runs it), read by a fresh element.
  for (const { id, payload } of embeddedPayloads) {
    const problems = [];
    try {
      await page.evaluate((p) => {
        document.querySelector('#xss-for')?.remove();
        document.querySelector('#xss-src')?.remove();
        const src = document.createElement('template');
        src.id = 'xss-src';
        src.innerHTML = p;
        document.body.append(src);
        const el = document.createElement('gloss-annotator');
        el.id = 'xss-for';
        el.setAttribute('for', '#xss-src');
        document.body.append(el);
      }, payload);
      await page.waitForFunction(() => {
        const root = document.querySelector('#xss-for').shadowRoot;
        return /Annotated|failed|Nothing/.test((root.querySelector('#status')?.textContent || '') + (root.querySelector('.notice')?.textContent || ''));
      }, null, { timeout: 15000 });
      await inspect('#xss-for', problems);
    } catch (e) {
      problems.push('harness: ' + String(e).split('\n')[0]);
    }
    record('for= ', id, 'html', problems);
  }
  if (offsite.length) { failed++; failures.push('network requests left the app: ' + offsite.slice(0, 5).join(' ')); }
} finally {
  await browser.close();
}
for (const f of failures.slice(0, 40)) console.log('  FAIL ' + f);
console.log(`payloads: ${payloads.length}, pastes: ${payloads.length * 2} in the app, ${embeddedPayloads.length * 2} embedded, for= hosts: ${embeddedPayloads.length}, executions: ${executions}`);
console.log(`xss: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
