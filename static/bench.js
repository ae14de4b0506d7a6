// The benchmark page (static/bench.html): gloss's shipped pipeline and compromise on the same
// text, in this tab's main thread. Results are shown in a table and left in
// `window.glossBench` for tools/bench.mjs. Classic script: the page runs under the app's CSP.
'use strict';
(() => {
  const $ = (id) => document.getElementById(id);
  const setStatus = (s) => { $('bench-status').textContent = s; };
  // One token count for both libraries: runs of non-space characters.
  const words = (s) => (s.match(/\S+/g) || []).length;
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const tick = () => new Promise((r) => setTimeout(r, 0));

  // Time `fn` at least `minRuns` times and for at least `minMs`; median ms per run.
  async function timeRuns(fn, minRuns, minMs) {
    const times = [];
    let out;
    const start = performance.now();
    while (times.length < minRuns || performance.now() - start < minMs) {
      const t0 = performance.now();
      out = fn();
      times.push(performance.now() - t0);
      await tick(); // let the status line paint between runs
    }
    return { ms: median(times), runs: times.length, out };
  }

  let engine = null;
  async function loadGloss() {
    if (engine) return engine;
    const init = self.glossWorkerBundle;
    if (typeof init !== 'function') throw new Error('the gloss worker bundle did not load');
    await init({ module_or_path: './gloss-worker_bg.wasm' });
    engine = init;
    return engine;
  }

  // `copies` articles of the same text, annotated as one workspace (entities shared).
  function glossRun(text, copies = 1) {
    const articles = Array.from({ length: copies }, (_, i) => ({ source: `bench ${i + 1}`, input: text }));
    return JSON.parse(engine.annotateJson(JSON.stringify(articles)));
  }

  function glossCounts(contract) {
    const doc = contract.documents[0] || { mentions: [] };
    const names = doc.mentions.filter((m) => m.label !== 'DATE').length;
    return { names, dates: doc.mentions.length - names, entities: contract.entities.length };
  }

  function compromiseRun(text) {
    const doc = self.nlp(text);
    return {
      people: doc.people().length,
      places: doc.places().length,
      organizations: doc.organizations().length,
    };
  }

  const rows = [];
  function row(what, figure) {
    rows.push([what, figure]);
    const tr = document.createElement('tr');
    for (const cell of [what, figure]) {
      const td = document.createElement('td');
      td.textContent = cell;
      tr.append(td);
    }
    $('bench-rows').append(tr);
  }
  const fmt = (n) => Math.round(n).toLocaleString('en-US');

  async function run() {
    const text = $('bench-input').value;
    if (!text.trim()) { setStatus('Nothing to run: paste some text first.'); return; }
    $('bench-rows').replaceChildren();
    rows.length = 0;
    $('bench-run').disabled = true;
    const result = { tokens: words(text), bytes: new TextEncoder().encode(text).length };
    try {
      row('text', `${fmt(result.bytes)} bytes, ${fmt(result.tokens)} whitespace tokens`);
      setStatus('gloss: loading the worker bundle…');
      await loadGloss();
      // Warm-up: the browser compiles wasm with a baseline tier first and swaps in optimised
      // code for hot functions a little later (later still on a busy machine).
      setStatus('gloss: warming up…');
      await timeRuns(() => glossRun(text), 3, 3000);
      setStatus('gloss: timing…');
      const g = await timeRuns(() => glossRun(text), 5, 3000);
      result.gloss = { ms: g.ms, runs: g.runs, tokensPerS: result.tokens / (g.ms / 1000), ...glossCounts(g.out) };
      row('gloss full pipeline', `${fmt(result.gloss.tokensPerS)} tokens/s (median of ${g.runs} runs, ${g.ms.toFixed(1)} ms)`);
      row('gloss found', `${fmt(result.gloss.names)} name mentions (+${fmt(result.gloss.dates)} dates), ${fmt(result.gloss.entities)} entities`);

      // Scaling: k copies of the text as one workspace of k articles (pasted into one
      // document, the repeats would be set aside as page furniture by ingest).
      result.scaling = [];
      for (const k of [1, 4, 16]) {
        setStatus(`gloss: scaling ${k}×…`);
        const s = k === 1 ? g : await timeRuns(() => glossRun(text, k), k === 16 ? 2 : 3, 0);
        result.scaling.push({ k, ms: s.ms, ratio: s.ms / g.ms / k });
      }
      row('gloss scaling (time per copy, vs 1×)', result.scaling.map((s) => `${s.k}×: ${s.ratio.toFixed(2)}`).join(', '));

      if (typeof self.nlp === 'function') {
        setStatus('compromise: warming up…');
        await timeRuns(() => compromiseRun(text), 2, 3000);
        setStatus('compromise: timing…');
        const c = await timeRuns(() => compromiseRun(text), 2, 0);
        result.compromise = { version: self.nlp.version, ms: c.ms, runs: c.runs, tokensPerS: result.tokens / (c.ms / 1000), ...c.out };
        row(`compromise ${self.nlp.version}: nlp() + people/places/organizations`, `${fmt(result.compromise.tokensPerS)} tokens/s (median of ${c.runs} runs, ${c.ms.toFixed(1)} ms)`);
        row('compromise found', `${fmt(c.out.people)} people, ${fmt(c.out.places)} places, ${fmt(c.out.organizations)} organizations`);
        result.ratio = result.gloss.tokensPerS / result.compromise.tokensPerS;
        row('gloss/compromise speed ratio', result.ratio.toFixed(1));
      } else {
        row('compromise', 'not loaded (./x bench serves it from tools/node_modules)');
      }
      setStatus('Done.');
    } catch (e) {
      result.error = String(e && e.message || e);
      setStatus(`Failed: ${result.error}`);
    }
    $('bench-run').disabled = false;
    self.glossBench = result;
  }

  async function start() {
    $('bench-run').addEventListener('click', run);
    const res = await fetch('./bench-text.txt').catch(() => null);
    if (res && res.ok) $('bench-input').value = await res.text();
    setStatus('Ready.');
    if (new URLSearchParams(location.search).has('run')) run();
  }
  start();
})();
