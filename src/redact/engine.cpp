// The redaction engine. Per text:
//   0. one prescan (prescan.hpp) checks the text and finds its newlines and the
//      Minter's fixed parts;
//   1. one Aho-Corasick pass (ASCII case-folded, four interleaved lanes) finds every
//      keyword occurrence; the text is then walked in line-aligned ~1 KiB blocks;
//   2. in a block, each rule with a keyword there gets a window: from the line
//      above its first keyword's line to the line below its last one (continued
//      shell lines count as one), which may overrun the block by up to 4 KiB;
//   3. when more than a few rules compete in a block, one RE2::Set pass over the
//      windows' span says which regexes match at all (a DFA out-of-memory falls
//      back to "every candidate", never to "none", so no match is dropped); with a
//      few, their own regexes are cheaper than the Set;
//   4. each confirmed rule runs its own RE2 over its windows, consecutive blocks'
//      windows merged into one call (multi-line rules run over the whole text when
//      a keyword occurs anywhere);
//   5. secret group, entropy and allowlists decide what is a detection;
//   6. overlaps are resolved (most specific wins), every detected value is also
//      replaced wherever else it occurs (the echo pass), and placeholders are minted.
// Rules whose every match begins with a keyword skip 2-4: they are tried anchored at
// each occurrence of their keyword. Builds with threads (native, and the threaded
// WebAssembly module) run several steps on two (parallel.hpp); the results are the
// same either way.
#include <re2/re2.h>
#include <re2/set.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <map>
#include <unordered_map>

#include "redact/arriving.hpp"
#include "redact/echo.hpp"
#include "redact/finding_table.hpp"
#include "redact/hash_table.hpp"
#include "redact/keywords.hpp"
#include "redact/matchers.hpp"
#include "redact/mint.hpp"
#include "redact/parallel.hpp"
#include "redact/prescan.hpp"
#include "stackengine/redact.hpp"

namespace stackengine {
namespace {

constexpr std::size_t kBlockBytes = 1024;
constexpr std::size_t kProgressBytes = 256u << 10;
constexpr std::size_t kSpillBytes = 4096;
constexpr std::size_t kMergeGapBytes = 512;
constexpr std::size_t kDirectCandidates = 8;
// Below this a second thread costs more than it saves.
constexpr std::size_t kParallelBytes = 256u << 10;
// From this size the helper thread also sizes the output while the placeholders are
// minted, taking its page faults off the critical path. Below it, the allocator
// keeps the memory of earlier redactions (glibc's largest mmap threshold is 32 MiB),
// so there are no page faults to spread.
constexpr std::size_t kPresizeOutputBytes = 32u << 20;
// What the helper thread does while the caller mints the placeholders.
// - Native builds: it describes the findings (locations, rule names), then each thread
//   writes half of the output.
// - The threaded WebAssembly build: it only locates them (line, column, UTF-16
//   offsets) and sizes the output; then the caller gives the findings their strings
//   while the helper writes the output. Its allocator has one lock, and allocating on
//   both threads at once made this step slower, not faster: rule names on the helper
//   while minting cost +20 ms per 64 MB in Node, describing everything there +30 ms.
//   Locations alone, which allocate nothing: -12 ms in Chromium; the output written
//   beside the strings: -3 to -15 ms more (see bench/RESULTS.md).
// - The one-thread build: nothing; one loop does it all.
enum class BesideMint { kNothing, kLocate, kDescribe };
#if defined(SE_HAVE_THREADS) && !defined(__EMSCRIPTEN__)
constexpr BesideMint kBesideMint = BesideMint::kDescribe;
#elif defined(SE_HAVE_THREADS)
constexpr BesideMint kBesideMint = BesideMint::kLocate;
#else
constexpr BesideMint kBesideMint = BesideMint::kNothing;
#endif

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

double shannon_entropy(std::string_view s) {
  if (s.empty()) return 0;
  std::size_t counts[256] = {};
  for (unsigned char c : s) ++counts[c];
  double h = 0;
  const double n = static_cast<double>(s.size());
  for (std::size_t c : counts)
    if (c) {
      const double p = static_cast<double>(c) / n;
      h -= p * std::log2(p);
    }
  return h;
}

std::string default_label(const RedactRule& r) {
  std::string label = r.placeholder;
  if (label.empty()) {
    label = r.id;
    for (char& c : label) c = (c == '-' || c == '.' || c == ' ') ? '_' : c;
  }
  for (char& c : label)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
  return label;
}

bool is_generic(const RedactRule& r) {
  return r.category == "generic" || r.id.rfind("generic", 0) == 0;
}

struct CompiledAllowlist {
  std::vector<std::unique_ptr<RE2>> regexes;
  std::vector<std::string> suffixes;  // per regex: what a text it matches ends with ("" unknown)
  std::vector<std::unique_ptr<RE2>> paths;
  std::vector<std::string> stopwords;  // lowercase
  int target = 0;                      // 0 secret, 1 match, 2 line
  bool require_all = false;
};

// A rule's `format`, read once when the rules are compiled: the scan cuts yaml- and
// json-values secrets into values, and the minter picks a placeholder family from
// the others (kLabel: {{LABEL_n}}).
enum class Format { kLabel, kAccount, kArn, kAccessKey, kYamlValues, kJsonValues };

struct CompiledRule {
  const RedactRule* rule = nullptr;
  Format format = Format::kLabel;
  std::unique_ptr<RE2> regex;
  std::unique_ptr<RE2> path;
  std::vector<CompiledAllowlist> allowlists;
  std::string label;
  int groups = 0;
  int priority = 1;  // generic rules 0
  bool multiline = false;
  bool keywordless = false;
  bool starts_with_keyword = false;  // tried anchored at each keyword occurrence
  detail::NativeMatcher native = nullptr;  // does what `regex` does, anchored
  detail::NativePrefilter prefilter = nullptr;  // false: `regex` cannot match at this try
};

RE2::Options re2_options(std::size_t max_mem) {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(static_cast<int64_t>(max_mem));
  return o;
}

bool compile_allowlists(const std::vector<RuleAllowlist>& in, std::vector<CompiledAllowlist>& out) {
  RE2::Options o;
  o.set_log_errors(false);
  for (const auto& a : in) {
    CompiledAllowlist c;
    for (const auto& r : a.regexes) {
      c.regexes.push_back(std::make_unique<RE2>(r, o));
      if (!c.regexes.back()->ok()) return false;
      c.suffixes.push_back(detail::required_suffix(r));
    }
    for (const auto& r : a.paths) {
      c.paths.push_back(std::make_unique<RE2>(r, o));
      if (!c.paths.back()->ok()) return false;
    }
    for (const auto& s : a.stopwords) c.stopwords.push_back(lower(s));
    c.target = a.regex_target == "match" ? 1 : a.regex_target == "line" ? 2 : 0;
    c.require_all = a.require_all;
    out.push_back(std::move(c));
  }
  return true;
}

// One candidate as the allowlists see it. The line and the lowercase secret cost a
// scan and an allocation, and most allowlists need neither: both are made on first use.
struct Candidate {
  Candidate(std::string_view text_, std::string_view secret_, std::string_view match_, std::string_view path_)
      : text(text_), secret(secret_), match(match_), path(path_) {}
  std::string_view text, secret, match, path;
  std::string_view line() const {
    if (!line_made_) {
      const std::size_t ms = static_cast<std::size_t>(match.data() - text.data());
      const std::size_t nl = ms == 0 ? std::string_view::npos : text.rfind('\n', ms - 1);
      const std::size_t ls = nl == std::string_view::npos ? 0 : nl + 1;
      const std::size_t le = std::min(text.size(), text.find('\n', ms + match.size()));
      line_ = text.substr(ls, le - ls);
      line_made_ = true;
    }
    return line_;
  }
  const std::string& secret_lower() const {
    if (!lower_made_) {
      lower_ = lower(secret);
      lower_made_ = true;
    }
    return lower_;
  }

