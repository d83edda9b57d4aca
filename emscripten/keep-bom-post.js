// Every WebAssembly build. Emscripten 3.1.6 turns the module's std::string results
// into JavaScript strings with `new TextDecoder('utf8')`, which drops a leading byte
// order mark: restore() of a text that began with U+FEFF would come back one
// character short. `UTF8Decoder` is a declaration of the generated loader that this
// post-js shares a scope with. Browsers' decode() refuses views on shared memory
// (the threaded build's), which are copied first, as the loader's own wrapper does.
if (typeof TextDecoder != 'undefined') {
  UTF8Decoder = (function () {
    var decoder = new TextDecoder('utf8', { ignoreBOM: true });
    return {
      decode: function (data) {
        if (typeof SharedArrayBuffer != 'undefined' && data.buffer instanceof SharedArrayBuffer) data = new Uint8Array(data);
        return decoder.decode(data);
      },
    };
  })();
}
