// SINGLE_FILE build only. Emscripten 3.1.6 first tries fetch('data:...') for the
// embedded wasm, which a `connect-src 'none'` CSP reports as a violation before the
// loader falls back. Instantiate from the embedded bytes ourselves instead.
// `wasmBinaryFile` and `tryParseAsDataURI` are hoisted declarations of the
// generated loader that this pre-js shares a scope with.
if (!Module['instantiateWasm'] && !Module['wasmBinary']) {
  Module['instantiateWasm'] = function (imports, receiveInstance) {
    var bytes = tryParseAsDataURI(wasmBinaryFile);
    WebAssembly.instantiate(bytes, imports).then(
      function (output) { receiveInstance(output['instance'], output['module']); },
      function (error) {
        if (Module['onAbort']) Module['onAbort'](error);
        else throw error;
      });
    return {};
  };
}