 private:
  mutable std::string_view line_;
  mutable std::string lower_;
  mutable bool line_made_ = false, lower_made_ = false;
};

// gitleaks' allowlist semantics: OR drops the finding when any configured
// criterion holds; AND when every configured criterion holds.
bool allowed(const CompiledAllowlist& a, const Candidate& c) {
  int configured = 0, held = 0;
  if (!a.regexes.empty()) {
    ++configured;
    const std::string_view target = a.target == 0 ? c.secret : a.target == 1 ? c.match : c.line();
    for (std::size_t k = 0; k < a.regexes.size(); ++k) {
      const std::string& suffix = a.suffixes[k];
      if (!suffix.empty() && (target.size() < suffix.size() ||
                              target.compare(target.size() - suffix.size(), suffix.size(), suffix) != 0))
        continue;  // cannot match (and RE2's fixed cost is paid per finding)
      if (RE2::PartialMatch(re2::StringPiece(target.data(), target.size()), *a.regexes[k])) {
        ++held;
        break;
      }
    }
  }
  if (!a.stopwords.empty()) {
    ++configured;
    for (const auto& w : a.stopwords)
      if (c.secret_lower().find(w) != std::string::npos) {
        ++held;
        break;
      }
  }
  if (!a.paths.empty()) {
    ++configured;
    if (!c.path.empty())
      for (const auto& re : a.paths)
        if (RE2::PartialMatch(re2::StringPiece(c.path.data(), c.path.size()), *re)) {
          ++held;
          break;
        }
  }
  if (configured == 0) return false;
  return a.require_all ? held == configured : held > 0;
}

// The line questions the scan asks of a text's newlines (detail::NewlineIndex, found
// by the prescan in one pass). The scan asks for a line's end or start once or twice
// per keyword occurrence (tens of thousands per megabyte of logs): a memchr call
// each was ~8% of a redaction in WebAssembly, where memchr is a plain loop.
// Questions come mostly in increasing order, so a cursor answers them in O(1)
// amortised. Answers for one thread of the scan (its own cursor) over the shared
// positions.
class Newlines {
 public:
  Newlines(std::string_view text, const detail::NewlineIndex& at) : text_(text), at_(at) {}

  // Around a keyword at `hit`: the start of the line above its line (or `lo`), the
  // end of its own line and the end of the line after (each just past the newline,
  // or `lim` when none comes before `lim`). A line whose last visible character is
  // \, ` or ^ (shell, PowerShell, cmd continuation) runs on into the next one. One
  // cursor move per keyword; the rest is arithmetic on the newlines' indices.
  struct Around {
    std::size_t start, own_end, end;
  };
  Around around(std::size_t hit, std::size_t lo, std::size_t lim) {
    std::size_t k = first_at_or_after(hit);
    Around a{};
    a.start = k == 0 || at_[k - 1] < lo ? lo : at_[k - 1] + 1;
    if (a.start > lo) a.start = k < 2 || at_[k - 2] < lo ? lo : at_[k - 2] + 1;
    a.own_end = end_from(k, hit, lim);
    a.end = a.own_end < lim ? end_from(k, a.own_end, lim) : lim;
    return a;
  }

  // Just past the first newline at or after `e`, or the text's end when none.
  std::size_t next_line_start(std::size_t e) {
    const std::size_t k = first_at_or_after(e);
    return k == at_.size() ? text_.size() : at_[k] + 1;
  }

 private:
  // The line end reached from `e`, whose next newline is at index `k` (advanced
  // past the newlines used).
  std::size_t end_from(std::size_t& k, std::size_t e, std::size_t lim) const {
    for (;;) {
      if (k == at_.size() || at_[k] >= lim) return lim;
      const std::size_t at_nl = at_[k++];
      std::size_t last = at_nl;
      while (last > e && (text_[last - 1] == '\r' || text_[last - 1] == ' ' || text_[last - 1] == '\t')) --last;
      const char c = last > e ? text_[last - 1] : '\0';
      e = at_nl + 1;
      if ((c != '\\' && c != '`' && c != '^') || e >= lim) return e;
    }
  }

  // Index of the first newline at or after `e`.
  std::size_t first_at_or_after(std::size_t e) {
    if (cursor_ > 0 && at_[cursor_ - 1] >= e) {  // back: a line or two, usually
      for (int step = 0; step < 8 && cursor_ > 0 && at_[cursor_ - 1] >= e; ++step) --cursor_;
      if (cursor_ > 0 && at_[cursor_ - 1] >= e)
        cursor_ = static_cast<std::size_t>(std::lower_bound(at_.begin(), at_.begin() + cursor_, e) - at_.begin());
      return cursor_;
    }
    while (cursor_ < at_.size() && at_[cursor_] < e) {
      if (cursor_ + 8 < at_.size() && at_[cursor_ + 8] < e) {
        // Far ahead: gallop (16, 32, 64... lines on), then search the last stretch.
        // A binary search over all the rest touched a cold cache line at every step
        // on a large text; galloping costs the log of the distance, near the cursor.
        std::size_t lo = cursor_ + 8, step = 16;
        while (lo + step < at_.size() && at_[lo + step] < e) lo += step, step *= 2;
        const std::size_t hi = std::min(at_.size(), lo + step + 1);
        cursor_ = static_cast<std::size_t>(std::lower_bound(at_.begin() + lo + 1, at_.begin() + hi, e) - at_.begin());
        break;
      }
      ++cursor_;
    }
    return cursor_;
  }

  std::string_view text_;
  const detail::NewlineIndex& at_;
  std::size_t cursor_ = 0;
};

}  // namespace

struct Redactor::Engine {
  RedactOptions options;
  std::vector<RedactRule> rules;  // owned copies, indexed like compiled
  std::vector<CompiledRule> compiled;
  std::vector<CompiledAllowlist> global;
  std::vector<RuleError> errors;
  detail::KeywordAutomaton keywords;
  // keyword -> its rules, split by how they run: anchored at the keyword, or in windows.
  std::vector<std::vector<std::uint32_t>> keyword_anchored, keyword_windowed;
  std::vector<std::size_t> keyword_length;
  std::vector<std::string> keyword_text;                 // lowercase
  std::vector<std::vector<std::uint32_t>> rule_keywords;  // rule -> its keywords' indices
  std::vector<std::uint32_t> keywordless_single;          // run on every block
  std::vector<std::uint32_t> multiline_rules;
  std::unique_ptr<RE2::Set> set;
  std::vector<std::uint32_t> set_to_rule;
  std::vector<int> rule_to_set;  // -1 when not in the Set (always confirmed)
  bool has_path_rules = false;

