// End-to-end test of <gloss-annotator> on the demo CMS page (static/embed-example.html), served
// from the release build under the strict CSP of tools/serve.py (no inline script or style,
// no eval, no network). Checks the element annotates the article in place, its events, every
// JS API call, style isolation both ways, that nothing violates the CSP and that only gloss's
// own files are requested. Saves out/embed-example.png. Prints "embed: N passed, N failed".
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../tools/browser.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const url = process.env.GLOSS_URL || 'http://127.0.0.1:8080/';
const outDir = process.env.OUT_DIR || join(here, '..', '..', 'out');
mkdirSync(outDir, { recursive: true });

// The only files the page may load: its own, and gloss's bundle.
const OWN_FILES = new Set([
  'embed-example.html', 'embed-example.css', 'favicon.svg',
  'gloss-annotator.js', 'gloss-app.js', 'gloss-app_bg.wasm', 'gloss-embed.css', 'gloss.css', 'graph.css', 'edit.css',
  'gloss-worker_loader.js', 'gloss-worker.js', 'gloss-worker_bg.wasm', 'worker-bundle-bridge.js',
]);
const REUTERS = 'https://www.reuters.com/world/americas/colombia-declares-state-emergency-catatumbo-violence-2025-01-20/';

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`  ok   ${name}`); }
  else { failed++; console.log(`  FAIL ${name} ${detail}`); }
}

// Before any page script: record CSP violations and gloss's events (they bubble out, composed).
const RECORDERS = () => {
  window.__csp = [];
  window.__events = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  for (const type of ['gloss:ready', 'gloss:change', 'gloss:select', 'gloss:error']) {
    document.addEventListener(type, (e) => window.__events.push({ type, target: e.target.id || e.target.tagName, detail: e.detail }));
  }
};

