// A large text's way into and out of the engine's memory, for vault.redactUtf8 and
// Utf8Redaction.redactedView (Embind's own std::string conversion copies byte by byte
// in JavaScript, a third of the time on 5 MB).
//
// In: TextEncoder.encodeInto writes UTF-8 straight into wasm memory: room for ASCII
// first, three bytes per UTF-16 unit when that was not enough. Out: TextDecoder reads a
// view on wasm memory. The threaded engine's memory is a SharedArrayBuffer, which
// browsers' encodeInto and decode refuse; there the bytes go through a plain staging
// buffer, kept between calls (one more copy each way, a few ms per 64 MB).
//
// Self-contained (no imports, no outer names): the Chromium benchmark runs its source.
export function makeHeapText(engine) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  let staging = null;
  const stage = (n) => {
    if (!staging || staging.length < n) staging = new Uint8Array(n);
    return staging;
  };
  const isShared = (buffer) => typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer;

  // Returns {ptr, length}: the text's UTF-8 in memory from engine._malloc (the caller
  // frees ptr), or null when the engine is out of memory.
  function write(text) {
    const shared = isShared(engine.HEAPU8.buffer);
    let cap = text.length + 16;
    for (;;) {
      const ptr = engine._malloc(cap);
      if (!ptr) return null;
      // HEAPU8 is read after each _malloc: memory may have grown.
      const target = shared ? stage(cap).subarray(0, cap) : engine.HEAPU8.subarray(ptr, ptr + cap);
      const r = encoder.encodeInto(text, target);
      if (r.read === text.length) {
        if (shared) engine.HEAPU8.set(target.subarray(0, r.written), ptr);
        return { ptr, length: r.written };
      }
      engine._free(ptr);
      cap = text.length * 3 + 16;
    }
  }

  // A view on wasm memory (valid until the next call into the engine) as a string.
  function read(view) {
    if (!isShared(view.buffer)) return decoder.decode(view);
    const copy = stage(view.length).subarray(0, view.length);
    copy.set(view);
    return decoder.decode(copy);
  }

  // Whether the engine runs on shared memory (the threaded build).
  const threaded = () => isShared(engine.HEAPU8.buffer);

  return { write, read, threaded };
}