  void build(const RedactOptions& opts, const std::vector<RuleSet>& extra) {
    options = opts;
    auto wanted = [&](const RedactRule& r) {
      if (std::find(opts.disabled_categories.begin(), opts.disabled_categories.end(), r.category) !=
          opts.disabled_categories.end())
        return false;
      if (!opts.only_rules.empty() &&
          std::find(opts.only_rules.begin(), opts.only_rules.end(), r.id) == opts.only_rules.end())
        return false;
      return true;
    };
    std::vector<RuleAllowlist> global_src;
    auto take = [&](const RuleSet& s) {
      for (const auto& r : s.rules)
        if (wanted(r)) rules.push_back(r);
      global_src.insert(global_src.end(), s.allowlists.begin(), s.allowlists.end());
    };
    if (opts.builtin_rules) take(builtin_rules());
    for (const auto& s : extra) take(s);
    compile_allowlists(global_src, global);

    const RE2::Options o = re2_options(std::max<std::size_t>(opts.max_mem / 4, 1u << 20));
    std::unordered_map<std::string, std::uint32_t> keyword_index;
    std::vector<std::string> keyword_list;
    compiled.reserve(rules.size());
    for (const auto& r : rules) {
      CompiledRule c;
      c.rule = &r;
      bool ok = true;
      if (!r.regex.empty()) {
        c.regex = std::make_unique<RE2>(r.regex, o);
        ok = c.regex->ok();
        if (ok) c.groups = c.regex->NumberOfCapturingGroups();
      }
      if (ok && !r.path.empty()) {
        c.path = std::make_unique<RE2>(r.path, re2_options(1u << 20));
        ok = c.path->ok();
        has_path_rules = true;
      }
      ok = ok && compile_allowlists(r.allowlists, c.allowlists);
      if (!ok) {
        errors.push_back({r.source, r.id, "RULE_REGEX",
                          "Rule '" + r.id + "': a regex did not compile in RE2; the rule is skipped.", {}});
        continue;
      }
      c.label = default_label(r);
      c.priority = is_generic(r) ? 0 : 1;
      c.multiline = r.multiline || r.regex.empty();
      c.keywordless = r.keywords.empty();
      c.starts_with_keyword = r.starts_with_keyword && !r.keywords.empty() && c.regex != nullptr;
      if (c.starts_with_keyword && !r.matcher.empty()) c.native = detail::find_matcher(r.matcher);
      if (c.starts_with_keyword && !r.prefilter.empty()) c.prefilter = detail::find_prefilter(r.prefilter);
      c.format = r.format == "account-id"      ? Format::kAccount
                 : r.format == "arn"           ? Format::kArn
                 : r.format == "access-key-id" ? Format::kAccessKey
                 : r.format == "yaml-values"   ? Format::kYamlValues
                 : r.format == "json-values"   ? Format::kJsonValues
                                               : Format::kLabel;
      compiled.push_back(std::move(c));
    }
    std::vector<std::vector<std::uint32_t>> keyword_rules;  // keyword -> rule indices
    for (std::uint32_t i = 0; i < compiled.size(); ++i) {
      const RedactRule& r = *compiled[i].rule;
      for (const auto& k : r.keywords) {
        auto [it, fresh] = keyword_index.emplace(k, static_cast<std::uint32_t>(keyword_list.size()));
        if (fresh) {
          keyword_list.push_back(k);
          keyword_rules.emplace_back();
        }
        auto& list = keyword_rules[it->second];
        if (list.empty() || list.back() != i) list.push_back(i);
        if (rule_keywords.size() <= i) rule_keywords.resize(i + 1);
        rule_keywords[i].push_back(it->second);
      }
      if (compiled[i].starts_with_keyword)
        continue;
      if (compiled[i].multiline)
        multiline_rules.push_back(i);
      else if (compiled[i].keywordless)
        keywordless_single.push_back(i);
    }
    keywords = detail::KeywordAutomaton(keyword_list, /*fold_case=*/true);
    for (const auto& k : keyword_list) keyword_length.push_back(k.size());
    keyword_text = keyword_list;
    rule_keywords.resize(compiled.size());
    for (const auto& rules_of_k : keyword_rules) {
      keyword_anchored.emplace_back();
      keyword_windowed.emplace_back();
      for (std::uint32_t r : rules_of_k)
        (compiled[r].starts_with_keyword ? keyword_anchored : keyword_windowed).back().push_back(r);
    }

    rule_to_set.assign(compiled.size(), -1);
    auto s = std::make_unique<RE2::Set>(re2_options(opts.max_mem), RE2::UNANCHORED);
    for (std::uint32_t i = 0; i < compiled.size(); ++i) {
      if (compiled[i].multiline || !compiled[i].regex || compiled[i].starts_with_keyword) continue;
      std::string err;
      const int id = s->Add(compiled[i].rule->regex, &err);
      if (id < 0) continue;  // not in the Set: always confirmed, still runs per rule
      rule_to_set[i] = id;
      set_to_rule.push_back(i);
    }
    if (!set_to_rule.empty() && s->Compile()) {
      set = std::move(s);
    } else {
      // Could not build the Set within the memory budget: every candidate runs its
      // own regex (slower, same results).
      std::fill(rule_to_set.begin(), rule_to_set.end(), -1);
      set_to_rule.clear();
    }
  }

  // A Kubernetes Secret's data block: every `key: value` line is its own secret, so
  // each value gets its own placeholder and the YAML keeps its keys.
  static void split_yaml_values(std::uint32_t ri, std::string_view text, std::size_t from, std::size_t to,
                                std::vector<Detection>& out) {
    std::size_t line = from;
    while (line < to) {
      std::size_t eol = text.find('\n', line);
      if (eol == std::string_view::npos || eol > to) eol = to;
      std::size_t colon = text.find(':', line);
      if (colon != std::string_view::npos && colon < eol) {
        std::size_t vs = colon + 1, ve = eol;
        while (vs < ve && (text[vs] == ' ' || text[vs] == '\t')) ++vs;
        while (ve > vs && (text[ve - 1] == ' ' || text[ve - 1] == '\t' || text[ve - 1] == '\r')) --ve;
        if (ve - vs >= 2 && (text[vs] == '"' || text[vs] == '\'') && text[ve - 1] == text[vs]) {
          ++vs;
          --ve;
        }
        const std::string_view v = text.substr(vs, ve - vs);
        const bool placeholder = v.empty() || v == "|" || v == ">" || v.front() == '#' ||
                                 v.rfind("{{", 0) == 0 || v.rfind("${", 0) == 0 || v.front() == '<';
        if (!placeholder) out.push_back({ri, vs, ve});
      }
      line = eol + 1;
    }
  }

  // The same for a JSON object's content (`"key": "value", ...`, one line or many):
  // each string value, without its quotes, is its own secret; keys and syntax stay.
  static void split_json_values(std::uint32_t ri, std::string_view text, std::size_t from, std::size_t to,
                                std::vector<Detection>& out) {
    // End of the string whose opening quote is at `q` (the closing quote), or `to`.
    auto string_end = [&](std::size_t q) {
      std::size_t i = q + 1;
      while (i < to && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
      return std::min(i, to);
    };
    auto skip_space = [&](std::size_t i) {
      while (i < to && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) ++i;
      return i;
    };
    std::size_t i = from;
    while ((i = text.find('"', i)) != std::string_view::npos && i < to) {
      const std::size_t key_end = string_end(i);
      std::size_t j = skip_space(key_end + 1);
      if (j >= to || text[j] != ':') {
        i = key_end + 1;
        continue;
      }
      j = skip_space(j + 1);
      if (j >= to || text[j] != '"') {
        i = j;
        continue;
      }
      const std::size_t ve = string_end(j);
      const std::string_view v = text.substr(j + 1, ve - j - 1);
      if (ve < to && !v.empty() && v.rfind("{{", 0) != 0 && v.rfind("${", 0) != 0 && v.front() != '<')
        out.push_back({ri, j + 1, ve});
      i = ve + 1;
    }
  }

  // Runs rule `ri` over text[from, to) and appends detections.
  void run_rule(std::uint32_t ri, std::string_view text, std::size_t from, std::size_t to,
                std::string_view path, std::vector<re2::StringPiece>& groups,
                std::vector<Detection>& out) const {
    const CompiledRule& c = compiled[ri];
    if (c.path) {
      if (path.empty() || !RE2::PartialMatch(re2::StringPiece(path.data(), path.size()), *c.path)) return;
      if (!c.regex) {  // path-only rule (e.g. a key store file): the whole file
        out.push_back({ri, 0, text.size()});
        return;
      }
    }
    if (!c.regex) return;
    const re2::StringPiece all(text.data(), text.size());
    groups.resize(static_cast<std::size_t>(c.groups) + 1);
    std::size_t pos = from;
    while (pos <= to &&
           c.regex->Match(all, pos, to, RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size()))) {
      const std::size_t ms = static_cast<std::size_t>(groups[0].data() - text.data());
      const std::size_t me = ms + groups[0].size();
      pos = me > ms ? me : ms + 1;
      while (pos < to && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) ++pos;
      take_match(ri, text, path, groups, out);
    }
  }

