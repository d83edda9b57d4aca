// The timed part of the WebAssembly benchmarks, shared by Node and Chromium (the
// function is self-contained: Chromium receives its source text). Best of `repeat`
// whole redactions with a fresh Vault each, including the text's way in and out of
// wasm memory, which a user of the module pays too.
export async function timeRedaction(se, text, repeat) {
  let best = Infinity;
  let first = 0;
  let spans = null;
  for (let i = 0; i < repeat; i++) {
    const vault = new se.Vault();
    const t0 = performance.now();
    // As the page's worker does it: UTF-8 in through TextEncoder.encodeInto,
    // the redacted text out through TextDecoder (timed, like the call itself).
    // encodeInto writes the UTF-8 straight into wasm memory: room for ASCII first,
    // three bytes per UTF-16 unit when that was not enough.
    const encoder = new TextEncoder();
    let cap = text.length + 16;
    let ptr = se._malloc(cap);
    let r = encoder.encodeInto(text, se.HEAPU8.subarray(ptr, ptr + cap));
    if (r.read < text.length) {
      se._free(ptr);
      cap = text.length * 3 + 16;
      ptr = se._malloc(cap);
      r = encoder.encodeInto(text, se.HEAPU8.subarray(ptr, ptr + cap));
    }
    const h = vault.redactUtf8(null, ptr, r.written, () => {});
    se._free(ptr);
    const redacted = new TextDecoder().decode(h.redactedView());
    const seconds = (performance.now() - t0) / 1000;
    if (i === 0) first = seconds;
    best = Math.min(best, seconds);
    const error = h.error();
    if (error.code) throw new Error(`redact refused the corpus: ${error.code}`);
    if (!redacted.length) throw new Error('empty redaction');
    const findings = h.findings();
    if (spans === null) {
      const n = findings.size();
      spans = new Array(n);
      for (let j = 0; j < n; j++) {
        const f = findings.get(j);
        spans[j] = [f.start.offset, f.end.offset];
      }
    }
    findings.delete();
    h.delete();
    vault.delete();
  }
  const wasmBytes = se.HEAP8 ? se.HEAP8.buffer.byteLength : 0;
  return { best, first, spans, wasmBytes };
}
