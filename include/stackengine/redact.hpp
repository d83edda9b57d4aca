// stackengine/redact.hpp — replace AWS identifiers and secrets with placeholders,
// and put them back.
//
// Quick use (built-in rule pack, default options):
//
//   stackengine::Vault vault;                       // lives in memory only
//   stackengine::RedactResult r = stackengine::redact(text, vault);
//   if (!r.ok()) return r.error;                    // error value with a location
//   share(r.redacted);                              // safe to paste anywhere
//   std::string back = stackengine::restore(answer, vault);   // == text when unedited
//
// With options and a user's gitleaks config (rules are data; see
// src/redact/rules/README.md for the TOML schema):
//
//   stackengine::RuleSet extra = stackengine::load_rules(toml_text, "extra.toml");
//   for (const auto& e : extra.errors)               // per-rule, the rest still load
//     std::cerr << e.source << ":" << e.location.line << ": " << e.message << "\n";
//   stackengine::RedactOptions options;
//   options.disabled_categories = {"generic"};
//   options.placeholder_style = stackengine::PlaceholderStyle::kLabelled;
//   stackengine::Redactor redactor(options, {extra});   // compile once, reuse
//   stackengine::RedactResult r = redactor.redact(text, vault);
//
// Placeholders are consistent: the same value gets the same placeholder for as long
// as the vault lives, so text redacted in several pieces stays consistent, and
// restore() also works on edited text (for example a model's answer that reuses the
// placeholders). Identifiers keep their shape (an account id becomes another 12-digit
// id that is not in the input, an ARN stays an ARN, an access key id keeps its
// prefix); secrets become labelled tokens such as {{AWS_SECRET_ACCESS_KEY_1}}.
//
// Values never appear in findings, errors or logs; they leave the vault only
// through restore() and through to_json() when the caller asks for an export.
// Nothing here throws or aborts on bad input: every error is a value.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "stackengine/text.hpp"