  // A rule whose every match starts with one of its keywords (startsWithKeyword)
  // tries its regex anchored at each keyword occurrence, in order of start, instead
  // of searching windows: no bytes between occurrences are read, and an ARN costs
  // one anchored DFA run. `starts` holds the rule's occurrences; an occurrence
  // inside the previous match is skipped, as an unanchored search would.
  void run_anchored(std::uint32_t ri, std::string_view text, std::vector<std::uint32_t>& starts, Newlines& lines,
                    std::string_view path, std::vector<re2::StringPiece>& groups,
                    std::vector<Detection>& out) const {
    const CompiledRule& c = compiled[ri];
    if (!c.regex || (c.path && (path.empty() || !RE2::PartialMatch(re2::StringPiece(path.data(), path.size()),
                                                                      *c.path))))
      return;
    // In order already unless the rule has several keywords (hits come in order of
    // end): a check instead of a sort of ~300,000 positions per 64 MB of logs.
    if (!std::is_sorted(starts.begin(), starts.end())) std::sort(starts.begin(), starts.end());
    const re2::StringPiece all(text.data(), text.size());
    groups.resize(static_cast<std::size_t>(c.groups) + 1);
    std::size_t done = 0;
    for (std::size_t at : starts) {
      if (at < done) continue;
      if (c.native) {
        // A matcher never crosses a line end (tested), so the text's end bounds it
        // as well as the window's would. No capture groups: the match is the secret
        // (the loader checked the rule).
        const std::size_t length = c.native(text, at, text.size());
        if (length == std::string_view::npos) continue;
        groups[0] = re2::StringPiece(text.data() + at, length);
      } else {
        // A prefilter is a necessary condition that only gets weaker with a later
        // bound: it runs before the window's bound is worked out.
        if (c.prefilter && !c.prefilter(text, at, text.size())) continue;
        // The same reach as a window: to the end of the line after the keyword's
        // (continued lines count as one), or the whole text for a multiline rule.
        const std::size_t to = c.multiline ? text.size() : lines.around(at, 0, text.size()).end;
        // Most tries fail (an account-id rule tries every "aws" of every ARN). Without
        // capture groups RE2 answers from its DFA alone, ~3x cheaper than a try that
        // extracts them; the groups are extracted only for a match.
        if (c.groups > 0 && !c.regex->Match(all, at, to, RE2::ANCHOR_START, nullptr, 0)) continue;
        if (!c.regex->Match(all, at, to, RE2::ANCHOR_START, groups.data(), static_cast<int>(groups.size())))
          continue;
      }
      done = std::max(at + 1, at + groups[0].size());
      take_match(ri, text, path, groups, out);
    }
  }

  // One regex match in `groups`: picks the secret, applies entropy and allowlists,
  // and appends the detection(s).
  void take_match(std::uint32_t ri, std::string_view text, std::string_view path,
                  const std::vector<re2::StringPiece>& groups, std::vector<Detection>& out) const {
    const CompiledRule& c = compiled[ri];
    const re2::StringPiece m = groups[0];
    // The secret: the configured group, else gitleaks' rule (first non-empty
    // group), else the whole match.
    re2::StringPiece secret = m;
    if (c.rule->secret_group > 0) {
      secret = groups[static_cast<std::size_t>(c.rule->secret_group)];
      if (secret.data() == nullptr) return;
    } else {
      for (int g = 1; g <= c.groups; ++g)
        if (!groups[static_cast<std::size_t>(g)].empty()) {
          secret = groups[static_cast<std::size_t>(g)];
          break;
        }
    }
    if (secret.empty()) return;
    const std::string_view sv(secret.data(), secret.size());
    if (c.rule->entropy > 0 && shannon_entropy(sv) <= c.rule->entropy) return;
    if (!c.allowlists.empty() || !global.empty()) {
      const Candidate candidate{text, sv, std::string_view(m.data(), m.size()), path};
      for (const auto& a : c.allowlists)
        if (allowed(a, candidate)) return;
      for (const auto& a : global)
        if (allowed(a, candidate)) return;
    }
    const std::size_t ss = static_cast<std::size_t>(secret.data() - text.data());
    if (c.format == Format::kYamlValues) {
      split_yaml_values(ri, text, ss, ss + secret.size(), out);
      return;
    }
    if (c.format == Format::kJsonValues) {
      split_json_values(ri, text, ss, ss + secret.size(), out);
      return;
    }
    out.push_back({ri, ss, ss + secret.size()});
  }

  struct Window {
    std::uint32_t rule;
    std::size_t start, end;
    std::size_t last_line = 0;  // start of the window's last line
  };

