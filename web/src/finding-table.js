// A redaction's findings as plain objects, read from the engine's FindingTable (one
// array of numbers, every placeholder in one string, each rule name once) instead of
// an Embind object per finding: ~6 us each that way, most of a second for the
// 155,000 findings of a 64 MB log.
//
// Returns what the engine's findings() gives, as plain objects: {rule, category,
// severity, start: {offset, offsetUtf16, line, column}, end: {...}, placeholder}.
// Self-contained (no imports, no outer names): the Chromium benchmark runs its source.
export function readFindings(handle) {
  const table = handle.findingTable();
  try {
    const n = table.size();
    // Copies out of wasm memory first: the calls below may grow it (and a view on a
    // shared memory cannot be decoded).
    const columns = table.columns().slice();
    const placeholders = new TextDecoder('utf-8', { ignoreBOM: true }).decode(table.placeholders().slice());
    const names = (list) => {
      const out = [];
      for (let i = 0; i < list.size(); i++) out.push(list.get(i));
      list.delete();
      return out;
    };
    const rules = names(table.rules());
    const categories = names(table.categories());
    const severities = names(table.severities());
    const out = new Array(n);
    for (let i = 0, c = 0; i < n; i++, c += 13) {
      out[i] = {
        rule: rules[columns[c]],
        category: categories[columns[c + 1]],
        severity: severities[columns[c + 2]],
        start: { offset: columns[c + 3], offsetUtf16: columns[c + 4], line: columns[c + 5], column: columns[c + 6] },
        end: { offset: columns[c + 7], offsetUtf16: columns[c + 8], line: columns[c + 9], column: columns[c + 10] },
        placeholder: placeholders.slice(columns[c + 11], columns[c + 12]),
      };
    }
    return out;
  } finally {
    table.delete();
  }
}