namespace stackengine {

// ---------------------------------------------------------------------------
// Rules

// A rule's or the global allowlist. A finding is dropped when the allowlist
// applies: with condition OR (the default) when any listed criterion holds, with
// AND when every listed criterion holds.
struct RuleAllowlist {
  std::vector<std::string> regexes;     // RE2, searched in `regex_target`
  std::string regex_target = "secret";  // "secret" | "match" | "line"
  std::vector<std::string> stopwords;   // the secret contains one (case-insensitive)
  std::vector<std::string> paths;       // RE2, searched in the caller's path
  bool require_all = false;             // condition = "AND"
};

// One detection rule: our TOML schema, a superset of gitleaks' config format.
struct RedactRule {
  std::string id;
  std::string description;
  std::string category = "secret";
  std::string severity = "high";  // low | medium | high | critical
  std::string regex;              // RE2; empty for path-only rules
  int secret_group = 0;           // 0: first non-empty group, else the whole match
  std::vector<std::string> keywords;  // lowercase
  double entropy = 0;             // the secret's Shannon entropy must exceed this
  std::string placeholder;        // label of {{LABEL_n}}
  std::string format;             // "account-id" | "arn" | "access-key-id" | "yaml-values" |
                                  // "json-values" | ""
  std::string path;               // RE2 over the caller's path; rule skipped without one
  bool multiline = false;         // may span lines; runs over the whole text
  bool starts_with_keyword = false;  // every match begins with one of `keywords`: the regex
                                     // is tried anchored at each keyword occurrence only
  std::string matcher;            // a built-in hand-written matcher equal to `regex` (e.g.
                                  // "arn"); only with starts_with_keyword
  std::string prefilter;          // a built-in check that rules a try out before the regex
                                  // runs (e.g. "account-id"); only with starts_with_keyword
  std::vector<RuleAllowlist> allowlists;
  std::vector<std::string> tps;   // examples that must be found by this rule
  std::vector<std::string> fps;   // examples that must not be
  std::string source;             // file the rule came from
};

struct RuleError {
  std::string source;       // file name given to load_rules
  std::string rule;         // rule id, or "" for a file-level error
  std::string code;         // RULES_TOML_SYNTAX, RULE_FIELD, RULE_REGEX, RULE_DUPLICATE_ID
  std::string message;      // a sentence; names the rule and the field
  SourceLocation location;  // line and column in the TOML file
};

struct RuleSet {
  std::vector<RedactRule> rules;        // only the rules that loaded
  std::vector<RuleAllowlist> allowlists;  // global ([allowlist], [[allowlists]])
  std::vector<RuleError> errors;        // one per rule or field that did not load
  bool ok() const { return errors.empty(); }
};

// Parses a TOML document in our schema or gitleaks' (they are the same loader).
// Regexes are compiled here, so a Go-only construct (lookaround, backreference)
// gives a RULE_REGEX error for that rule while the other rules still load.
RuleSet load_rules(std::string_view toml, std::string_view source_name);

// The pack compiled into the binary: every src/redact/rules/*.toml, parsed once.
const RuleSet& builtin_rules();

// A category and how many rules carry it: what RedactOptions::disabled_categories
// switches off, e.g. {"aws-identifier", 3}.
struct RuleCategory {
  std::string name;
  std::size_t rules = 0;
};

// The distinct categories of `rules`, sorted by name (empty only when out of memory).
//
//   for (const auto& c : stackengine::rule_categories(stackengine::builtin_rules().rules))
//     std::cout << c.name << " (" << c.rules << " rules)\n";
std::vector<RuleCategory> rule_categories(const std::vector<RedactRule>& rules);

// ---------------------------------------------------------------------------
// Options, findings, results

enum class PlaceholderStyle {
  kFormatPreserving,  // identifiers keep their shape; secrets get {{LABEL_n}}
  kLabelled,          // everything gets {{LABEL_n}}
};

struct RedactOptions {
  PlaceholderStyle placeholder_style = PlaceholderStyle::kFormatPreserving;
  bool builtin_rules = true;                     // include the built-in pack
  std::vector<std::string> disabled_categories;  // e.g. {"generic"}
  std::vector<std::string> only_rules;           // non-empty: only these rule ids
  std::size_t max_mem = 32u << 20;  // RE2 memory budget (DFA); below ~8 MiB it thrashes
};

struct RedactFinding {
  std::string rule;      // e.g. "aws-account-id"
  std::string category;  // e.g. "aws-identifier"
  std::string severity;  // "low" | "medium" | "high" | "critical"
  SourceLocation start;  // of the replaced value in the input
  SourceLocation end;
  std::string placeholder;  // what replaced it; never the value itself
};

// The findings as columns, for hosts that pay per value that crosses into them
// (JavaScript through Embind: an object per finding cost ~6 us, most of a second for
// the 155,000 findings of a 64 MB log). Per finding, kColumns numbers in `columns`:
// rule, category, severity (indices into the three name lists), start offset,
// offset_utf16, line, column, the same four for the end, then where the placeholder
// is in `placeholders` (the placeholders back to back, each at least once), as UTF-16
// units [from, to).
struct FindingTable {
  static constexpr std::size_t kColumns = 13;
  std::size_t size() const { return columns.size() / kColumns; }
  std::vector<std::string> rules, categories, severities;  // each name once
  std::vector<std::uint32_t> columns;
  std::string placeholders;
};

// How a redaction hands back its findings: as RedactFinding objects, or only as a
// FindingTable (for hosts that would turn the objects into a table anyway). The
// WebAssembly builds then never make the four strings per finding; native builds
// make the objects and convert them.
enum class FindingsAs { kObjects, kTable };

struct RedactResult {
  TextError error;  // set when the input was refused (binary, invalid UTF-8, too large)
  std::string redacted;
  std::vector<RedactFinding> findings;  // sorted by start, non-overlapping (FindingsAs::kObjects)
  FindingTable table;                   // the same findings, with FindingsAs::kTable
  bool ok() const { return error.code.empty(); }
};

// The table of `findings`, and the findings of a table (every placeholder its own copy).
FindingTable finding_table(const std::vector<RedactFinding>& findings);
std::vector<RedactFinding> table_findings(const FindingTable& table);

// Progress of one redaction: bytes of the input done so far, of `total`.
using RedactProgress = std::function<void(std::size_t done, std::size_t total)>;

// A raw detection before overlap resolution (scan()): which rule saw a secret where.
struct Detection {
  std::size_t rule_index = 0;  // into Redactor::rules()
  std::size_t start = 0;       // byte offsets of the secret
  std::size_t end = 0;
};

// ---------------------------------------------------------------------------
// Vault

class Vault;
struct VaultImport;

// Placeholder <-> original value, both directions.
class Vault {
 public:
  Vault();
  ~Vault();
  Vault(const Vault&);
  Vault& operator=(const Vault&);
  Vault(Vault&&) noexcept;
  Vault& operator=(Vault&&) noexcept;

  std::size_t size() const { return placeholders_; }
  bool knows_placeholder(std::string_view p) const;
  // The existing placeholder for (kind, value), or nullptr.
  const std::string* find(std::string_view kind, std::string_view value) const;
  // Records a new pair; returns the stored placeholder. `p` must be new.
  const std::string& add(std::string_view kind, std::string_view value, std::string p);
  // How many placeholders of `kind` exist (the next label number is this + 1).
  std::size_t count(std::string_view kind) const;

  // {"version":1,"entries":[{"kind","value","placeholder"}]}. Contains the values:
  // only for callers that asked for an export (CLI --vault-out).
  std::string to_json() const;
  static VaultImport from_json(std::string_view json);