  // A single-line rule searches its block from the line before the one where its
  // first keyword occurs to the end of the line after the one where its last keyword
  // occurs (the value may follow its keyword by a line, `curl \\n -u x:y`, or
  // precede it by one).
  // `newlines` are the text's (the prescan found them). `all_hits`, when given,
  // receives every keyword occurrence (in order of end).
  std::vector<Detection> scan(std::string_view text, std::string_view path, const detail::NewlineIndex& newlines,
                              const RedactProgress& progress = {},
                              std::vector<detail::KeywordAutomaton::Hit>* all_hits = nullptr,
                              std::vector<detail::KeywordAutomaton::Hit>* known_hits = nullptr) const {
    std::size_t next_report = kProgressBytes;
    std::vector<Detection> out;
    if (compiled.empty()) return out;
    const std::size_t n = compiled.size();
    std::vector<std::uint32_t> mark(n, 0);  // block number when the rule has a window
    std::vector<std::uint32_t> window_of(n, 0);  // its index in `windows`
    struct Stretch {
      std::size_t start = 0, end = 0;
      bool live = false;
    };
    std::vector<Stretch> stretch(n);  // per rule: windows merged, not yet run
    std::vector<std::uint8_t> multiline_hit(n, 0);
    std::vector<Window> windows;
    windows.reserve(64);
    std::vector<int> set_hits;
    set_hits.reserve(set_to_rule.size());
    std::vector<std::uint32_t> confirmed(n, 0);
    std::vector<re2::StringPiece> groups;
    std::vector<std::vector<std::uint32_t>> anchored_at(n);  // startsWithKeyword rules
    // Every keyword occurrence in the text, in order, found in one pass up front.
    std::vector<detail::KeywordAutomaton::Hit> hits;
    if (known_hits)  // found as the text arrived (ArrivingText): what find_all gives
      hits.swap(*known_hits);
    else
      keywords.find_all(text, hits);
    // Each occurrence goes to the anchored rules' lists; the windowed pass below sees
    // only the occurrences of keywords that some windowed rule has (in logs, most
    // occurrences are ARNs' "arn:aws" and "aws", which only anchored rules have).
    std::vector<detail::KeywordAutomaton::Hit> windowed_hits;
    for (const auto& h : hits) {
      for (std::uint32_t r : keyword_anchored[h.pattern]) anchored_at[r].push_back(h.end - keyword_length[h.pattern]);
      if (!keyword_windowed[h.pattern].empty()) windowed_hits.push_back(h);
    }
    if (all_hits) *all_hits = std::move(hits);
    // The anchored rules and the windowed ones are independent: on a large text they
    // run on two threads, and the detections are merged after. The anchored rules go
    // one at a time to whichever thread asks next: the helper from the start, the
    // caller once its windowed pass is done (at 64 MB the anchored rules took ~1.5x
    // the windowed pass). Each rule's detections go to a list of their own, joined in
    // rule order, so the result does not depend on which thread ran which rule.
    std::vector<std::uint32_t> anchored_rule_ids;
    for (std::uint32_t r = 0; r < n; ++r)
      if (!anchored_at[r].empty()) anchored_rule_ids.push_back(r);
    std::vector<std::vector<Detection>> anchored_out(anchored_rule_ids.size());
    std::atomic<std::size_t> next_anchored{0};
    auto anchored = [&] {
      std::vector<re2::StringPiece> own_groups;
      Newlines lines(text, newlines);
      for (std::size_t i; (i = next_anchored.fetch_add(1)) < anchored_rule_ids.size();) {
        const std::uint32_t r = anchored_rule_ids[i];
        run_anchored(r, text, anchored_at[r], lines, path, own_groups, anchored_out[i]);
      }
    };
    auto windowed = [&] {
    Newlines lines(text, newlines);
    // Block ends from the newlines' index, with a cursor of their own: a search of
    // the text there was ~5% of a redaction, its first touch of most blocks (cache
    // misses), which the windows below seldom read.
    Newlines block_ends(text, newlines);
    std::size_t next_hit = 0;
    std::uint32_t block_no = 0;
    std::size_t start = 0;
    const char* base = text.data();
    while (start < text.size()) {
      std::size_t end = std::min(text.size(), start + kBlockBytes);
      if (end < text.size()) end = block_ends.next_line_start(end);
      ++block_no;
      windows.clear();
      // End (past the newline) of the line after the one holding `at`, within the
      // block. Lines continued with a trailing \\, ` or ^ (shell, PowerShell, cmd)
      // count as one line: a curl command's -H may sit several lines below "curl".
      // Windows may reach a little into the neighbouring blocks (a continued curl
      // command cut by a block boundary), at most kSpillBytes either way.
      const std::size_t lim = std::min(text.size(), end + kSpillBytes);
      const std::size_t lo = start > kSpillBytes ? start - kSpillBytes : 0;
      for (; next_hit < windowed_hits.size() && windowed_hits[next_hit].end <= end; ++next_hit) {
        const std::uint32_t k = windowed_hits[next_hit].pattern;
        const std::size_t hit = windowed_hits[next_hit].end - keyword_length[k];
        Newlines::Around near{};
        bool near_known = false;
        auto lines_near = [&]() -> const Newlines::Around& {
          if (!near_known) near = lines.around(hit, lo, lim), near_known = true;
          return near;
        };
        for (std::uint32_t r : keyword_windowed[k]) {
          if (mark[r] == block_no) {
            // Later keyword of a rule that already has a window here: stretch the
            // window to the line after this keyword's line.
            Window& w = windows[window_of[r]];
            if (!compiled[r].multiline && hit >= w.last_line) {
              w.last_line = lines_near().own_end;
              w.end = lines_near().end;
            }
            continue;
          }
          mark[r] = block_no;
          if (compiled[r].multiline) {
            multiline_hit[r] = 1;
            continue;
          }
          // From the line before the keyword's line: the match may begin on the line
          // above its keyword (`<typeformKey>\n  tfp_...`), to the end of the line
          // after it (`curl \\\n  -u user:pass`).
          const Newlines::Around& a = lines_near();
          Window w{r, a.start, a.end, a.own_end};
          window_of[r] = static_cast<std::uint32_t>(windows.size());
          windows.push_back(w);
        }
      }
      for (std::uint32_t r : keywordless_single) windows.push_back({r, start, end, end});
      if (!windows.empty()) {
        // A few windows run their own regexes directly (most start with a literal
        // RE2 skips to with memchr); the Set pays off only when many rules compete.
        bool all = set == nullptr || windows.size() <= kDirectCandidates;
        if (!all) {
          // Over everything the windows cover (they may spill past the block).
          std::size_t span_lo = start, span_hi = end;
          for (const Window& w : windows) span_lo = std::min(span_lo, w.start), span_hi = std::max(span_hi, w.end);
          RE2::Set::ErrorInfo info{};
          set_hits.clear();
          if (!set->Match(re2::StringPiece(base + span_lo, span_hi - span_lo), &set_hits, &info) &&
              info.kind != RE2::Set::kNoError)
            all = true;  // DFA out of memory (or similar): confirm every candidate
          for (int id : set_hits) confirmed[set_to_rule[static_cast<std::size_t>(id)]] = block_no;
        }
        // A rule's windows in consecutive blocks that (nearly) touch run as one:
        // one RE2 call per stretch instead of one per block, whose fixed cost
        // dominates for rules whose keyword is on every few lines (ARNs).
        for (const Window& w : windows)
          if (all || rule_to_set[w.rule] < 0 || confirmed[w.rule] == block_no) {
            Stretch& st = stretch[w.rule];
            if (st.live && w.start <= st.end + kMergeGapBytes) {
              st.end = std::max(st.end, w.end);
            } else {
              if (st.live) run_rule(w.rule, text, st.start, st.end, path, groups, out);
              st = {w.start, w.end, true};
            }
          }
      }
      start = end;
      if (progress && start >= next_report && start < text.size()) {
        progress(start, text.size());
        next_report = start + kProgressBytes;
      }
    }
    for (std::uint32_t r = 0; r < n; ++r)
      if (stretch[r].live) run_rule(r, text, stretch[r].start, stretch[r].end, path, groups, out);
    for (std::uint32_t r : multiline_rules)
      if (multiline_hit[r] || compiled[r].keywordless) run_rule(r, text, 0, text.size(), path, groups, out);
    };
    detail::run_both(
        [&] {
          windowed();
          anchored();  // the anchored rules the helper has not started yet
        },
        anchored, !anchored_rule_ids.empty() && text.size() >= kParallelBytes);
    for (const std::vector<Detection>& d : anchored_out) out.insert(out.end(), d.begin(), d.end());
    return out;
  }

};

namespace {

constexpr std::uint32_t kNoValue = 0xffffffffu;
struct Accepted {
  std::size_t start, end;
  std::uint32_t rule;
  std::uint32_t value = kNoValue;  // its index among the distinct values (values of kEchoKeyBytes or more)
};

// Most specific wins: a named rule beats a generic one, then the longer span (a
// secret that contains an id must not leak its rest), then the rule that comes
// first in the pack. Detections are taken in that order, each unless it overlaps
// one taken before.
//
// Two detections can only interfere when they are in the same cluster (a run of
// detections, in order of start, each starting before the furthest end so far),
// so the choice is made per cluster, which gives the same spans as one pass in
// priority order over the whole text. Nearly every cluster is a single detection,
// taken as it is: one sort by start and no tree of taken spans (a std::map cost
// ~3 ms on 5 MB). Returns the taken spans in order of start.
template <typename Priority>
std::vector<Accepted> resolve_overlaps(std::vector<Detection>& found, const Priority& priority) {
  found.erase(std::remove_if(found.begin(), found.end(), [](const Detection& d) { return d.end <= d.start; }),
              found.end());
  std::sort(found.begin(), found.end(), [](const Detection& a, const Detection& b) {
    return a.start != b.start ? a.start < b.start : a.end < b.end;
  });
  const auto first_wins = [&](const Detection& a, const Detection& b) {
    const int pa = priority(a.rule_index), pb = priority(b.rule_index);
    if (pa != pb) return pa > pb;
    if (a.end - a.start != b.end - b.start) return a.end - a.start > b.end - b.start;
    if (a.rule_index != b.rule_index) return a.rule_index < b.rule_index;
    return a.start < b.start;
  };
  const auto accepted = [](const Detection& d) {
    return Accepted{d.start, d.end, static_cast<std::uint32_t>(d.rule_index)};
  };
  std::vector<Accepted> taken;
  taken.reserve(found.size());
  std::vector<Accepted> local;
  std::map<std::size_t, Accepted> tree;  // only for clusters too big to scan linearly
  constexpr std::size_t kLinearCluster = 32;
  for (std::size_t i = 0, n = found.size(); i < n;) {
    std::size_t j = i + 1;
    for (std::size_t reach = found[i].end; j < n && found[j].start < reach; ++j) reach = std::max(reach, found[j].end);
    if (j == i + 1) {
      taken.push_back(accepted(found[i]));
      i = j;
      continue;
    }
    std::sort(found.begin() + static_cast<std::ptrdiff_t>(i), found.begin() + static_cast<std::ptrdiff_t>(j), first_wins);
    local.clear();
    if (j - i <= kLinearCluster) {
      for (std::size_t k = i; k < j; ++k) {
        const Detection& d = found[k];
        if (std::none_of(local.begin(), local.end(), [&](const Accepted& a) { return a.start < d.end && d.start < a.end; }))
          local.push_back(accepted(d));
      }
      std::sort(local.begin(), local.end(), [](const Accepted& a, const Accepted& b) { return a.start < b.start; });
    } else {
      tree.clear();
      for (std::size_t k = i; k < j; ++k) {
        const Detection& d = found[k];
        auto next = tree.lower_bound(d.start);
        if (next != tree.end() && next->second.start < d.end) continue;
        if (next != tree.begin() && std::prev(next)->second.end > d.start) continue;
        tree.emplace_hint(next, d.start, accepted(d));
      }
      for (const auto& t : tree) local.push_back(t.second);
    }
    taken.insert(taken.end(), local.begin(), local.end());
    i = j;
  }
  return taken;
}

// Where the batched lookups below leave the sum of their warming loads, so that the
// compiler keeps them.
volatile std::uint32_t cache_warmer = 0;

// Eight bytes a slot, 32 bits of hash: a 64 MB log has ~80,000 distinct values
// among ~150,000 detections, and the table's cache misses were most of the pass.
struct ValueSlot {
  std::uint32_t hash = 0;
  std::uint32_t entry = 0;  // index + 1 into the values; 0 = empty
};
std::uint32_t value_hash(std::string_view v) { return static_cast<std::uint32_t>(detail::hash_bytes(v)); }

// A FindingTable's name lists, filled in order of first use (as finding_table does):
// per rule its three indices, worked out once.
class TableNames {
 public:
  TableNames(FindingTable& t, std::size_t rules)
      : rules_(t.rules), categories_(t.categories), severities_(t.severities), of_rule_(rules) {}
  void of(const RedactRule& rule, std::uint32_t r, std::uint32_t* c) {
    Slot& s = of_rule_[r];
    if (!s.known) s = {true, rules_(rule.id), categories_(rule.category), severities_(rule.severity)};
    c[0] = s.rule, c[1] = s.category, c[2] = s.severity;
  }

