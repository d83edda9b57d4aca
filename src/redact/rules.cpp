// One loader for both our rule schema and gitleaks' config format (ours is a
// superset), used for the built-in pack and for users' files at run time.
#define TOML_EXCEPTIONS 0
#include <re2/re2.h>

#include <algorithm>
#include <map>
#include <set>
#include <toml++/toml.h>

#include "redact/embedded_rules.hpp"
#include "redact/matchers.hpp"
#include "stackengine/redact.hpp"

namespace stackengine {
namespace {

SourceLocation at(const toml::node& n) {
  SourceLocation l;
  l.line = n.source().begin.line;
  l.column = n.source().begin.column;
  return l;
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

// Whether a match may contain a line break: (?s), or \n, \r, [\s\S] outside a
// negated class. `[^;\r\n]` excludes line breaks, so it does not count.
bool can_cross_lines(const std::string& p) {
  if (p.find("(?s") != std::string::npos) return true;
  bool in_class = false, negated = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      const char e = p[++i];
      if ((e == 'n' || e == 'r') && !(in_class && negated)) return true;
      if (in_class && !negated && (e == 's' || e == 'S') && i + 2 < p.size() && p[i + 1] == '\\' &&
          (p[i + 2] == 'S' || p[i + 2] == 's') && p[i + 2] != e)
        return true;  // [\s\S] / [\S\s]
      continue;
    }
    if (!in_class && c == '[') {
      in_class = true;
      negated = i + 1 < p.size() && p[i + 1] == '^';
      if (negated) ++i;
      if (i + 1 < p.size() && p[i + 1] == ']') ++i;  // a leading ] is literal
    } else if (in_class && c == ']') {
      in_class = false;
    }
  }
  return false;
}

// Whether every match of `p` begins with one of `keywords` (lowercase), read from
// the regex's text, conservatively: an optional (?i), any \b, then a literal run
// (plain, or the whole body of a (?i:...) group) that starts with a keyword, and no
// top-level alternation that could start a match some other way. gitleaks-style
// rules, `(?i:gocardless)[\w.\- \t]{0,24}...` with keyword "gocardless", have this
// shape; anything else (a class, an optional first character, ^) says no.
bool starts_with_a_keyword(const std::string& p, const std::vector<std::string>& keywords) {
  // No `|` outside groups and classes.
  int depth = 0;
  bool in_class = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\') {
      ++i;
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      continue;
    }
    if (c == '[') {
      in_class = true;
      if (i + 1 < p.size() && p[i + 1] == '^') ++i;
      if (i + 1 < p.size() && p[i + 1] == ']') ++i;  // a leading ] is literal
    } else if (c == '(') {
      ++depth;
    } else if (c == ')') {
      --depth;
    } else if (c == '|' && depth == 0) {
      return false;
    }
  }
  std::size_t i = 0;
  if (p.compare(0, 4, "(?i)") == 0) i = 4;
  while (p.compare(i, 2, "\\b") == 0) i += 2;
  auto literal_byte = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
           c == ':' || c == '@' || c == '=' || c == '/';
  };
  std::string literal;
  bool group = false;
  if (p.compare(i, 4, "(?i:") == 0) {
    group = true;
    i += 4;
  }
  std::size_t last_start = i;  // where the last literal character began
  while (i < p.size()) {
    last_start = i;
    if (p[i] == '\\' && i + 1 < p.size() && (p[i + 1] == '.' || p[i + 1] == '-' || p[i + 1] == '/')) {
      literal += p[i + 1];
      i += 2;
    } else if (literal_byte(p[i])) {
      literal += p[i++];
    } else {
      break;
    }
  }
  if (group) {
    if (i >= p.size() || p[i] != ')') return false;  // the group holds more than a literal
    ++i;
  }
  // A quantifier after the run makes its last character (or, after a group, the
  // whole group) optional or repeated: drop it.
  if (i < p.size() && (p[i] == '?' || p[i] == '*' || p[i] == '{' || p[i] == '+')) {
    if (group) return false;
    if (last_start < i && !literal.empty()) literal.pop_back();
  }
  for (char& c : literal)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  for (const auto& k : keywords)
    if (!k.empty() && literal.compare(0, k.size(), k) == 0) return true;
  return false;
}

