// End-to-end test of the release build in real headless Chromium (playwright-core).
// Pastes an HTML article, waits for chips, hovers a link for its preview card, checks the
// sidebar, and saves screenshots under $OUT_DIR. Prints "e2e: N passed, N failed".
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../tools/browser.mjs';

// playwright-core is installed under tools/ (./x setup), not beside the tests.
const here = dirname(fileURLToPath(import.meta.url));
const url = process.env.GLOSS_URL || 'http://127.0.0.1:8080/';
const outDir = process.env.OUT_DIR || join(here, '..', '..', 'out');
mkdirSync(outDir, { recursive: true });

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) { passed++; console.log(`  ok   ${name}`); }
  else { failed++; console.log(`  FAIL ${name} ${detail}`); }
}

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const offsite = [];
  const errors = [];
  page.on('request', (r) => { if (!r.url().startsWith(url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) offsite.push(r.url()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs++; await d.dismiss(); });

  await page.goto(url);
  // The built-in sample is annotated on load.
  await page.waitForFunction(() => /Annotated/.test(document.querySelector('#status')?.textContent || ''), null, { timeout: 30000 });
  check('sample article annotated on load', (await page.locator('#article .chip').count()) > 5);
  await page.screenshot({ path: join(outDir, 'e2e-sample.png') });

  // Paste our own CMS article as HTML.
  const html = readFileSync(join(here, 'fixtures', 'cms-article.html'), 'utf8');
  const tabsBefore = await page.locator('.tab').count();
  await page.fill('#paste-input', html);
  await page.click('#annotate-btn');
  await page.waitForFunction((n) => document.querySelectorAll('.tab').length > n, tabsBefore, { timeout: 30000 });
  await page.waitForFunction(() => /Annotated/.test(document.querySelector('#status')?.textContent || ''), null, { timeout: 30000 });
  const article = page.locator('#article');
  const text = await article.innerText();
  check('article text shown', text.includes('ceasefire talks'));
  check('script content not shown', !text.includes('window.__xss'));
  check('navigation furniture not in article', !/Markets rally/.test(text));
  const chips = article.locator('.chip');
  const nChips = await chips.count();
  check('chips rendered', nChips >= 8, `(${nChips})`);
  const labels = await chips.evaluateAll((els) => els.map((e) => [e.textContent, e.dataset.label, e.getAttribute('aria-label'), e.tabIndex]));
  check('chips have aria-labels with a type noun', labels.every(([, , a]) => /, (person|organisation|place|other name|date)$/.test(a || '')), JSON.stringify(labels.slice(0, 3)));
  check('chips are focusable', labels.every(([, , , t]) => t >= 0));
  const has = (re, lab) => labels.some(([t, l]) => re.test(t) && l === lab);
  check('Jeddah is a place', has(/Jeddah/, 'LOC'));
  check('Saudi Arabia is a place', has(/Saudi Arabia/, 'LOC'));
  check('a person (Burhan or Dagalo or Blinken) found', has(/Burhan|Dagalo|Blinken/, 'PER'));
  check('a date chip found', labels.some(([, l]) => l === 'DATE'));

  // Clicking a chip highlights every mention of its entity.
  const burhan = article.locator('.chip', { hasText: 'Burhan' }).first();
  if (await burhan.count()) {
    await burhan.click();
    const entity = await burhan.getAttribute('data-entity');
    const active = await article.locator('.chip.chip--active').count();
    const mentions = await article.locator(`.chip[data-entity="${entity}"]`).count();
    check('click highlights all mentions of the entity', active === mentions && active >= 1, `${active}/${mentions}`);
    check('sidebar selects the entity', (await page.locator(`#sidebar .entity-row[data-entity="${entity}"][aria-selected="true"], #sidebar .entity-row[data-entity="${entity}"].entity-row--active`).count()) >= 1);
  } else {
    check('a Burhan chip exists', false);
  }

  // Hovering a link opens its preview card.
  const link = article.locator('a.article-link').first();
  check('links rendered', (await article.locator('a.article-link').count()) === 2);
  check('links open safely', (await link.getAttribute('rel'))?.includes('noopener') && (await link.getAttribute('target')) === '_blank');
  await link.hover();
  const card = page.locator('.preview-card');
  await card.first().waitFor({ state: 'visible', timeout: 5000 }).catch(() => {});
  const cardText = (await card.count()) ? await card.first().innerText() : '';
  check('preview card shows the site', /Al Jazeera/.test(cardText), JSON.stringify(cardText));
  check('preview card shows the date', /2024/.test(cardText) && /Oct|10/.test(cardText));
  check('preview card title from slug', /Jeddah/i.test(cardText) && /RSF/.test(cardText));
  await page.screenshot({ path: join(outDir, 'e2e-article.png') });
  await page.keyboard.press('Escape');

  // Sidebar: entities by type and relations.
  check('sidebar lists entities', (await page.locator('#sidebar .entity-row').count()) >= 5);
  check('sidebar lists relations or quotes', (await page.locator('#sidebar .relation-row, #sidebar .quote-row').count()) >= 1);

  // Keyboard: focus a chip with Tab and activate it with Enter.
  await page.locator('#article .chip').first().focus();
  await page.keyboard.press('Enter');
  check('Enter on a focused chip activates it', (await page.locator('#article .chip.chip--active').count()) >= 1);

  // Corrections: by keyboard alone, undo/redo keys, confidence marks, a reload restores them,
  // and the gloss JSON export carries them.
  await page.keyboard.press('Escape');
  await page.locator('.fix-panel').waitFor({ state: 'detached', timeout: 2000 }).catch(() => {});
  const nBefore = await article.locator('.chip[role=button]').count();
  const scores = await article.locator('.chip[role=button]').evaluateAll((els) => els.map((e) => Number(e.dataset.score)));
  check('every chip carries its model score', scores.every((x) => x >= 0 && x <= 1), JSON.stringify(scores.slice(0, 5)));
  const unsure = await article.locator('.chip.chip--unsure').count();
  check('low-confidence chips are marked', unsure === scores.filter((x) => x < 0.75).length, `${unsure}`);
  const victim = article.locator('.chip[role=button]').nth(1);
  const victimText = await victim.textContent();
  await victim.focus();
  await page.keyboard.press('Enter');
  await page.locator('.fix-panel').waitFor({ timeout: 5000 });
  check('Enter on a chip opens its correction panel, focus inside',
    await page.evaluate(() => !!document.querySelector('.fix-panel')?.contains(document.activeElement)));
  check('the panel shows the confidence', /model confidence \d+%/.test(await page.locator('.fix-panel').innerText()));
  await page.screenshot({ path: join(outDir, 'e2e-correct.png') });
  await page.keyboard.press('ArrowRight');
  check('arrow keys move to Reject', (await page.evaluate(() => document.activeElement?.dataset.fix)) === 'reject');
  await page.keyboard.press('Enter');
  const count = () => article.locator('.chip[role=button]').count();
  check('Reject removes the chip', (await count()) === nBefore - 1, `${await count()} vs ${nBefore}`);
  await page.keyboard.press('Control+z');
  check('Ctrl+Z undoes it', (await count()) === nBefore);
  await page.keyboard.press('Control+Shift+z');
  check('Ctrl+Shift+Z redoes it', (await count()) === nBefore - 1);
  const tabsNow = await page.locator('.tab').count();
  await page.reload();
  await page.waitForFunction(() => /Annotated/.test(document.querySelector('#status')?.textContent || ''), null, { timeout: 30000 });
  await page.waitForTimeout(300);
  check('reload restores the tabs', (await page.locator('.tab').count()) === tabsNow);
  check('reload restores the open tab', (await page.locator('.tab[aria-selected="true"]').innerText()).includes('Jeddah'));
  check('reload restores the correction', (await count()) === nBefore - 1, `${await count()} vs ${nBefore - 1}`);
  check('restored corrections are counted', (await page.locator('.edit-bar__count').innerText()).includes('1 correction'));
  // Export: each format chosen in the edit bar's select and downloaded with its button.
  const formats = await page.locator('#export-format option').evaluateAll((os) => os.map((o) => o.value));
  check('the export select offers every format', formats.join() === 'json,jsonld,webannotation,conll,csv-entities,csv-relations', formats.join());
  check('the export control is labelled', (await page.locator('label[for=export-format]').innerText()).trim() === 'Export as');
  const files = {};
  for (const f of formats) {
    await page.selectOption('#export-format', f);
    // By keyboard: focus the button and press Enter.
    await page.focus('#export-download');
    const [d] = await Promise.all([page.waitForEvent('download', { timeout: 5000 }), page.keyboard.press('Enter')]);
    files[f] = { download: d, name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') };
  }
  const download = files.json.download;
  const exported = JSON.parse(files.json.text);
  check('gloss JSON export carries the correction',
    exported.version === 1 && exported.corrections?.length === 1 && exported.corrections[0].op === 'reject'
      && exported.corrections[0].mention.text === victimText, JSON.stringify(exported.corrections));
  check('gloss JSON has the contract\'s fields', ['documents', 'entities', 'relations', 'diagnostics'].every((k) => Array.isArray(exported[k])));
  const names = Object.fromEntries(formats.map((f) => [f, files[f].name]));
  check('export file names', /^gloss-[a-z0-9-]+\.json$/.test(names.json) && names.jsonld === names.json.replace(/json$/, 'jsonld')
    && names.webannotation === names.json.replace(/json$/, 'annotations.json') && names.conll === names.json.replace(/json$/, 'conll')
    && names['csv-entities'] === names.json.replace(/json$/, 'entities.csv') && names['csv-relations'] === names.json.replace(/json$/, 'relations.csv'),
    JSON.stringify(names));
  const parse = (s) => { try { return JSON.parse(s); } catch { return null; } };
  const nDocs = exported.documents.length;
  const nMentions = exported.documents.reduce((n, d) => n + d.mentions.length, 0);
  const ld = parse(files.jsonld.text);
  check('JSON-LD export: schema.org graph with a NewsArticle per document', ld?.['@context'] === 'https://schema.org'
    && Array.isArray(ld['@graph']) && ld['@graph'].filter((n) => n['@type'] === 'NewsArticle').length === nDocs,
    files.jsonld.text.slice(0, 120));
  const anno = parse(files.webannotation.text);
  check('Web Annotation export: a collection with one annotation per (corrected) mention',
    anno?.['@context'] === 'http://www.w3.org/ns/anno.jsonld' && anno.type === 'AnnotationCollection'
      && anno.total === nMentions && anno.first?.items?.length === nMentions
      && anno.first.items.every((a) => a.type === 'Annotation' && a.target?.selector),
    `${anno?.total} vs ${nMentions}`);
  const conll = files.conll.text.split('\n').filter((l) => l !== '');
  check('CoNLL export: IOB2 token lines, one -DOCSTART- per document',
    conll.filter((l) => l === '-DOCSTART- O').length === nDocs && conll[0] === '-DOCSTART- O'
      && conll.every((l) => /^\S+ (O|[BI]-(PER|ORG|LOC|MISC|DATE))$/.test(l)) && conll.some((l) => / B-/.test(l)),
    conll.slice(0, 4).join(' | '));
  const csvRows = (t) => t.split('\r\n').filter((l) => l !== '');
  const ents = csvRows(files['csv-entities'].text);
  check('CSV of entities: header and a row per entity', ents[0] === 'id,label,name,aliases,roles,mentions'
    && ents.length === exported.entities.length + 1, `${ents[0]} / ${ents.length}`);
  const rels = csvRows(files['csv-relations'].text);
  check('CSV of relations: header and a row per relation', rels[0] === 'source,source_name,type,target,target_name,document,evidence,detail'
    && rels.length === exported.relations.length + 1, `${rels[0]} / ${rels.length}`);
  await page.locator('.edit-bar').screenshot({ path: join(outDir, 'e2e-edit-bar.png') });
  await page.screenshot({ path: join(outDir, 'e2e-restored.png') });

  // Round trip: import that file in a fresh browser profile → the same workspace.
  const fresh = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  fresh.on('pageerror', (e) => errors.push(String(e)));
  await fresh.goto(url);
  await fresh.waitForFunction(() => /Annotated/.test(document.querySelector('#status')?.textContent || ''), null, { timeout: 30000 });
  await fresh.setInputFiles('#import-json', await download.path());
  await fresh.waitForFunction((n) => document.querySelectorAll('.tab').length === n
    && /Annotated/.test(document.querySelector('#status')?.textContent || ''), exported.documents.length, { timeout: 30000 });
  await fresh.locator('.tab', { hasText: 'Jeddah' }).click();
  const importedChips = await fresh.locator('#article .chip[role=button]').count();
  check('imported gloss JSON gives the same workspace', importedChips === nBefore - 1
    && (await fresh.locator('.edit-bar__count').innerText()).includes('1 correction'), `${importedChips} vs ${nBefore - 1}`);
  await fresh.close();

  check('no script from the paste ran', dialogs === 0 && !(await page.evaluate(() => window.__xss)));
  check('no network request left the app', offsite.length === 0, offsite.join(' '));
  check('no errors on the page', errors.length === 0, errors.join(' | '));
} catch (e) {
  check('e2e run completed', false, String(e));
} finally {
  await browser.close();
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