 private:
  struct Slot {
    bool known = false;
    std::uint32_t rule = 0, category = 0, severity = 0;
  };
  detail::NameList rules_, categories_, severities_;
  std::vector<Slot> of_rule_;
};

// The echo pass for values that begin with one of their rule's keywords (every ARN
// begins "arn:aws"): such a value can only recur where that keyword occurs, and an
// occurrence that overlaps no detection starts at a keyword occurrence that lies
// outside every detection, of which there are few (most are the detections
// themselves). So each such occurrence is checked for the values' lengths, by hash.
// Appends the occurrences found to `extra` and returns the indices of the other
// values, for the EchoFinder. When the keywords occur outside detections so often
// that this would cost more than the EchoFinder, every value is returned instead.
std::vector<std::uint32_t> echo_keyword_led(std::string_view text, const std::vector<Accepted>& taken,
                                            const std::vector<detail::KeywordAutomaton::Hit>& hits,
                                            const std::vector<std::string_view>& values,
                                            const std::vector<std::uint32_t>& value_rule,
                                            const std::vector<std::uint32_t>& led_by, const std::vector<ValueSlot>& seen,
                                            const std::vector<std::string>& keyword_text, std::vector<Accepted>& extra) {
  std::vector<std::uint32_t> others;
  std::vector<std::vector<std::uint32_t>> lengths(keyword_text.size());  // per keyword: its values' lengths
  std::size_t led = 0;
  for (std::uint32_t i = 0; i < values.size(); ++i) {
    if (led_by[i] != 0) {
      lengths[led_by[i] - 1].push_back(static_cast<std::uint32_t>(values[i].size()));
      ++led;
    } else {
      others.push_back(i);
    }
  }
  if (led == 0) return others;
  for (auto& l : lengths) {
    std::sort(l.begin(), l.end());
    l.erase(std::unique(l.begin(), l.end()), l.end());
  }
  std::vector<Accepted> found;
  const std::size_t budget = text.size() / 16 + 4096;
  std::size_t spent = 0, cursor = 0;
  for (const auto& h : hits) {
    const std::vector<std::uint32_t>& ls = lengths[h.pattern];
    if (ls.empty()) continue;
    const std::size_t p = h.end - keyword_text[h.pattern].size();
    // The first detection that ends after p: p lies inside it, or it bounds what
    // may start at p. Hits come in order of end, so p mostly grows: a cursor walks
    // forward (a binary search per hit missed the cache on every step on a large
    // text), and searches back only when a shorter keyword ends later.
    if (cursor > 0 && taken[cursor - 1].end > p)
      cursor = static_cast<std::size_t>(
          std::upper_bound(taken.begin(), taken.begin() + cursor, p,
                           [](std::size_t at, const Accepted& a) { return at < a.end; }) -
          taken.begin());
    while (cursor < taken.size() && taken[cursor].end <= p) ++cursor;
    const auto next = taken.begin() + static_cast<std::ptrdiff_t>(cursor);
    if (next != taken.end() && next->start <= p) continue;
    const std::size_t limit = next == taken.end() ? text.size() : next->start;
    for (std::uint32_t length : ls) {
      if (p + length > limit) break;
      if (++spent > budget) {  // give up: the EchoFinder takes every value
        others.resize(values.size());
        for (std::uint32_t i = 0; i < values.size(); ++i) others[i] = i;
        return others;
      }
      const std::string_view candidate = text.substr(p, length);
      const ValueSlot& slot = detail::probe(seen, value_hash(candidate),
                                            [&](std::uint32_t i) { return detail::equal_bytes(values[i], candidate); });
      if (slot.entry) found.push_back({p, p + length, value_rule[slot.entry - 1], slot.entry - 1});
    }
  }
  extra.insert(extra.end(), found.begin(), found.end());
  return others;
}

}  // namespace

Redactor::Redactor(RedactOptions options, std::vector<RuleSet> extra) : engine_(std::make_unique<Engine>()) {
  try {
    engine_->build(options, extra);
  } catch (const std::exception&) {
    engine_ = std::make_unique<Engine>();
    engine_->errors.push_back({"", "", "RULES_INTERNAL", "The rules could not be compiled (out of memory).", {}});
  }
}
Redactor::~Redactor() = default;
Redactor::Redactor(Redactor&&) noexcept = default;
Redactor& Redactor::operator=(Redactor&&) noexcept = default;

const std::vector<RuleError>& Redactor::errors() const { return engine_->errors; }
const std::vector<RedactRule>& Redactor::rules() const { return engine_->rules; }

std::vector<Detection> Redactor::scan(std::string_view text, std::string_view path) const {
  try {
    const detail::Prescan pre = detail::prescan(text, text.size() >= kParallelBytes);
    if (!pre.check.ok()) return {};
    std::vector<Detection> d = engine_->scan(text, path, pre.newlines);
    // Report rule indices into rules(), which compiled[] may skip entries of.
    for (auto& x : d) x.rule_index = static_cast<std::size_t>(engine_->compiled[x.rule_index].rule - engine_->rules.data());
    return d;
  } catch (const std::exception&) {
    return {};
  }
}

RedactResult Redactor::redact(std::string_view text, Vault& vault, std::string_view path,
                              const RedactProgress& progress, FindingsAs as) const {
  return redact_arrived(text, vault, path, progress, as, nullptr);
}

void Redactor::read_arrived(std::string_view text, std::size_t to, detail::Arrived& arrived) const {
  const std::size_t from = arrived.prescan.done();
  arrived.prescan.add(text, to);
  if (arrived.keywords) arrived.keywords = engine_->keywords.find_range(text, from, to, arrived.hits);
}

RedactResult Redactor::redact_arrived(std::string_view text, Vault& vault, std::string_view path,
                                      const RedactProgress& progress, FindingsAs as,
                                      detail::Arrived* arrived) const {
  RedactResult result;
  try {
    // One pass checks the text and finds its newlines and the Minter's fixed parts
    // (for an ArrivingText, what the helper has not read yet).
    const bool parallel = text.size() >= kParallelBytes;
    const std::size_t arrived_done = arrived ? arrived->prescan.done() : 0;
    detail::Prescan pre = arrived ? arrived->prescan.finish(text, parallel) : detail::prescan(text, parallel);
    if (!pre.check.ok()) {
      result.error = pre.check.error;
      return result;
    }
    detail::InputProbe probe(text, pre.literal_at);
    // The keyword occurrences the helper found, and those in the rest of the text;
    // otherwise the scan finds them all.
    std::vector<detail::KeywordAutomaton::Hit>* known_hits = nullptr;
    if (arrived && arrived->keywords && engine_->keywords.find_rest(text, arrived_done, arrived->hits))
      known_hits = &arrived->hits;
    std::vector<detail::KeywordAutomaton::Hit> hits;
    std::vector<Detection> found = engine_->scan(text, path, pre.newlines, progress, &hits, known_hits);
    std::vector<Accepted> taken =
        resolve_overlaps(found, [&](std::size_t rule) { return engine_->compiled[rule].priority; });

    // A detected value also goes wherever else it occurs (a key pasted twice, once
    // without its telling context), so no detected value survives in the output.
    std::size_t distinct_values = 0;
    {
      std::vector<std::string_view> values;
      std::vector<std::uint32_t> value_rule;
      std::vector<std::uint32_t> led_by;  // per value: 1 + the keyword it begins with, or 0
      // Distinct values, through a flat table (std::unordered_set's node per value
      // and std::hash showed in profiles).
      std::vector<ValueSlot> seen;
      // Sized for a value repeated twice on average, grown as needed.
      detail::reserve_for(seen, taken.size() / 2 + 16);
      // In batches: the hashes first, then one load of each one's slot, then one of
      // the value that slot names, then the work. Those loads are independent, so
      // the processor overlaps them; one detection at a time, each waited for memory
      // twice (on a 64 MB log the table and the values' bytes are far beyond the
      // caches). The loads only warm the caches; the work below is unchanged.
      constexpr std::size_t kBatch = 16;
      std::uint32_t hashes[kBatch];
      std::uint32_t warm = 0;
      for (std::size_t first = 0; first < taken.size(); first += kBatch) {
        const std::size_t last = std::min(taken.size(), first + kBatch);
        const std::size_t mask = seen.size() - 1;
        for (std::size_t j = first; j < last; ++j) {
          const std::string_view v = text.substr(taken[j].start, taken[j].end - taken[j].start);
          hashes[j - first] = v.size() >= detail::kEchoKeyBytes ? value_hash(v) : 0;
          warm += seen[hashes[j - first] & mask].entry;
        }
        for (std::size_t j = first; j < last; ++j)
          if (const std::uint32_t e = seen[hashes[j - first] & mask].entry; e != 0 && e <= values.size())
            warm += static_cast<unsigned char>(values[e - 1][0]);
        for (std::size_t j = first; j < last; ++j) {
          Accepted& a = taken[j];
          const std::string_view v = text.substr(a.start, a.end - a.start);
          if (v.size() < detail::kEchoKeyBytes) continue;
          const std::uint32_t h = hashes[j - first];
          ValueSlot& slot = detail::probe(seen, h, [&](std::uint32_t i) { return detail::equal_bytes(values[i], v); });
          if (slot.entry) {
            a.value = slot.entry - 1;
            continue;
          }
          if ((values.size() + 1) * 2 > seen.size()) {  // grow, then find the empty slot again
            detail::reserve_for(seen, values.size() + 1);
            detail::probe(seen, h, [](std::uint32_t) { return false; }) = {h, static_cast<std::uint32_t>(values.size() + 1)};
          } else {
            slot = {h, static_cast<std::uint32_t>(values.size() + 1)};
          }
          a.value = static_cast<std::uint32_t>(values.size());
          values.push_back(v);
          value_rule.push_back(a.rule);
          // Whether it begins with one of its rule's keywords (see echo_keyword_led),
          // asked now, while its bytes are in the cache.
          std::uint32_t by = 0;
          for (std::uint32_t k : engine_->rule_keywords[a.rule])
            if (detail::starts_with_folded(v, 0, engine_->keyword_text[k])) {
              by = k + 1;
              break;
            }
          led_by.push_back(by);
        }
      }
      cache_warmer = warm;  // keeps the warming loads
      distinct_values = values.size();
      std::vector<Accepted> extra;
      // A value that begins with one of its rule's keywords (every ARN begins
      // "arn:aws") can only recur where that keyword occurs: such values are looked
      // up there, and only the others go to the EchoFinder, whose tables then stay
      // small.
      const std::vector<std::uint32_t> others = echo_keyword_led(
          text, taken, hits, values, value_rule, led_by, seen, engine_->keyword_text, extra);
      if (!others.empty()) {
        std::vector<std::string_view> other_values;
        other_values.reserve(others.size());
        for (std::uint32_t i : others) other_values.push_back(values[i]);
        const detail::EchoFinder echo(other_values);
        // An occurrence that overlaps a detection would be dropped below: the text
        // under the detections is skipped. Native builds take the two halves of the
        // text on two threads.
        std::vector<Accepted> extra2;
        auto add = [&](std::vector<Accepted>& to) {
          return [&](std::uint32_t k, std::size_t start) {
            const std::uint32_t v = others[k];
            to.push_back({start, start + values[v].size(), value_rule[v], v});
          };
        };
        const std::size_t mid = taken.size() / 2, cut = taken[mid].start;  // taken is not empty here
        detail::run_both([&] { echo.scan_outside_part(text, taken, 0, mid, 0, cut, add(extra)); },
                         [&] { echo.scan_outside_part(text, taken, mid, taken.size(), cut, text.size(), add(extra2)); },
                         text.size() >= kParallelBytes);
        extra.insert(extra.end(), extra2.begin(), extra2.end());
      }
      if (!extra.empty()) {
        std::sort(extra.begin(), extra.end(), [](const Accepted& a, const Accepted& b) {
          return a.start != b.start ? a.start < b.start : a.end > b.end;
        });
        // Both in order of start: one walk merges them, no search per occurrence (most
        // are the detections themselves). An occurrence is kept when it overlaps
        // neither the next taken span nor the last one kept before it.
        std::vector<Accepted> merged;
        merged.reserve(taken.size() + extra.size());
        auto next = taken.begin();
        for (const Accepted& e : extra) {
          while (next != taken.end() && next->start < e.start) merged.push_back(*next++);
          if (next != taken.end() && next->start < e.end) continue;
          if (!merged.empty() && merged.back().end > e.start) continue;
          merged.push_back(e);
        }
        merged.insert(merged.end(), next, taken.end());
        taken.swap(merged);
      }
    }

    detail::Minter mint(vault, std::move(probe));
    const bool labelled = engine_->options.placeholder_style == PlaceholderStyle::kLabelled;
    // Placeholders first, in one buffer, then the output and the findings: two loops
    // over the findings instead of one, but each keeps its own data in the caches
    // (the vault's tables; the text, the output and the findings), which on a 64 MB
    // text was a quarter of this step's time. Each finding's placeholder is
    // minted[at, at + size); one given again is stored once (copying it again was
    // a tenth of the minting).
    struct Minted {
      std::size_t at = 0, size = 0;
    };
    std::string minted;
    std::vector<Minted> minted_at(taken.size());
    const auto mint_all = [&] {
      // A value met again under the same rule gets what it got the first time (the
      // Minter would find the same answer in the vault, one to three lookups later).
      struct Memo {
        std::uint32_t rule = kNoValue;
        Minted placeholder;
      };
      std::vector<Memo> memo(distinct_values);
      minted.reserve(std::min(text.size(), taken.size() * 32));
      for (std::size_t i = 0; i < taken.size(); ++i) {
        const Accepted& a = taken[i];
        if (a.value != kNoValue && memo[a.value].rule == a.rule) {
          minted_at[i] = memo[a.value].placeholder;
          continue;
        }
        const CompiledRule& c = engine_->compiled[a.rule];
        const std::string_view value = text.substr(a.start, a.end - a.start);
        const std::string* p;  // valid until the next mint call
        switch (labelled ? Format::kLabel : c.format) {
          case Format::kAccount:
            p = &mint.account(value);
            break;
          case Format::kArn:
            p = &mint.arn(value);
            break;
          case Format::kAccessKey:
            p = value.size() == 20 ? &mint.access_key(value) : &mint.label(c.label, value);
            break;
          default:
            p = &mint.label(c.label, value);
        }
        minted_at[i] = {minted.size(), p->size()};
        minted.append(*p);
        if (a.value != kNoValue) memo[a.value] = {a.rule, minted_at[i]};
      }
    };
    // Everything a finding holds but its placeholder: its rule's names, then where it is.
    const auto name = [&](RedactFinding& f, std::size_t i) {
      const CompiledRule& c = engine_->compiled[taken[i].rule];
      f.rule = c.rule->id;
      f.category = c.rule->category;
      f.severity = c.rule->severity;
    };
    const auto locate = [&](RedactFinding& f, std::size_t i, ForwardLocator& index) {
      f.start = index.locate(taken[i].start);
      f.end = index.locate(taken[i].end);
    };
    const auto describe = [&](RedactFinding& f, std::size_t i, ForwardLocator& index) {
      name(f, i);
      locate(f, i, index);
    };
    const auto placeholder_size = [&](std::size_t i) { return minted_at[i].size; };
    const auto place = [&](RedactFinding& f, std::size_t i) { f.placeholder.assign(minted, minted_at[i].at, minted_at[i].size); };
    // How much findings [from, to) change the text's size (placeholder minus value;
    // modulo 2^N, so a sum that shrinks the text adds up right too).
    const auto growth = [&](std::size_t from, std::size_t to) {
      std::size_t by = 0;
      for (std::size_t i = from; i < to; ++i) by += placeholder_size(i) - (taken[i].end - taken[i].start);
      return by;
    };
    const std::size_t count = taken.size();
    // Findings [from, to) into the sized output from out_at: the text between them
    // (from text_from to text_to) and their placeholders; with `placeholders`, the
    // findings get theirs too.
    const auto write = [&](std::size_t from, std::size_t to, std::size_t text_from, std::size_t text_to,
                           std::size_t out_at, bool placeholders) {
      char* out = result.redacted.data() + out_at;
      std::size_t last = text_from;
      for (std::size_t i = from; i < to; ++i) {
        const Accepted& a = taken[i];
        std::memcpy(out, text.data() + last, a.start - last);
        out += a.start - last;
        std::memcpy(out, minted.data() + minted_at[i].at, placeholder_size(i));
        out += placeholder_size(i);
        last = a.end;
        if (placeholders) place(result.findings[i], i);
      }
      std::memcpy(out, text.data() + last, text_to - last);
    };
    // The output sized, then written in two halves, one per thread; `first_also` runs
    // on this thread before its half.
    const auto write_halves = [&](bool placeholders, const auto& first_also) {
      const std::size_t split = count / 2, cut = taken[split].start;
      const std::size_t out_cut = cut + growth(0, split);
      result.redacted.resize(out_cut + (text.size() - cut) + growth(split, count));
      detail::run_both(
          [&] {
            first_also();
            write(0, split, 0, cut, 0, placeholders);
          },
          [&] { write(split, count, cut, text.size(), out_cut, placeholders); });
    };
    // Asked for a table (FindingsAs::kTable), the WebAssembly builds put the findings
    // straight into its columns: numbers, no strings.
    const bool table = as == FindingsAs::kTable;
    std::vector<std::uint32_t>& columns = result.table.columns;
    constexpr std::size_t kColumns = FindingTable::kColumns;
    const auto locate_row = [&](std::size_t i, ForwardLocator& index) {
      const SourceLocation l[2] = {index.locate(taken[i].start), index.locate(taken[i].end)};
      std::uint32_t* c = &columns[i * kColumns + 3];
      for (const SourceLocation& x : l)
        for (const std::size_t v : {x.offset, x.offset_utf16, x.line, x.column}) *c++ = static_cast<std::uint32_t>(v);
    };
    // Every row's names and placeholder range, once minting is done; then the
    // placeholders themselves (call after the output is written).
    const auto name_rows = [&] {
      TableNames names(result.table, engine_->compiled.size());
      // Ranges in UTF-16 units of `minted`: its byte offsets when it is ASCII (the
      // usual case), else through a map made in one pass.
      std::vector<std::uint32_t> units_at;
      if (!std::all_of(minted.begin(), minted.end(), [](char ch) { return (ch & 0x80) == 0; })) {
        units_at.resize(minted.size() + 1);
        for (std::size_t b = 0, u = 0; b <= minted.size(); ++b) {
          units_at[b] = static_cast<std::uint32_t>(u);
          if (b < minted.size()) u += detail::utf16_units_at(static_cast<unsigned char>(minted[b]));
        }
      }
      const auto units = [&](std::size_t b) { return static_cast<std::uint32_t>(units_at.empty() ? b : units_at[b]); };
      for (std::size_t i = 0; i < count; ++i) {
        std::uint32_t* c = &columns[i * kColumns];
        names.of(*engine_->compiled[taken[i].rule].rule, taken[i].rule, c);
        c[11] = units(minted_at[i].at);
        c[12] = units(minted_at[i].at + minted_at[i].size);
      }
    };
    const bool beside = text.size() >= kParallelBytes && count >= 2;
    if (kBesideMint == BesideMint::kDescribe && beside) {
      // Native, two threads: while this one mints (the vault's work, in order of
      // start), the helper describes the findings; for large texts it also sizes the
      // output, touching its fresh pages (~90 MB for a 64 MB text, whose page faults
      // were a quarter of the redaction natively). Then each thread writes half of the
      // output and puts the placeholders into its half of the findings.
      const bool large = text.size() >= kPresizeOutputBytes;
      detail::run_both(mint_all, [&] {
        result.findings.resize(count);
        ForwardLocator index(text);  // findings come in order of start
        for (std::size_t i = 0; i < count; ++i) describe(result.findings[i], i, index);
        if (large) {
          result.redacted.reserve(text.size() + text.size() / 4 + 64);
          result.redacted.resize(text.size());
        }
      });
      write_halves(true, [] {});
    } else if (kBesideMint == BesideMint::kLocate && beside) {
      // The threaded WebAssembly build: the helper locates the findings while this
      // thread mints, and sizes the output (one allocation; zeroing it there keeps that
      // pass off this thread), then this one gives the findings their strings while
      // the helper writes the output (see BesideMint: allocations on one thread at a
      // time).
      detail::run_both(mint_all, [&] {
        ForwardLocator index(text);  // findings come in order of start
        if (table) {
          columns.resize(count * kColumns);
          for (std::size_t i = 0; i < count; ++i) locate_row(i, index);
        } else {
          result.findings.resize(count);
          for (std::size_t i = 0; i < count; ++i) locate(result.findings[i], i, index);
        }
        result.redacted.resize(text.size() + text.size() / 4 + 64);  // placeholders are seldom longer
      });
      if (table) {
        // No strings to make: the names and placeholder ranges are a quick pass, so
        // each thread writes half of the output, as natively.
        write_halves(false, name_rows);
        result.table.placeholders = std::move(minted);
      } else {
        result.redacted.resize(text.size() + growth(0, count));
        detail::run_both(
            [&] {
              for (std::size_t i = 0; i < count; ++i) {
                name(result.findings[i], i);
                place(result.findings[i], i);
              }
            },
            [&] { write(0, count, 0, text.size(), 0, false); });
      }
    } else {
      // One thread (the one-thread WebAssembly build, small texts): sizing the output
      // up front would only add a pass (WebAssembly's memory keeps its pages from one
      // redaction to the next).
      mint_all();
      ForwardLocator index(text);  // findings come in order of start
      result.redacted.reserve(text.size());
      if (table)
        columns.resize(count * kColumns);
      else
        result.findings.reserve(count);
      std::size_t last = 0;
      for (std::size_t i = 0; i < count; ++i) {
        const Accepted& a = taken[i];
        result.redacted.append(text.substr(last, a.start - last));
        result.redacted.append(minted, minted_at[i].at, placeholder_size(i));
        last = a.end;
        if (table) {
          locate_row(i, index);
          continue;
        }
        RedactFinding& f = result.findings.emplace_back();
        describe(f, i, index);
        place(f, i);
      }
      result.redacted.append(text.substr(last));
      if (table) {
        name_rows();
        result.table.placeholders = std::move(minted);
      }
    }
    if (table && !result.findings.empty()) {  // the native path made objects
      result.table = finding_table(result.findings);
      result.findings = {};
    }
    if (progress) progress(text.size(), text.size());
  } catch (const std::exception&) {
    result = RedactResult{};
    result.error = {"REDACT_INTERNAL", "Redaction failed (out of memory); nothing was redacted.", {}};
  }
  return result;
}

const Redactor& builtin_redactor() {
  static const Redactor builtin;
  return builtin;
}

RedactResult redact(std::string_view text, Vault& vault) { return builtin_redactor().redact(text, vault); }

}  // namespace stackengine