// RE2 accepts Go's regexp syntax except for what Go does not have either; the
// constructs people bring from PCRE (lookaround, backreferences, possessive or
// atomic groups) get a hint.
std::string regex_problem(const std::string& pattern) {
  RE2::Options o;
  o.set_log_errors(false);
  RE2 re(pattern, o);
  if (re.ok()) return "";
  std::string why = re.error();
  if (pattern.find("(?=") != std::string::npos || pattern.find("(?!") != std::string::npos ||
      pattern.find("(?<=") != std::string::npos || pattern.find("(?<!") != std::string::npos)
    why += " (RE2 has no lookahead or lookbehind)";
  else if (pattern.find("(?>") != std::string::npos)
    why += " (RE2 has no atomic groups)";
  else if (re.error_code() == RE2::ErrorBadEscape)
    why += " (backreferences such as \\1 are not supported)";
  return why;
}

class Loader {
 public:
  Loader(RuleSet& out, std::string source) : out_(out), source_(std::move(source)) {}

  void error(const std::string& rule, const std::string& code, const std::string& message,
             SourceLocation where) {
    out_.errors.push_back({source_, rule, code, message, where});
  }

  bool string_field(const toml::table& t, const char* key, std::string& out, const std::string& rule) {
    const toml::node* n = t.get(key);
    if (!n) return true;
    if (auto v = n->value<std::string>()) {
      out = *v;
      return true;
    }
    error(rule, "RULE_FIELD", "Rule '" + rule + "': field '" + key + "' must be a string.", at(*n));
    return false;
  }

  bool string_list(const toml::table& t, const char* key, std::vector<std::string>& out,
                   const std::string& rule) {
    const toml::node* n = t.get(key);
    if (!n) return true;
    const toml::array* a = n->as_array();
    bool ok = a != nullptr;
    if (a)
      for (const toml::node& e : *a) {
        if (auto v = e.value<std::string>())
          out.push_back(*v);
        else
          ok = false;
      }
    if (!ok)
      error(rule, "RULE_FIELD", "Rule '" + rule + "': field '" + key + "' must be a list of strings.",
            at(*n));
    return ok;
  }

  bool allowlist(const toml::table& t, const std::string& rule, RuleAllowlist& a) {
    bool ok = string_list(t, "regexes", a.regexes, rule);
    ok &= string_list(t, "stopwords", a.stopwords, rule);
    ok &= string_list(t, "paths", a.paths, rule);
    ok &= string_field(t, "regexTarget", a.regex_target, rule);
    std::string condition = "OR";
    ok &= string_field(t, "condition", condition, rule);
    condition = lower(condition);
    if (condition == "and") {
      a.require_all = true;
    } else if (condition != "or") {
      error(rule, "RULE_FIELD", "Rule '" + rule + "': allowlist condition must be OR or AND.", at(t));
      ok = false;
    }
    a.regex_target = lower(a.regex_target);
    if (a.regex_target.empty()) a.regex_target = "secret";
    if (a.regex_target != "secret" && a.regex_target != "match" && a.regex_target != "line") {
      error(rule, "RULE_FIELD",
            "Rule '" + rule + "': allowlist regexTarget must be secret, match or line.", at(t));
      ok = false;
    }
    for (auto& s : a.stopwords) s = lower(s);
    for (const auto* list : {&a.regexes, &a.paths})
      for (const auto& re : *list)
        if (std::string why = regex_problem(re); !why.empty()) {
          error(rule, "RULE_REGEX",
                (rule.empty() ? std::string("Global allowlist") : "Rule '" + rule + "'") +
                    ": an allowlist regex does not compile in RE2: " + why + ".",
                at(t));
          ok = false;
        }
    return ok;
  }

  // [x.allowlist] (one table) and [[x.allowlists]] (array of tables).
  bool allowlists(const toml::table& t, const std::string& rule, std::vector<RuleAllowlist>& out) {
    bool ok = true;
    if (const toml::node* n = t.get("allowlist")) {
      if (const toml::table* a = n->as_table()) {
        RuleAllowlist al;
        if (allowlist(*a, rule, al)) out.push_back(std::move(al)); else ok = false;
      } else {
        error(rule, "RULE_FIELD", "Rule '" + rule + "': 'allowlist' must be a table.", at(*n));
        ok = false;
      }
    }
    if (const toml::node* n = t.get("allowlists")) {
      const toml::array* arr = n->as_array();
      if (!arr) {
        error(rule, "RULE_FIELD", "Rule '" + rule + "': 'allowlists' must be an array of tables.", at(*n));
        return false;
      }
      for (const toml::node& e : *arr) {
        const toml::table* a = e.as_table();
        RuleAllowlist al;
        if (a && allowlist(*a, rule, al)) out.push_back(std::move(al)); else ok = false;
      }
    }
    return ok;
  }

