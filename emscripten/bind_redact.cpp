// Bindings only: redact.hpp as JS. No logic here.
//
//   const vault = new Module.Vault();
//   const r = vault.redact(text);            // built-in pack, default options
//   r.findings.get(0).placeholder; r.findings.delete();
//   vault.restore(answer);
//   const rules = Module.loadRules(tomlText, 'extra.toml');   // gitleaks format
//   const redactor = new Module.Redactor({placeholderStyle: Module.PlaceholderStyle.FORMAT_PRESERVING,
//       builtinRules: true, disabledCategories: new Module.VectorString(), onlyRules: new Module.VectorString(),
//       maxMem: 32 << 20}, rules);         // or new Module.Redactor() for the defaults
//   vault.redactWith(redactor, text);
//   vault.redactWithProgress(redactor or null, text, (doneBytes, totalBytes) => {...});
//   const h = vault.redactUtf8(redactor or null, ptr, byteLength, onProgress);  // text from _malloc
//   new TextDecoder('utf-8', { ignoreBOM: true }).decode(h.redactedView()); h.error(); h.findings(); h.delete();
//   const a = new Module.ArrivingText(redactor or null, ptr, capacity);  // written a slice at a time
//   a.arrived(bytesSoFar); ...; const h2 = a.redactUtf8(vault, byteLength, onProgress); a.delete();
//   const t = h.findingTable();  // the findings as columns (web/src/finding-table.js reads them)
//   t.size(); t.columns(); t.placeholders(); t.rules(); t.categories(); t.severities(); t.delete();
//   const o = Module.defaultRedactOptions();   // the defaults, to change a field or two
//   o.placeholderStyle = Module.PlaceholderStyle.LABELLED; o.disabledCategories.push_back('generic');
//   const r2 = new Module.Redactor(o); o.disabledCategories.delete(); o.onlyRules.delete();
//   const cats = Module.builtinRuleCategories();   // [{name: 'aws-identifier', rules: 3}, ...]
//   cats.delete();
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cstdint>

#include "stackengine/redact.hpp"

using namespace emscripten;
using namespace stackengine;

namespace {
RedactResult redact_with_builtin(Vault& vault, const std::string& text) { return redact(text, vault); }
RedactResult redact_with(Vault& vault, const Redactor& redactor, const std::string& text) {
  return redactor.redact(text, vault);
}
RedactResult redact_with_path(Vault& vault, const Redactor& redactor, const std::string& text,
                              const std::string& path) {
  return redactor.redact(text, vault, path);
}
// A JS callback as RedactProgress: on_progress(done, total) gets byte counts.
RedactProgress progress_to(const emscripten::val& on_progress) {
  return [&on_progress](std::size_t done, std::size_t total) {
    on_progress(static_cast<double>(done), static_cast<double>(total));
  };
}
// `redactor` may be null (the built-in pack).
RedactResult redact_with_progress(Vault& vault, const Redactor* redactor, const std::string& text,
                                  emscripten::val on_progress) {
  const Redactor& r = redactor ? *redactor : builtin_redactor();
  return r.redact(text, vault, {}, progress_to(on_progress));
}
// Large texts without Embind's per-byte string copies: JS encodes the text with
// TextEncoder into memory from Module._malloc, and decodes the redacted text from a
// view on wasm memory with TextDecoder (redactedView(), valid until the next call
// into the module).
struct Utf8Redaction {
  RedactResult result;
};
Utf8Redaction* redact_utf8(Vault& vault, const Redactor* redactor, std::uintptr_t text, std::size_t length,
                           emscripten::val on_progress) {
  const std::string_view in(reinterpret_cast<const char*>(text), length);
  const Redactor& r = redactor ? *redactor : builtin_redactor();
  return new Utf8Redaction{r.redact(in, vault, {}, progress_to(on_progress), FindingsAs::kTable)};
}
// A text written a slice at a time (heap-text.js): new Module.ArrivingText(redactor or
// null, ptr, capacity); arrived(bytes) after each slice; redactUtf8(vault, length,
// onProgress) at the end, then delete().
ArrivingText* make_arriving(const Redactor* redactor, std::uintptr_t data, std::size_t capacity) {
  return new ArrivingText(redactor ? *redactor : builtin_redactor(), reinterpret_cast<const char*>(data), capacity);
}
Utf8Redaction* arriving_redact(ArrivingText& a, Vault& vault, std::size_t length, emscripten::val on_progress) {
  return new Utf8Redaction{a.redact(length, vault, {}, progress_to(on_progress), FindingsAs::kTable)};
}
emscripten::val utf8_redacted_view(const Utf8Redaction& r) {
  return emscripten::val(emscripten::typed_memory_view(
      r.result.redacted.size(), reinterpret_cast<const unsigned char*>(r.result.redacted.data())));
}
TextError utf8_error(const Utf8Redaction& r) { return r.result.error; }
// The findings come as a table (FindingsAs::kTable); findings() makes the objects.
std::vector<RedactFinding> utf8_findings(const Utf8Redaction& r) { return table_findings(r.result.table); }
FindingTable* utf8_finding_table(const Utf8Redaction& r) { return new FindingTable(r.result.table); }
std::size_t table_size(const FindingTable& t) { return t.size(); }
// Views on wasm memory, valid until the next call into the module: copy them first.
emscripten::val table_columns(const FindingTable& t) {
  return emscripten::val(emscripten::typed_memory_view(t.columns.size(), t.columns.data()));
}
emscripten::val table_placeholders(const FindingTable& t) {
  return emscripten::val(emscripten::typed_memory_view(
      t.placeholders.size(), reinterpret_cast<const unsigned char*>(t.placeholders.data())));
}
std::vector<std::string> table_rules(const FindingTable& t) { return t.rules; }
std::vector<std::string> table_categories(const FindingTable& t) { return t.categories; }
std::vector<std::string> table_severities(const FindingTable& t) { return t.severities; }
std::string restore_with(const Vault& vault, const std::string& text) { return restore(text, vault); }
std::size_t vault_size(const Vault& vault) { return vault.size(); }
std::string vault_export(const Vault& vault) { return vault.to_json(); }
VaultImport vault_import(const std::string& json) { return Vault::from_json(json); }
Vault import_vault(const VaultImport& i) { return i.vault; }
TextError import_error(const VaultImport& i) { return i.error; }
RuleSet load(const std::string& toml, const std::string& name) { return load_rules(toml, name); }
std::vector<RuleError> rule_set_errors(const RuleSet& s) { return s.errors; }
std::size_t rule_set_size(const RuleSet& s) { return s.rules.size(); }
Redactor* make_default() { return new Redactor(); }
Redactor* make_with_options(const RedactOptions& o) { return new Redactor(o); }
Redactor* make_with_rules(const RedactOptions& o, const RuleSet& extra) { return new Redactor(o, {extra}); }
std::vector<RuleError> redactor_errors(const Redactor& r) { return r.errors(); }
std::size_t redactor_rule_count(const Redactor& r) { return r.rules().size(); }
RedactOptions default_options() { return {}; }
std::vector<RuleCategory> builtin_categories() { return rule_categories(builtin_rules().rules); }
}  // namespace

