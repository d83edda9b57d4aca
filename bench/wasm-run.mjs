// The timed part of the WebAssembly benchmarks, shared by Node and Chromium (the
// function is self-contained but for makeHeapText, web/src/heap-text.js, and
// readFindings, web/src/finding-table.js: Chromium receives all three as source
// text). Best of `repeat` whole redactions with a fresh Vault each, including the
// text's way in and out of wasm memory, which a user of the module pays too. The
// findings' way out into JavaScript objects (what the page does next) is timed on its
// own: `findingsBest`.
export async function timeRedaction(se, text, repeat, makeHeapText, readFindings) {
  let best = Infinity;
  let first = 0;
  let findingsBest = Infinity;
  let spans = null;
  // As the page's worker does it (web/src/heap-text.js): UTF-8 in through
  // TextEncoder.encodeInto, the redacted text out through TextDecoder, both timed like
  // the call itself; on the threaded module's shared memory the text goes in a slice at
  // a time through a small plain buffer (the engine's helper thread reading it as it
  // arrives) and comes out through one copy.
  const heapText = makeHeapText(se);
  for (let i = 0; i < repeat; i++) {
    const vault = new se.Vault();
    const t0 = performance.now();
    const h = heapText.redact(vault, null, text, () => {});
    if (!h) throw new Error('the module is out of memory');
    const redacted = heapText.read(h.redactedView());
    const seconds = (performance.now() - t0) / 1000;
    if (i === 0) first = seconds;
    best = Math.min(best, seconds);
    const error = h.error();
    if (error.code) throw new Error(`redact refused the corpus: ${error.code}`);
    if (!redacted.length) throw new Error('empty redaction');
    const t1 = performance.now();
    const findings = readFindings(h);
    findingsBest = Math.min(findingsBest, (performance.now() - t1) / 1000);
    if (spans === null) spans = findings.map((f) => [f.start.offset, f.end.offset]);
    h.delete();
    vault.delete();
  }
  const wasmBytes = se.HEAP8 ? se.HEAP8.buffer.byteLength : 0;
  return { best, first, spans, wasmBytes, findingsBest };
}