  void rule(const toml::table& t, std::set<std::string>& seen) {
    RedactRule r;
    r.source = source_;
    const toml::node* idn = t.get("id");
    if (!idn || !idn->value<std::string>() || idn->value<std::string>()->empty()) {
      error("", "RULE_FIELD", "A rule has no 'id'; every rule needs a unique id.", at(t));
      return;
    }
    r.id = *idn->value<std::string>();
    const std::string& id = r.id;
    bool ok = true;
    ok &= string_field(t, "description", r.description, id);
    ok &= string_field(t, "category", r.category, id);
    ok &= string_field(t, "severity", r.severity, id);
    ok &= string_field(t, "regex", r.regex, id);
    ok &= string_field(t, "placeholder", r.placeholder, id);
    ok &= string_field(t, "format", r.format, id);
    ok &= string_field(t, "path", r.path, id);
    ok &= string_field(t, "matcher", r.matcher, id);
    ok &= string_field(t, "prefilter", r.prefilter, id);
    ok &= string_list(t, "keywords", r.keywords, id);
    ok &= string_list(t, "tps", r.tps, id);
    ok &= string_list(t, "fps", r.fps, id);
    if (const toml::node* n = t.get("secretGroup")) {
      if (auto v = n->value<std::int64_t>(); v && *v >= 0 && *v < 100) {
        r.secret_group = static_cast<int>(*v);
      } else {
        error(id, "RULE_FIELD", "Rule '" + id + "': 'secretGroup' must be a small non-negative integer.", at(*n));
        ok = false;
      }
    }
    if (const toml::node* n = t.get("entropy")) {
      if (auto v = n->value<double>(); v && *v >= 0) {
        r.entropy = *v;
      } else {
        error(id, "RULE_FIELD", "Rule '" + id + "': 'entropy' must be a non-negative number.", at(*n));
        ok = false;
      }
    }
    if (const toml::node* n = t.get("multiline")) {
      if (auto v = n->value<bool>()) {
        r.multiline = *v;
      } else {
        error(id, "RULE_FIELD", "Rule '" + id + "': 'multiline' must be true or false.", at(*n));
        ok = false;
      }
    }
    if (const toml::node* n = t.get("startsWithKeyword")) {
      if (auto v = n->value<bool>()) {
        r.starts_with_keyword = *v;
      } else {
        error(id, "RULE_FIELD", "Rule '" + id + "': 'startsWithKeyword' must be true or false.", at(*n));
        ok = false;
      }
    }
    ok &= allowlists(t, id, r.allowlists);
    if (r.category.empty()) r.category = "secret";
    if (r.severity.empty()) r.severity = "high";
    static const std::set<std::string> severities = {"low", "medium", "high", "critical"};
    if (!severities.count(r.severity)) {
      error(id, "RULE_FIELD", "Rule '" + id + "': severity must be low, medium, high or critical.", at(t));
      ok = false;
    }
    static const std::set<std::string> formats = {"", "account-id", "arn", "access-key-id", "yaml-values",
                                                   "json-values"};
    if (!formats.count(r.format)) {
      error(id, "RULE_FIELD",
            "Rule '" + id + "': format must be account-id, arn, access-key-id, yaml-values or json-values (or absent).", at(t));
      ok = false;
    }
    for (auto& k : r.keywords) k = lower(k);
    r.keywords.erase(std::remove(r.keywords.begin(), r.keywords.end(), std::string()), r.keywords.end());
    if (r.starts_with_keyword && (r.keywords.empty() || r.regex.empty())) {
      error(id, "RULE_FIELD", "Rule '" + id + "': 'startsWithKeyword' needs keywords and a regex.", at(t));
      ok = false;
    }
    if (!r.matcher.empty() && (!detail::find_matcher(r.matcher) || !r.starts_with_keyword)) {
      error(id, "RULE_FIELD",
            "Rule '" + id + "': 'matcher' must name a built-in matcher (\"arn\") and needs startsWithKeyword.", at(t));
      ok = false;
    }
    if (!r.prefilter.empty() && (!detail::find_prefilter(r.prefilter) || !r.starts_with_keyword)) {
      error(id, "RULE_FIELD",
            "Rule '" + id + "': 'prefilter' must name a built-in prefilter (\"account-id\") and needs startsWithKeyword.",
            at(t));
      ok = false;
    }
    if (r.regex.empty() && r.path.empty()) {
      error(id, "RULE_FIELD", "Rule '" + id + "' has neither 'regex' nor 'path'.", at(t));
      ok = false;
    }
    if (!r.regex.empty()) {
      if (std::string why = regex_problem(r.regex); !why.empty()) {
        const toml::node* rn = t.get("regex");
        error(id, "RULE_REGEX", "Rule '" + id + "': regex does not compile in RE2: " + why + ".",
              rn ? at(*rn) : at(t));
        ok = false;
      } else {
        RE2::Options o;
        o.set_log_errors(false);
        RE2 re(r.regex, o);
        if (!r.matcher.empty() && re.NumberOfCapturingGroups() != 0) {
          error(id, "RULE_FIELD", "Rule '" + id + "': a rule with a 'matcher' takes the whole match; its regex may not have capture groups.", at(t));
          ok = false;
        }
        if (r.secret_group > re.NumberOfCapturingGroups()) {
          error(id, "RULE_FIELD",
                "Rule '" + id + "': secretGroup " + std::to_string(r.secret_group) +
                    " is larger than the number of capture groups in its regex (" +
                    std::to_string(re.NumberOfCapturingGroups()) + ").",
                at(t));
          ok = false;
        }
      }
    }
    if (!r.path.empty())
      if (std::string why = regex_problem(r.path); !why.empty()) {
        error(id, "RULE_REGEX", "Rule '" + id + "': path regex does not compile in RE2: " + why + ".", at(t));
        ok = false;
      }
    // Regexes that can cross a line break run over the whole text, not per block.
    if (can_cross_lines(r.regex)) r.multiline = true;
    // So do rules whose regex visibly starts with a keyword: they are tried anchored
    // at keyword occurrences (tests check the claim on every built-in rule).
    if (!r.regex.empty() && starts_with_a_keyword(r.regex, r.keywords)) r.starts_with_keyword = true;
    if (!seen.insert(id).second) {
      error(id, "RULE_DUPLICATE_ID", "Rule id '" + id + "' is defined twice; ids must be unique.", at(t));
      ok = false;
    }
    if (ok) out_.rules.push_back(std::move(r));
  }