EMSCRIPTEN_BINDINGS(stackengine_redact) {
  value_object<RedactFinding>("RedactFinding")
      .field("rule", &RedactFinding::rule)
      .field("category", &RedactFinding::category)
      .field("severity", &RedactFinding::severity)
      .field("start", &RedactFinding::start)
      .field("end", &RedactFinding::end)
      .field("placeholder", &RedactFinding::placeholder);
  register_vector<RedactFinding>("VectorRedactFinding");
  value_object<RedactResult>("RedactResult")
      .field("error", &RedactResult::error)
      .field("redacted", &RedactResult::redacted)
      .field("findings", &RedactResult::findings);

  enum_<PlaceholderStyle>("PlaceholderStyle")
      .value("FORMAT_PRESERVING", PlaceholderStyle::kFormatPreserving)
      .value("LABELLED", PlaceholderStyle::kLabelled);
  value_object<RedactOptions>("RedactOptions")
      .field("placeholderStyle", &RedactOptions::placeholder_style)
      .field("builtinRules", &RedactOptions::builtin_rules)
      .field("disabledCategories", &RedactOptions::disabled_categories)
      .field("onlyRules", &RedactOptions::only_rules)
      .field("maxMem", &RedactOptions::max_mem);
  value_object<RuleError>("RuleError")
      .field("source", &RuleError::source)
      .field("rule", &RuleError::rule)
      .field("code", &RuleError::code)
      .field("message", &RuleError::message)
      .field("location", &RuleError::location);
  register_vector<RuleError>("VectorRuleError");
  value_object<RuleCategory>("RuleCategory").field("name", &RuleCategory::name).field("rules", &RuleCategory::rules);
  register_vector<RuleCategory>("VectorRuleCategory");
  function("defaultRedactOptions", &default_options);
  function("builtinRuleCategories", &builtin_categories);

  class_<RuleSet>("RuleSet").function("errors", &rule_set_errors).function("size", &rule_set_size);
  function("loadRules", &load);

  class_<Redactor>("Redactor")
      .constructor(&make_default, allow_raw_pointers())
      .constructor(&make_with_options, allow_raw_pointers())
      .constructor(&make_with_rules, allow_raw_pointers())
      .function("errors", &redactor_errors)
      .function("ruleCount", &redactor_rule_count);

  class_<FindingTable>("FindingTable")
      .function("size", &table_size)
      .function("columns", &table_columns)
      .function("placeholders", &table_placeholders)
      .function("rules", &table_rules)
      .function("categories", &table_categories)
      .function("severities", &table_severities);
  class_<Utf8Redaction>("Utf8Redaction")
      .function("redactedView", &utf8_redacted_view)
      .function("error", &utf8_error)
      .function("findings", &utf8_findings)
      .function("findingTable", &utf8_finding_table, allow_raw_pointers());
  class_<ArrivingText>("ArrivingText")
      .constructor(&make_arriving, allow_raw_pointers())
      .function("arrived", &ArrivingText::arrived)
      .function("readAhead", &ArrivingText::read_ahead)
      .function("redactUtf8", &arriving_redact, allow_raw_pointers());
  class_<VaultImport>("VaultImport").function("vault", &import_vault).function("error", &import_error);
  class_<Vault>("Vault")
      .constructor<>()
      .function("redact", &redact_with_builtin)
      .function("redactWith", &redact_with)
      .function("redactWithPath", &redact_with_path)
      .function("redactWithProgress", &redact_with_progress, allow_raw_pointers())
      .function("redactUtf8", &redact_utf8, allow_raw_pointers())
      .function("restore", &restore_with)
      .function("size", &vault_size)
      .function("exportJSON", &vault_export)
      .class_function("importJSON", &vault_import);
}
