// A large text's way into and out of the engine's memory, for vault.redactUtf8 and
// Utf8Redaction.redactedView (Embind's own std::string conversion copies byte by byte
// in JavaScript, a third of the time on 5 MB).
//
// In: TextEncoder.encodeInto writes UTF-8 straight into wasm memory: room for ASCII
// first, three bytes per UTF-16 unit when that was not enough. The threaded engine's
// memory is a SharedArrayBuffer, which browsers' encodeInto and decode refuse; there
// the text is encoded a slice at a time into a small plain buffer, kept between calls,
// and copied from it while it is still in the cache (one 64 MB staging buffer cost
// ~13 ms more per 64 MB in Chromium: the bytes went through memory twice).
// Out: TextDecoder reads a view on wasm memory (through a plain staging buffer when
// the memory is shared), keeping a leading byte order mark (by default TextDecoder
// drops one, and the redacted text would lose the input's first character).
//
// Self-contained (no imports, no outer names): the Chromium benchmark runs its source.
export function makeHeapText(engine) {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let staging = null;
  const stage = (n) => {
    if (!staging || staging.length < n) staging = new Uint8Array(n);
    return staging;
  };
  const isShared = (buffer) => typeof SharedArrayBuffer !== 'undefined' && buffer instanceof SharedArrayBuffer;

  // Returns {ptr, length, reader}: the text's UTF-8 in memory from engine._malloc (the
  // caller frees ptr), or null when the engine is out of memory. On shared memory,
  // `watch(ptr, cap)`, when given, returns a reader of the memory that is being
  // written: {arrived(bytes), stop()}; a reader whose memory turns out too small is
  // stopped before that memory is freed, and the one returned is the caller's to stop.
  function write(text, watch) {
    const shared = isShared(engine.HEAPU8.buffer);
    let cap = text.length + 16;
    for (;;) {
      const ptr = engine._malloc(cap);
      if (!ptr) return null;
      if (shared) {
        let reader = null;
        let length = -1;
        try {
          reader = watch ? watch(ptr, cap) : null;
          // HEAPU8 is read after the allocations: memory may have grown.
          length = writeShared(text, engine.HEAPU8, ptr, cap, reader ? reader.arrived : null);
        } finally {
          if (length < 0) {  // too small (or a throw): stop its reader, then free it
            if (reader) reader.stop();
            engine._free(ptr);
          }
        }
        if (length >= 0) return { ptr, length, reader };
      } else {
        const r = encoder.encodeInto(text, engine.HEAPU8.subarray(ptr, ptr + cap));
        if (r.read === text.length) return { ptr, length: r.written, reader: null };
        engine._free(ptr);
      }
      cap = text.length * 3 + 16;
    }
  }

  // UTF-16 units per slice on shared memory: at most 384 KiB of UTF-8, in L2.
  const SLICE = 1 << 17;
  // The text's UTF-8 at heap[ptr...], a slice at a time; its length, or -1 when it
  // needs more than `cap` bytes. `arrived(bytes)`, when given, hears after each slice.
  function writeShared(text, heap, ptr, cap, arrived) {
    const buffer = stage(SLICE * 3).subarray(0, SLICE * 3);
    let at = 0;
    for (let i = 0; i < text.length; ) {
      let j = Math.min(text.length, i + SLICE);
      // Not between the halves of a surrogate pair (each half alone would become U+FFFD).
      if (j < text.length) {
        const c = text.charCodeAt(j - 1);
        if (c >= 0xd800 && c <= 0xdbff) j--;
      }
      const { written } = encoder.encodeInto(j - i === text.length ? text : text.substring(i, j), buffer);
      if (at + written > cap) return -1;
      heap.set(written === buffer.length ? buffer : buffer.subarray(0, written), ptr + at);
      at += written;
      i = j;
      if (arrived) arrived(at);
    }
    return at;
  }

  // Texts from this size (UTF-16 units) go through ArrivingText on the threaded engine.
  const ARRIVING = 1 << 20;
  // Redacts `text` with `vault` (and `redactor`, or null for the built-in pack) and
  // returns the engine's Utf8Redaction handle (the caller reads it, then deletes it),
  // or null when the engine is out of memory. On the threaded engine a large text is
  // handed to an ArrivingText as it is written, so the engine's helper thread reads
  // it (prescan, keyword search) while the rest is still being encoded.
  function redact(vault, redactor, text, onProgress) {
    const ahead = threaded() && typeof engine.ArrivingText === 'function' && text.length >= ARRIVING;
    const input = write(text, ahead ? (ptr, cap) => {
      const arriving = new engine.ArrivingText(redactor, ptr, cap);
      return {
        arrived: (bytes) => arriving.arrived(bytes),
        redact: (length) => arriving.redactUtf8(vault, length, onProgress),
        stop: () => arriving.delete(),
      };
    } : null);
    if (!input) return null;
    try {
      return input.reader ? input.reader.redact(input.length) : vault.redactUtf8(redactor, input.ptr, input.length, onProgress);
    } finally {
      if (input.reader) input.reader.stop();  // before the memory it reads is freed
      engine._free(input.ptr);
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

  return { write, read, redact, threaded };
}
