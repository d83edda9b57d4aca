// The timed part of the WebAssembly benchmarks, shared by Node and Chromium (the
// function is self-contained: Chromium receives its source text). Best of `repeat`
// whole redactions with a fresh Vault each, including the string copies in and out
// of wasm memory, which a user of the module pays too.
export async function timeRedaction(se, text, repeat) {
  let best = Infinity;
  let first = 0;
  let spans = null;
  for (let i = 0; i < repeat; i++) {
    const vault = new se.Vault();
    const t0 = performance.now();
    const r = vault.redact(text);
    const seconds = (performance.now() - t0) / 1000;
    if (i === 0) first = seconds;
    best = Math.min(best, seconds);
    if (r.error.code) throw new Error(`redact refused the corpus: ${r.error.code}`);
    if (spans === null) {
      const n = r.findings.size();
      spans = new Array(n);
      for (let j = 0; j < n; j++) {
        const f = r.findings.get(j);
        spans[j] = [f.start.offset, f.end.offset];
      }
    }
    r.findings.delete();
    vault.delete();
  }
  const wasmBytes = se.HEAP8 ? se.HEAP8.buffer.byteLength : 0;
  return { best, first, spans, wasmBytes };
}