  void document(std::string_view toml_text, std::set<std::string>& seen) {
    toml::parse_result parsed = toml::parse(toml_text, source_);
    if (!parsed) {
      const toml::parse_error& e = parsed.error();
      SourceLocation where;
      where.line = e.source().begin.line;
      where.column = e.source().begin.column;
      error("", "RULES_TOML_SYNTAX", "The rules file is not valid TOML: " + std::string(e.description()) + ".",
            where);
      return;
    }
    const toml::table& root = parsed.table();
    std::vector<RuleAllowlist> global;
    if (allowlists(root, "", global))
      out_.allowlists.insert(out_.allowlists.end(), global.begin(), global.end());
    if (const toml::node* n = root.get("rules")) {
      const toml::array* arr = n->as_array();
      if (!arr) {
        error("", "RULE_FIELD", "'rules' must be an array of tables ([[rules]]).", at(*n));
        return;
      }
      for (const toml::node& e : *arr) {
        if (const toml::table* t = e.as_table())
          rule(*t, seen);
        else
          error("", "RULE_FIELD", "Every [[rules]] entry must be a table.", at(e));
      }
    }
  }

 private:
  RuleSet& out_;
  std::string source_;
};

}  // namespace

RuleSet load_rules(std::string_view toml_text, std::string_view source_name) {
  RuleSet out;
  try {
    std::set<std::string> seen;
    Loader(out, std::string(source_name)).document(toml_text, seen);
  } catch (const std::exception&) {
    out.rules.clear();
    out.errors.push_back({std::string(source_name), "", "RULES_INTERNAL",
                          "The rules file could not be loaded (out of memory or an internal error).", {}});
  }
  return out;
}

const RuleSet& builtin_rules() {
  static const RuleSet pack = [] {
    RuleSet all;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < detail::embedded_rule_file_count(); ++i) {
      const auto& f = detail::embedded_rule_file(i);
      RuleSet one;
      Loader(one, std::string("builtin:") + f.name).document(std::string_view(f.text, f.size), seen);
      all.rules.insert(all.rules.end(), std::make_move_iterator(one.rules.begin()),
                       std::make_move_iterator(one.rules.end()));
      all.allowlists.insert(all.allowlists.end(), one.allowlists.begin(), one.allowlists.end());
      all.errors.insert(all.errors.end(), one.errors.begin(), one.errors.end());
    }
    return all;
  }();
  return pack;
}

std::vector<RuleCategory> rule_categories(const std::vector<RedactRule>& rules) {
  std::vector<RuleCategory> out;
  try {
    std::map<std::string_view, std::size_t> counts;
    for (const RedactRule& r : rules) ++counts[r.category];
    out.reserve(counts.size());
    for (const auto& entry : counts) out.push_back({std::string(entry.first), entry.second});
  } catch (const std::exception&) {
    out.clear();
  }
  return out;
}

}  // namespace stackengine