 private:
  friend std::string restore(std::string_view text, const Vault& vault);
  // Redaction asks the vault once or twice per finding, so it is built for that:
  // values live back to back in one string (offsets, not views, so the string may
  // grow), a kind is interned once as a small number, and the lookups are
  // open-addressing tables of (hash, entry) pairs: no allocation per lookup and
  // none per entry beyond its placeholder.
  struct Entry {
    std::uint32_t kind = 0;  // into kinds_
    std::uint32_t value_size = 0;
    std::size_t value_at = 0;  // into bytes_
    std::string placeholder;   // find() and add() hand out references to it
  };
  struct Slot {
    std::uint64_t hash = 0;
    std::uint32_t entry = 0;  // index + 1; 0 is an empty slot
  };
  std::string_view value_of(const Entry& e) const { return std::string_view(bytes_).substr(e.value_at, e.value_size); }
  bool find_kind(std::string_view kind, std::uint32_t& id) const;
  std::uint32_t intern_kind(std::string_view kind);

  std::string bytes_;      // every value, back to back
  std::deque<Entry> log_;  // insertion order, for export; a deque, so entries never move
  std::vector<std::string> kinds_;
  std::vector<std::size_t> counters_;  // per kind: how many placeholders it has
  std::vector<Slot> kind_slots_;       // kind -> kinds_ index (entry field)
  std::vector<Slot> by_value_;         // (kind, value) -> entry
  std::vector<Slot> by_placeholder_;   // placeholder -> entry
  std::size_t placeholders_ = 0;       // distinct placeholders
  struct RestoreIndex;
  mutable std::shared_ptr<RestoreIndex> restore_index_;  // rebuilt when size() changes
};

struct VaultImport {
  Vault vault;
  TextError error;  // VAULT_JSON with a location when the file is not a vault
  bool ok() const { return error.code.empty(); }
};

// ---------------------------------------------------------------------------
// The engine

// Compiled rules: keyword automaton, one RE2::Set for single-line rules, one RE2
// per rule. Build once, reuse for many texts; const methods are safe to share.
namespace detail {
struct Arrived;
}

class Redactor {
 public:
  explicit Redactor(RedactOptions options = {}, std::vector<RuleSet> extra = {});
  ~Redactor();
  Redactor(Redactor&&) noexcept;
  Redactor& operator=(Redactor&&) noexcept;

  // Rules that failed to compile in this engine (load errors stay in each RuleSet).
  const std::vector<RuleError>& errors() const;
  const std::vector<RedactRule>& rules() const;

  // `progress`, when given, is called every 256 KiB of input scanned and once at the
  // end (done == total), from the calling thread, with byte counts.
  RedactResult redact(std::string_view text, Vault& vault, std::string_view path = {},
                      const RedactProgress& progress = {}, FindingsAs as = FindingsAs::kObjects) const;
  // Every detection of every rule, overlapping, in no particular order. No values.
  std::vector<Detection> scan(std::string_view text, std::string_view path = {}) const;

 private:
  friend class ArrivingText;
  struct Engine;
  // redact() with what the helper thread found as the text arrived (may be null).
  RedactResult redact_arrived(std::string_view text, Vault& vault, std::string_view path,
                              const RedactProgress& progress, FindingsAs as, detail::Arrived* arrived) const;
  // The helper's part: text[found so far, to) of a text of which `text` has arrived.
  void read_arrived(std::string_view text, std::size_t to, detail::Arrived& arrived) const;
  std::unique_ptr<Engine> engine_;
};

// A large text that arrives in pieces, written into memory the caller owns (the page
// writes a pasted text into engine memory a slice at a time). In builds with threads
// the helper thread reads what has arrived (the prescan and the keyword search)
// while the rest is being written, so that redact() has less left to do; the result
// is exactly Redactor::redact's for the same text. Without threads, or when the
// helper is busy, arrived() only records and redact() does everything.
class ArrivingText {
 public:
  // `data` holds up to `capacity` bytes and must outlive this object.
  ArrivingText(const Redactor& redactor, const char* data, std::size_t capacity);
  ~ArrivingText();  // stops the helper when redact() was not called
  ArrivingText(const ArrivingText&) = delete;
  ArrivingText& operator=(const ArrivingText&) = delete;

  // data[0, bytes) is written and will not change; called with growing counts.
  void arrived(std::size_t bytes);
  // data[0, length) is the whole text. Refused (an error value) when `length`
  // exceeds the capacity.
  RedactResult redact(std::size_t length, Vault& vault, std::string_view path = {},
                      const RedactProgress& progress = {}, FindingsAs as = FindingsAs::kObjects);
  // After redact(): how many bytes the helper had read when redact() was called and
  // redact() used (0 without threads, or when it had nothing to give).
  std::size_t read_ahead() const;

 private:
  struct State;
  void stop();
  std::unique_ptr<State> state_;
};

// The built-in pack with default options (compiled once per process).
RedactResult redact(std::string_view text, Vault& vault);
// The Redactor behind redact(text, vault): the built-in pack, default options.
const Redactor& builtin_redactor();

// Replaces every placeholder the vault minted with its original value, in one pass
// (Aho-Corasick, leftmost-longest). Text without placeholders comes back unchanged.
std::string restore(std::string_view text, const Vault& vault);

}  // namespace stackengine