const browser = await launchChromium();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1100 } });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' || /Content.Security.Policy/i.test(m.text())) errors.push(m.text()); });
  await page.addInitScript(RECORDERS);

  const response = await page.goto(url + 'embed-example.html');
  const csp = response.headers()['content-security-policy'] || '';
  check('the demo page is served with the strict CSP (no inline script allowed)',
    /script-src 'self' 'wasm-unsafe-eval'\s*;/.test(csp) && /style-src 'self';/.test(csp) && !/sha256|unsafe-inline|unsafe-eval'/.test(csp.replace("'wasm-unsafe-eval'", '')), csp);
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'gloss:ready'), null, { timeout: 30000 });
  check('gloss:ready fired', true);
  // `for="#post-content"`: the page's article is annotated in the element, in its place.
  await page.waitForFunction(() => (document.querySelector('gloss-annotator')?.shadowRoot?.querySelectorAll('#article .chip').length || 0) > 5, null, { timeout: 30000 });
  const host = page.locator('gloss-annotator.post-gloss');
  const article = host.locator('#article');
  const chipInfo = await article.locator('.chip').evaluateAll((els) => els.map((e) => [e.textContent, e.dataset.label, e.dataset.entity]));
  check('chips rendered inside the shadow root', chipInfo.length >= 10, `(${chipInfo.length})`);
  const has = (re, lab) => chipInfo.some(([t, l]) => re.test(t) && l === lab);
  check('Oslo is a place', has(/Oslo/, 'LOC'));
  check('Gustavo Petro is a person', has(/Petro/, 'PER'));
  check('a date chip', chipInfo.some(([, l]) => l === 'DATE'));
  check('no chip in the light DOM', (await page.evaluate(() => document.querySelectorAll('.chip[data-entity]').length)) === 0);
  check('the source article is not displayed twice', await page.evaluate(() => document.querySelector('#post-content').getClientRects().length === 0));
  check('no paste box with for=', (await host.locator('#paste-input').count()) === 0);
  const articleText = await article.innerText();
  check('article text shown', /Barth Eide/.test(articleText) && /Catatumbo/.test(articleText));

  await page.screenshot({ path: join(outDir, 'embed-example-top.png') });

  // gloss:change carries the contract; getAnnotations() returns the same.
  const changes = await page.evaluate(() => window.__events.filter((e) => e.type === 'gloss:change').map((e) => e.detail));
  const last = changes[changes.length - 1];
  check('gloss:change fired with the contract', last && last.version === 1 && last.documents.length === 1 && last.entities.length >= 5, JSON.stringify(last)?.slice(0, 120));
  const got = await page.evaluate(() => document.querySelector('gloss-annotator').getAnnotations());
  check('getAnnotations() is the contract shown', JSON.stringify(got) === JSON.stringify(last));
  check('the contract is the host article', got.documents[0].text.includes('National Liberation Army'));

  // Selecting a chip fires gloss:select with the entity.
  const petro = article.locator('.chip', { hasText: 'Petro' }).first();
  const petroId = await petro.getAttribute('data-entity');
  await petro.click();
  await page.waitForFunction(() => window.__events.some((e) => e.type === 'gloss:select'), null, { timeout: 5000 }).catch(() => {});
  const select = await page.evaluate(() => window.__events.filter((e) => e.type === 'gloss:select').pop()?.detail);
  check('gloss:select names the clicked entity', select && select.entity === petroId && /Petro/.test(select.name) && select.label === 'PER', JSON.stringify(select));
  await petro.click();
  await page.keyboard.press('Escape');

  // setLinkMetadata: the host's title, description and date show in that link's preview card.
  const nChanges = changes.length;
  const report = await page.evaluate((u) => document.querySelector('gloss-annotator').setLinkMetadata(u, {
    title: 'Colombia declares emergency over Catatumbo violence',
    description: 'The government invoked internal-unrest powers after clashes displaced thousands.',
    date: '2025-01-20',
  }), REUTERS);
  check('setLinkMetadata reaches the link', report.links === 1 && report.diagnostics.length === 0, JSON.stringify(report));
  await page.waitForFunction((n) => window.__events.filter((e) => e.type === 'gloss:change').length > n, nChanges, { timeout: 5000 }).catch(() => {});
  const bad = await page.evaluate(() => document.querySelector('gloss-annotator').setLinkMetadata('https://example.org/none', { date: 'soon' }));
  check('setLinkMetadata reports a bad date and an unknown URL', bad.links === 0 && bad.diagnostics.length === 2, JSON.stringify(bad));
  const link = article.locator('a.article-link', { hasText: 'state of internal unrest' });
  await link.hover();
  const card = host.locator('.preview-card');
  await card.first().waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
  const cardText = (await card.count()) ? await card.first().innerText() : '';
  check('preview card shows the host title', cardText.includes('Colombia declares emergency over Catatumbo violence'), JSON.stringify(cardText));
  check('preview card shows the host description', cardText.includes('internal-unrest powers'));
  check('preview card says the page gave it', /given by this page/i.test(cardText));
  await page.screenshot({ path: join(outDir, 'embed-example-preview.png') });
  await page.keyboard.press('Escape');
  await page.mouse.move(5, 5);

  // exportAs: every format, from the contract shown (metadata applied).
  const exports = await page.evaluate(() => {
    const el = document.querySelector('gloss-annotator');
    const out = {};
    for (const f of ['json', 'jsonld', 'webannotation', 'conll', 'csv-entities', 'csv-relations']) {
      try { out[f] = el.exportAs(f); } catch (e) { out[f] = 'ERROR ' + e.message; }
    }
    try { el.exportAs('docx'); out.unknown = 'no error'; } catch (e) { out.unknown = e.message; }
    return out;
  });
  const parse = (s) => { try { return JSON.parse(s); } catch { return null; } };
  const json = parse(exports.json);
  check('exportAs("json") is the contract with host metadata', json?.version === 1
    && json.documents[0].links.some((l) => l.preview?.from_host && l.preview.title.startsWith('Colombia declares')));
  check('exportAs("jsonld") is schema.org JSON-LD', /NewsArticle/.test(exports.jsonld) && parse(exports.jsonld) !== null, exports.jsonld.slice(0, 80));
  check('exportAs("webannotation") is W3C annotations', /Annotation/.test(exports.webannotation) && parse(exports.webannotation) !== null);
  check('exportAs("conll") has IOB2 tags', /\bB-(PER|LOC|ORG)\b/.test(exports.conll), exports.conll.slice(0, 80));
  check('exportAs("csv-entities") is CSV with Petro', /^[a-z_,]+\r?\n/.test(exports['csv-entities']) && /Petro/.test(exports['csv-entities']), exports['csv-entities'].slice(0, 80));
  check('exportAs("csv-relations") is CSV', /^[a-z_,]+\r?\n?/.test(exports['csv-relations']), exports['csv-relations'].slice(0, 80));
  check('exportAs(unknown) throws', /unknown export format/.test(exports.unknown), exports.unknown);
  // The element's own Download gives the bytes exportAs returns, for every format.
  const same = [];
  for (const f of ['json', 'jsonld', 'webannotation', 'conll', 'csv-entities', 'csv-relations']) {
    await host.locator('#export-format').selectOption(f);
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 5000 }), host.locator('#export-download').click()]);
    if (readFileSync(await d.path(), 'utf8') === exports[f]) same.push(f);
  }
  check('the edit bar downloads what exportAs returns, every format', same.length === 6, same.join());

  // applyCorrections: those that fit change what is shown (and the gloss JSON lists them),
  // a stale one comes back with its reason.
  const oslo = () => article.locator('.chip', { hasText: /^Oslo/ }).count();
  const osloBefore = await oslo();
  const nChanges2 = await page.evaluate(() => window.__events.filter((e) => e.type === 'gloss:change').length);
  const corrected = await page.evaluate(() => {
    const el = document.querySelector('gloss-annotator');
    const doc = el.getAnnotations().documents[0];
    const m = doc.mentions.find((x) => x.text === 'Oslo');
    const ref = { document: doc.source, start: m.start, end: m.end, text: m.text };
    return el.applyCorrections([{ op: 'reject', mention: ref }, { op: 'reject', mention: { ...ref, text: 'Bergen' } }]);
  });
  check('applyCorrections applies what fits and returns the rest with a reason', corrected.applied === 1
    && corrected.unapplied.length === 1 && /text/.test(corrected.unapplied[0].reason), JSON.stringify(corrected));
  await page.waitForFunction((n) => window.__events.filter((e) => e.type === 'gloss:change').length > n, nChanges2, { timeout: 5000 }).catch(() => {});
  check('a rejected mention loses its chip', (await oslo()) === osloBefore - 1, `${osloBefore} → ${await oslo()}`);
  const edited = parse(await page.evaluate(() => document.querySelector('gloss-annotator').exportAs('json')));
  check('exportAs("json") carries the corrections', edited?.corrections?.length === 1 && edited.corrections[0].op === 'reject'
    && edited.documents[0].mentions.filter((x) => x.text === 'Oslo').length === osloBefore - 1, JSON.stringify(edited?.corrections));
  const badList = await page.evaluate(() => { try { document.querySelector('gloss-annotator').applyCorrections([{ op: 'explode' }]); return 'no error'; } catch (e) { return e.message; } });
  check('applyCorrections refuses a malformed list', /correction/.test(badList), badList);

  // Style isolation: the theme's global rules stay out, gloss's classes stay in.
  const styles = await page.evaluate(() => {
    const root = document.querySelector('gloss-annotator').shadowRoot;
    const cs = (el, p) => (el ? getComputedStyle(el)[p] : 'missing');
    return {
      innerChipBg: cs(root.querySelector('#article .chip'), 'backgroundColor'),
      innerChipTransform: cs(root.querySelector('#article .chip'), 'textTransform'),
      innerButtonTransform: cs(root.querySelector('button'), 'textTransform'),
      innerFont: cs(root.querySelector('.gloss-embed'), 'fontFamily'),
      innerLetterSpacing: cs(root.querySelector('.status'), 'letterSpacing'),
      pageChipBg: cs(document.querySelector('.post-tags .chip'), 'backgroundColor'),
      pageSidebarPosition: cs(document.querySelector('aside.sidebar'), 'position'),
      pageBodyBg: cs(document.body, 'backgroundColor'),
      pageBodyFont: cs(document.body, 'fontFamily'),
      headSheets: document.styleSheets.length,
      shadowSheets: [...root.querySelectorAll('link[rel=stylesheet]')].map((l) => l.getAttribute('href').split('/').pop()),
    };
  });
  check('page .chip rule does not reach gloss chips', styles.innerChipBg !== 'rgb(255, 236, 179)' && styles.innerChipTransform !== 'uppercase', JSON.stringify(styles));
  check('page button rule does not reach gloss buttons', styles.innerButtonTransform === 'none', styles.innerButtonTransform);
  check('page body font does not reach gloss', !/Georgia/.test(styles.innerFont) && styles.innerLetterSpacing === 'normal', `${styles.innerFont} ${styles.innerLetterSpacing}`);
  check('gloss .chip does not restyle the page tags', styles.pageChipBg === 'rgb(255, 236, 179)', styles.pageChipBg);
  check('gloss .sidebar does not restyle the page sidebar', styles.pageSidebarPosition === 'static');
  check('page body keeps its own look', styles.pageBodyBg === 'rgb(255, 253, 248)' && /Georgia/.test(styles.pageBodyFont));
  check('gloss adds no stylesheet to the page', styles.headSheets === 1, String(styles.headSheets));
  check('its stylesheet is linked inside the shadow root', styles.shadowSheets.join(',') === 'gloss-embed.css', styles.shadowSheets.join(','));

  // Every stylesheet of the app page is also in the element (gloss-embed.css @imports them).
  const appSheets = [...(await (await fetch(url)).text()).matchAll(/<link[^>]*rel="stylesheet"[^>]*href="\/?([^"]+)"/g)].map((m) => m[1]);
  const imported = [...(await (await fetch(url + 'gloss-embed.css')).text()).matchAll(/@import url\("([^"]+)"\)/g)].map((m) => m[1]);
  check('the element imports every stylesheet of the app', appSheets.length >= 2 && appSheets.every((s) => imported.includes(s)), `${appSheets} vs ${imported}`);

  await page.screenshot({ path: join(outDir, 'embed-example.png'), fullPage: true });

  // theme="dark" switches gloss's palette and nothing else.
  await page.evaluate(() => document.querySelector('gloss-annotator').setAttribute('theme', 'dark'));
  const dark = await page.evaluate(() => {
    const root = document.querySelector('gloss-annotator').shadowRoot;
    return [getComputedStyle(root.querySelector('.gloss-embed')).backgroundColor, getComputedStyle(root.querySelector('.article__p')).color];
  });
  check('theme="dark" applies', dark[0] === 'rgb(22, 24, 28)' && dark[1] === 'rgb(236, 234, 230)', dark.join(' '));
  await host.screenshot({ path: join(outDir, 'embed-example-dark.png') });
  await page.evaluate(() => document.querySelector('gloss-annotator').setAttribute('theme', 'light'));

  // annotate(): another article replaces the one shown; the promise resolves with its contract.
  const text = 'Maria Ortiz met the mayor of Medellín on Friday. The Red Cross said it would open two clinics in Bogotá.';
  const annotated = await page.evaluate((t) => document.querySelector('gloss-annotator').annotate(t, 'api-test').then((c) => c), text);
  check('annotate() resolves with the new contract', annotated.documents.length === 1 && annotated.documents[0].source === 'api-test'
    && annotated.documents[0].text.includes('Maria Ortiz'), JSON.stringify(annotated).slice(0, 120));
  await page.waitForFunction(() => /Maria Ortiz/.test(document.querySelector('gloss-annotator').shadowRoot.querySelector('#article')?.textContent || ''), null, { timeout: 10000 }).catch(() => {});
  check('the new article is shown', /Medellín/.test(await article.innerText()));
  const chips2 = await article.locator('.chip').evaluateAll((els) => els.map((e) => [e.textContent, e.dataset.label]));
  check('annotate() chips', chips2.some(([t, l]) => /Medellín|Bogotá/.test(t) && l === 'LOC') && chips2.length >= 3, JSON.stringify(chips2));
  const emptyError = await page.evaluate(() => document.querySelector('gloss-annotator').annotate('   ').then(() => 'resolved', (e) => e.message));
  check('annotate("") rejects', /nothing to annotate/.test(emptyError), emptyError);
  const emptyNotice = await page.evaluate(() => document.querySelector('gloss-annotator').shadowRoot.querySelector('.notice')?.textContent || '');
  check('annotate("") says so in the widget', /Nothing to annotate/.test(emptyNotice), emptyNotice);
  check('the article shown stays after annotate("")', /Medellín/.test(await article.innerText()));

  // A second element, read-only, created by script: no paste box, the API still works.
  const second = await page.evaluate(async () => {
    const el = document.createElement('gloss-annotator');
    el.id = 'second';
    el.setAttribute('readonly', '');
    document.querySelector('.post-footer').append(el);
    await el.whenReady();
    const c = await el.annotate('<p>Kenya and Ethiopia signed a border accord in Nairobi on Monday.</p>');
    return { entities: c.entities.map((e) => e.name), paste: el.shadowRoot.querySelectorAll('#paste-input').length };
  });
  check('a read-only element annotates through the API', second.entities.length >= 2 && second.paste === 0, JSON.stringify(second));
  const ready = await page.evaluate(() => window.__events.filter((e) => e.type === 'gloss:ready').map((e) => e.target));
  check('each element fires its own gloss:ready', ready.length === 2 && ready.includes('second'), JSON.stringify(ready));

  const violations = await page.evaluate(() => window.__csp);
  check('no CSP violation', violations.length === 0, violations.join(' | '));
  const strange = requests.filter((r) => {
    if (r.startsWith('data:') || r.startsWith('blob:')) return false;
    if (!r.startsWith(url)) return true;
    return !OWN_FILES.has(new URL(r).pathname.split('/').pop());
  });
  check('only its own files are requested', strange.length === 0, strange.join(' '));
  check('no errors on the page', errors.length === 0, errors.join(' | '));
  const errorEvents = await page.evaluate(() => window.__events.filter((e) => e.type === 'gloss:error'));
  check('no gloss:error event', errorEvents.length === 0, JSON.stringify(errorEvents));

  // `for` pointing at an element with nothing in it: the element says so, in its own UI and
  // with a gloss:error, and does not ask for a paste it has no box for.
  const empty = await page.evaluate(async () => {
    const src = document.createElement('div');
    src.id = 'empty-src';
    document.body.append(src);
    const el = document.createElement('gloss-annotator');
    el.id = 'empty-for';
    el.setAttribute('for', '#empty-src');
    const error = new Promise((resolve) => el.addEventListener('gloss:error', (e) => resolve(e.detail.message)));
    document.body.append(el);
    await el.whenReady();
    const message = await error;
    await new Promise((r) => setTimeout(r, 100));
    const root = el.shadowRoot;
    return { message, notice: root.querySelector('.notice')?.textContent || '', status: root.querySelector('#status')?.textContent || '' };
  });
  check('for= an empty element: gloss:error', /nothing to annotate/.test(empty.message), empty.message);
  check('for= an empty element: the widget says so', /Nothing to annotate/.test(empty.notice) && !/Paste/.test(empty.status),
    JSON.stringify(empty));
} catch (e) {
  check('embed run completed', false, String(e));
} finally {
  await browser.close();
}
console.log(`embed: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
