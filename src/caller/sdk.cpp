// SDK snippets as users paste them: boto3 `sts.assume_role(RoleArn=...)`, JS v3
// `new AssumeRoleCommand({...})` / `fromTemporaryCredentials({ params: {...} })`, Go v2
// `stscreds.NewAssumeRoleProvider(client, arn, func(o *stscreds.AssumeRoleOptions) {...})` /
// `&sts.AssumeRoleInput{...}`, Java v2 `AssumeRoleRequest.builder().roleArn(...)...build()`.
// One small lexer (strings, comments, brackets) serves all four; each language only knows
// where its parameters sit and how a new one is written.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "caller/syntax.hpp"

namespace stackengine::caller_detail {
namespace {

enum class Lang { Python, Js, Go, Java };
enum class K { Ident, String, Number, Punct, End };

struct Tok {
  K kind = K::End;
  std::size_t begin = 0, end = 0;
  std::string value;  // decoded for strings
  char quote = 0;     // ' " ` for strings
};

std::vector<Tok> lex(std::string_view t, Lang lang) {
  std::vector<Tok> out;
  std::size_t i = 0;
  while (i < t.size()) {
    const char c = t[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if ((lang == Lang::Python && c == '#') ||
               (lang != Lang::Python && c == '/' && i + 1 < t.size() && t[i + 1] == '/')) {
      while (i < t.size() && t[i] != '\n') ++i;
    } else if (lang != Lang::Python && c == '/' && i + 1 < t.size() && t[i + 1] == '*') {
      const std::size_t e = t.find("*/", i + 2);
      i = e == std::string_view::npos ? t.size() : e + 2;
    } else if (c == '"' || c == '\'' || (c == '`' && (lang == Lang::Js || lang == Lang::Go))) {
      Tok tk{K::String, i, i, "", c};
      // Python triple quotes and raw-ish backtick strings run across lines.
      const bool triple = lang == Lang::Python && t.substr(i, 3) == std::string(3, c);
      std::size_t k = i + (triple ? 3 : 1);
      const bool raw = c == '`';
      while (k < t.size()) {
        if (triple ? t.substr(k, 3) == std::string(3, c) : t[k] == c) break;
        if (!triple && !raw && t[k] == '\n') break;  // unterminated: stop at the line end
        if (!raw && t[k] == '\\' && k + 1 < t.size()) {
          const char n = t[k + 1];
          tk.value += n == 'n' ? '\n' : n == 't' ? '\t' : n;
          k += 2;
          continue;
        }
        tk.value += t[k++];
      }
      tk.end = std::min(t.size(), k + (k < t.size() && t[k] == c ? (triple ? 3 : 1) : 0));
      // f"..." / r"..." / b"...": the prefix letter was lexed as an identifier; fold it in.
      if (lang == Lang::Python && !out.empty() && out.back().kind == K::Ident && out.back().end == i &&
          out.back().value.size() <= 2) {
        tk.begin = out.back().begin;
        out.pop_back();
      }
      out.push_back(std::move(tk));
      i = out.back().end;
    } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$') {
      std::size_t e = i;
      while (e < t.size() && (std::isalnum(static_cast<unsigned char>(t[e])) || t[e] == '_' || t[e] == '$')) ++e;
      out.push_back({K::Ident, i, e, std::string(t.substr(i, e - i)), 0});
      i = e;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t e = i;
      while (e < t.size() && (std::isalnum(static_cast<unsigned char>(t[e])) || t[e] == '_' || t[e] == '.')) ++e;
      out.push_back({K::Number, i, e, std::string(t.substr(i, e - i)), 0});
      i = e;
    } else {
      out.push_back({K::Punct, i, i + 1, std::string(1, c), 0});
      ++i;
    }
  }
  // Padding: readers look a few tokens ahead without bounds checks.
  for (int k = 0; k < 8; ++k) out.push_back({K::End, t.size(), t.size(), "", 0});
  return out;
}

bool is_open(const Tok& t) { return t.kind == K::Punct && (t.value == "(" || t.value == "[" || t.value == "{"); }
bool is_close(const Tok& t) { return t.kind == K::Punct && (t.value == ")" || t.value == "]" || t.value == "}"); }
bool is_punct(const Tok& t, std::string_view p) { return t.kind == K::Punct && t.value == p; }

// A parameter as written: the whole expression, and the literal inside it when there is one
// (`"x"`, `aws.String("x")`, `3600`, `aws.Int32(3600)`).
struct Param {
  std::string name;   // SDK name as written (RoleArn, ExternalID, externalId, ...)
  std::size_t key_begin = 0, key_end = 0;
  std::size_t expr_begin = 0, expr_end = 0;  // token indexes [begin, end)
  int literal = -1;                          // token index of the literal, or -1
};

struct SdkCaller {
  std::string operation;
  std::vector<Param> params;
  // Where and how a new parameter goes.
  std::size_t insert_at = 0;
  std::string insert_prefix;  // separator before the new parameter
  std::string insert_suffix;  // after it (a trailing comma, a closing line)
  char quote = '"';
  int kind = 0;  // 0 keyword/object member, 1 Go options func, 2 Go composite literal, 3 Java builder
  std::string receiver = "o";  // Go options func parameter name
  bool go_positional_role = false;
};

struct Names {
  std::string_view field;
  std::string_view python_js;  // boto3 / JS / Go input struct
  std::string_view go_options;
  std::string_view java;
};

constexpr Names kNames[] = {
    {"role_arn", "RoleArn", "", "roleArn"},
    {"session_name", "RoleSessionName", "RoleSessionName", "roleSessionName"},
    {"external_id", "ExternalId", "ExternalID", "externalId"},
    {"mfa_serial", "SerialNumber", "SerialNumber", "serialNumber"},
    {"token_code", "TokenCode", "", "tokenCode"},
    {"duration_seconds", "DurationSeconds", "Duration", "durationSeconds"},
    {"source_identity", "SourceIdentity", "SourceIdentity", "sourceIdentity"},
    {"tags", "Tags", "Tags", "tags"},
    {"transitive_tag_keys", "TransitiveTagKeys", "TransitiveTagKeys", "transitiveTagKeys"},
    {"policy", "Policy", "Policy", "policy"},
    {"policy_arns", "PolicyArns", "PolicyARNs", "policyArns"},
    {"web_identity_token", "WebIdentityToken", "", "webIdentityToken"},
    {"provider_id", "ProviderId", "", "providerId"},
    {"principal_arn", "PrincipalArn", "", "principalArn"},
    {"saml_assertion", "SAMLAssertion", "", "samlAssertion"},
};

std::string_view field_for(std::string_view name) {
  for (const Names& n : kNames)
    if (n.python_js == name || (!n.go_options.empty() && n.go_options == name) || n.java == name) return n.field;
  if (name == "PolicyARNs") return "policy_arns";
  return {};
}

class SdkSyntax final : public CallerSyntax {
 public:
  explicit SdkSyntax(std::string_view format) : format_(format) {
    lang_ = format == "boto3" ? Lang::Python : format == "js-sdk-v3" ? Lang::Js : format == "go-sdk-v2" ? Lang::Go : Lang::Java;
  }
  std::string_view format() const override { return format_; }

  std::vector<CallerConfig> parse(std::string_view text, SyntaxError& error) override {
    text_ = text;
    toks_ = lex(text, lang_);
    if (!match_brackets(error)) return {};
    std::vector<CallerConfig> out;
    for (std::size_t i = 0; i + 1 < toks_.size(); ++i) {
      SdkCaller c;
      std::size_t begin = toks_[i].begin, end = 0;
      bool found = false;
      switch (lang_) {
        case Lang::Python: found = python_call(i, c, end); break;
        case Lang::Js: found = js_call(i, c, end); break;
        case Lang::Go: found = go_call(i, c, end, begin); break;
        case Lang::Java: found = java_call(i, c, end); break;
      }
      if (!found) continue;
      out.push_back(build(c, begin, end));
      callers_.push_back(std::move(c));
    }
    // region / profile set next to the call (boto3 region_name=, JS region:, Go WithRegion).
    for (CallerConfig& c : out) add_context(c);
    return out;
  }

  bool set_field(std::size_t index, std::string_view field, std::string_view value, Edit& edit,
                 std::string& reason) override {
    if (index >= callers_.size()) return false;
    const SdkCaller& c = callers_[index];
    if (!allowed(c, field, reason)) return false;
    const bool numeric = field == "duration_seconds";
    for (auto it = c.params.rbegin(); it != c.params.rend(); ++it) {
      if (field_for(it->name) != field) continue;
      if (c.kind == 1 && field == "duration_seconds") {
        edit.begin = toks_[it->expr_begin].begin;
        edit.end = toks_[it->expr_end - 1].end;
        edit.text = go_duration_expr(std::atoi(std::string(value).c_str()));
        edit.value_end = edit.text.size();
        return true;
      }
      if (it->literal >= 0) {
        const Tok& lit = toks_[static_cast<std::size_t>(it->literal)];
        edit.begin = lit.begin;
        edit.end = lit.end;
        if (numeric || lit.kind == K::Number) {
          edit.text = std::string(value);
          edit.value_end = edit.text.size();
        } else {
          edit.text = literal(value, lit.quote ? lit.quote : c.quote);
          edit.value_begin = 1;
          edit.value_end = edit.text.size() - 1;
        }
        return true;
      }
      // An expression (a variable): replace it with the literal the user asked for.
      edit.begin = toks_[it->expr_begin].begin;
      edit.end = toks_[it->expr_end - 1].end;
      edit.text = wrapped(c, field, value, edit.value_begin, edit.value_end);
      return true;
    }
    std::size_t vb = 0, ve = 0;
    const std::string v = wrapped(c, field, value, vb, ve);
    insertion(c, name_for(c, field), v, vb, ve, edit);
    return true;
  }

  bool set_tags(std::size_t index, const std::vector<CallerTag>& tags, std::vector<Edit>& edits,
                std::string& reason) override {
    if (index >= callers_.size()) return false;
    const SdkCaller& c = callers_[index];
    if (c.operation != "AssumeRole") {
      reason = c.operation + " cannot pass session tags; they come from the identity provider.";
      return false;
    }
    const Param* existing = nullptr;
    for (const Param& p : c.params)
      if (field_for(p.name) == "tags") existing = &p;
    const char q = c.quote;
    auto one = [&](const CallerTag& t) {
      switch (lang_) {
        case Lang::Python: return "{" + literal("Key", q) + ": " + literal(t.key, q) + ", " + literal("Value", q) + ": " + literal(t.value, q) + "}";
        case Lang::Js: return "{ Key: " + literal(t.key, q) + ", Value: " + literal(t.value, q) + " }";
        case Lang::Go: return "{Key: aws.String(" + literal(t.key, '"') + "), Value: aws.String(" + literal(t.value, '"') + ")}";
        case Lang::Java: return "Tag.builder().key(" + literal(t.key, '"') + ").value(" + literal(t.value, '"') + ").build()";
      }
      return std::string();
    };
    if (!existing) {
      std::string list;
      for (const CallerTag& t : tags) list += (list.empty() ? "" : ", ") + one(t);
      if (lang_ == Lang::Go) list = "[]types.Tag{" + list + "}";
      else if (lang_ != Lang::Java) list = "[" + list + "]";
      Edit e;
      insertion(c, name_for(c, "tags"), list, 0, list.size(), e);
      edits.push_back(std::move(e));
      return true;
    }
    const std::size_t b = existing->expr_begin, end = existing->expr_end;
    if ((lang_ != Lang::Python && lang_ != Lang::Js) || !is_punct(toks_[b], "[") || match_[b] != end - 1) {
      reason = "The session tags are built by code here; add the tag there by hand.";
      return false;
    }
    // Existing [{Key: .., Value: ..}, ...]: replace a value in place, append new keys.
    std::string add;
    for (const CallerTag& t : tags) {
      bool done = false;
      for (std::size_t k = b + 1; k + 2 < end && !done; ++k) {
        const bool key_word = (toks_[k].kind == K::Ident || toks_[k].kind == K::String) && toks_[k].value == "Key" && is_punct(toks_[k + 1], ":");
        if (!key_word || toks_[k + 2].kind != K::String || toks_[k + 2].value != t.key) continue;
        done = true;
        for (std::size_t v = k + 3; v + 2 < end && !is_punct(toks_[v], "}"); ++v) {
          if (toks_[v].value == "Value" && is_punct(toks_[v + 1], ":") && toks_[v + 2].kind == K::String &&
              toks_[v + 2].value != t.value) {
            Edit e;
            e.begin = toks_[v + 2].begin;
            e.end = toks_[v + 2].end;
            e.text = literal(t.value, toks_[v + 2].quote == '`' ? '"' : toks_[v + 2].quote);
            e.value_begin = 1;
            e.value_end = e.text.size() - 1;
            edits.push_back(std::move(e));
          }
        }
      }
      if (!done) add += ", " + one(t);
    }
    if (!add.empty()) {
      Edit e;
      std::size_t last = end - 2;  // the token before ']'
      if (is_punct(toks_[last], ",")) --last;
      if (last == b) add = add.substr(2);
      e.begin = e.end = toks_[last].end;
      e.text = std::move(add);
      e.value_end = e.text.size();
      edits.push_back(std::move(e));
    }
    return true;
  }

 private:
  void insertion(const SdkCaller& c, std::string_view field_name, const std::string& v, std::size_t vb,
                 std::size_t ve, Edit& edit) const {
    const std::string name(field_name);
    std::string add = c.insert_prefix;
    switch (c.kind) {
      case 0: add += name + (lang_ == Lang::Python ? "=" : ": "); break;
      case 1: add += c.receiver + "." + name + " = "; break;
      case 2: add += name + ": "; break;
      case 3: add += "." + name + "("; break;
    }
    edit.value_begin = add.size() + vb;
    edit.value_end = add.size() + ve;
    add += v;
    if (c.kind == 3) add += ")";
    add += c.insert_suffix;
    edit.begin = edit.end = c.insert_at;
    edit.text = std::move(add);
  }

  static bool allowed(const SdkCaller& c, std::string_view field, std::string& reason) {
    if (c.operation == "AssumeRole") {
      if (c.kind == 1 && field == "token_code") {
        reason = "stscreds.AssumeRoleOptions takes a TokenProvider function, not a fixed code: set "
                 "o.SerialNumber and o.TokenProvider = stscreds.StdinTokenProvider.";
        return false;
      }
      return true;
    }
    const bool web = c.operation == "AssumeRoleWithWebIdentity";
    if (field == "duration_seconds" || (web && field == "session_name")) return true;
    reason = c.operation + " has no " + std::string(field) + " parameter; " +
             (field == "external_id" ? "an external id only exists for AssumeRole."
                                     : "that value comes from the identity provider's token.");
    return false;
  }

  std::string_view name_for(const SdkCaller& c, std::string_view field) const {
    for (const Names& n : kNames) {
      if (n.field != field) continue;
      if (c.kind == 1) return n.go_options;
      if (c.kind == 3) return n.java;
      return n.python_js;
    }
    return field;
  }

  std::string literal(std::string_view v, char q) const {
    std::string out(1, q);
    for (char c : v) {
      if (c == q || c == '\\') out += '\\';
      out += c;
    }
    return out + q;
  }

  static std::string go_duration_expr(int s) {
    if (s > 0 && s % 3600 == 0) return s == 3600 ? "time.Hour" : std::to_string(s / 3600) + " * time.Hour";
    if (s > 0 && s % 60 == 0) return s == 60 ? "time.Minute" : std::to_string(s / 60) + " * time.Minute";
    return std::to_string(s) + " * time.Second";
  }

  // The value as this language writes it for this field; [vb, ve) is the bare value inside.
  std::string wrapped(const SdkCaller& c, std::string_view field, std::string_view value,
                      std::size_t& vb, std::size_t& ve) const {
    std::string v;
    std::string pre;
    const bool numeric = field == "duration_seconds";
    if (c.kind == 1 && numeric) {
      v = go_duration_expr(std::atoi(std::string(value).c_str()));
      vb = 0;
      ve = v.size();
      return v;
    }
    if (lang_ == Lang::Go) {
      // *string and *int32 members: aws.String("x"), aws.Int32(n). RoleSessionName in the
      // options struct is a plain string.
      if (numeric) pre = "aws.Int32(";
      else if (!(c.kind == 1 && field == "session_name")) pre = "aws.String(";
    }
    const std::string lit = numeric ? std::string(value) : literal(value, c.quote);
    v = pre + lit + (pre.empty() ? "" : ")");
    vb = pre.size() + (numeric ? 0 : 1);
    ve = pre.size() + lit.size() - (numeric ? 0 : 1);
    return v;
  }

  bool match_brackets(SyntaxError& error) {
    match_.assign(toks_.size(), 0);
    std::vector<std::size_t> stack;
    for (std::size_t i = 0; i < toks_.size(); ++i) {
      if (is_open(toks_[i])) {
        if (stack.size() >= static_cast<std::size_t>(kMaxDepth)) {
          error = {"CALLER_TOO_DEEP", "The code is nested too deeply.", toks_[i].begin};
          return false;
        }
        stack.push_back(i);
      } else if (is_close(toks_[i]) && !stack.empty()) {
        match_[stack.back()] = i;
        match_[i] = stack.back();
        stack.pop_back();
      }
    }
    // Unclosed brackets: a truncated paste. Close them at the end so parsing can go on; a
    // call whose own parenthesis is unclosed is reported by the call readers.
    for (std::size_t i : stack) match_[i] = toks_.size() - 1;
    return true;
  }

  // Comma-separated items between toks_[open] and its match, as token ranges.
  std::vector<std::pair<std::size_t, std::size_t>> items(std::size_t open) const {
    std::vector<std::pair<std::size_t, std::size_t>> out;
    const std::size_t close = match_[open];
    std::size_t start = open + 1;
    for (std::size_t i = open + 1; i < close; ++i) {
      if (is_open(toks_[i])) {
        i = match_[i];
        continue;
      }
      if (is_punct(toks_[i], ",") || (lang_ == Lang::Go && is_punct(toks_[i], ";"))) {
        if (i > start) out.emplace_back(start, i);
        start = i + 1;
      }
    }
    if (close > start) out.emplace_back(start, close);
    return out;
  }

  // The literal in [b, e): "x", 3600, or one wrapped in a call such as aws.String("x").
  int literal_in(std::size_t b, std::size_t e) const {
    if (e == b + 1 && (toks_[b].kind == K::String || toks_[b].kind == K::Number)) return static_cast<int>(b);
    if (e >= b + 3 && is_punct(toks_[e - 1], ")") && match_[e - 1] == e - 3 &&
        (toks_[e - 2].kind == K::String || toks_[e - 2].kind == K::Number) && toks_[b].kind == K::Ident)
      return static_cast<int>(e - 2);
    return -1;
  }

  void add_param(SdkCaller& c, std::size_t key_tok, std::size_t vb, std::size_t ve) {
    Param p;
    p.name = toks_[key_tok].kind == K::String ? toks_[key_tok].value : toks_[key_tok].value;
    p.key_begin = toks_[key_tok].begin;
    p.key_end = toks_[key_tok].end;
    p.expr_begin = vb;
    p.expr_end = ve;
    p.literal = literal_in(vb, ve);
    if (p.literal >= 0 && toks_[static_cast<std::size_t>(p.literal)].kind == K::String)
      c.quote = toks_[static_cast<std::size_t>(p.literal)].quote == '`' ? '"' : toks_[static_cast<std::size_t>(p.literal)].quote;
    c.params.push_back(std::move(p));
  }

  // A separator copied from the code keeps its line break and indentation, never a comment.
  std::string clean(std::string sep) const {
    const std::size_t nl = sep.rfind('\n');
    if (nl == std::string::npos) return sep.find("/*") == std::string::npos ? sep : ", ";
    std::string tail = sep.substr(nl + 1);
    std::size_t k = 0;
    while (k < tail.size() && is_space(tail[k])) ++k;
    tail.resize(k);
    return (sep.front() == ',' ? "," : "") + std::string(newline_of(text_)) + tail;
  }

  // Separator for a new item after the last one, copied from between the last two items:
  // ",\n    " keeps one item per line, ", " keeps them on one line.
  void plan_insert(SdkCaller& c, std::size_t open, const std::vector<std::pair<std::size_t, std::size_t>>& its) {
    const std::size_t close = match_[open];
    if (its.empty()) {
      c.insert_at = toks_[open].end;
      c.insert_prefix = "";
      c.insert_suffix = "";
      return;
    }
    const std::size_t last_end = toks_[its.back().second - 1].end;
    const bool trailing_comma = is_punct(toks_[its.back().second], ",") && its.back().second + 1 == close;
    std::string sep;
    if (its.size() >= 2) {
      const std::size_t comma = its[its.size() - 2].second;  // the ',' token
      sep = std::string(text_.substr(toks_[comma].begin, toks_[its.back().first].begin - toks_[comma].begin));
    } else {
      const std::string_view between = text_.substr(toks_[open].end, toks_[its.front().first].begin - toks_[open].end);
      sep = between.find('\n') != std::string_view::npos ? "," + std::string(between) : ", ";
    }
    sep = clean(sep);
    if (trailing_comma) {
      // `a,\n  b,\n)`: insert after the trailing comma, keep the trailing comma style.
      c.insert_at = toks_[its.back().second].end;
      c.insert_prefix = sep.substr(1);
      c.insert_suffix = ",";
    } else {
      c.insert_at = last_end;
      c.insert_prefix = sep;
      c.insert_suffix = "";
    }
  }

  // boto3: <expr>.assume_role(RoleArn=..., ...)
  bool python_call(std::size_t i, SdkCaller& c, std::size_t& end) {
    const Tok& t = toks_[i];
    if (t.kind != K::Ident || i == 0 || !is_punct(toks_[i - 1], ".") || !is_punct(toks_[i + 1], "(")) return false;
    if (t.value == "assume_role") c.operation = "AssumeRole";
    else if (t.value == "assume_role_with_web_identity") c.operation = "AssumeRoleWithWebIdentity";
    else if (t.value == "assume_role_with_saml") c.operation = "AssumeRoleWithSAML";
    else return false;
    const std::size_t open = i + 1;
    const auto its = items(open);
    for (const auto& [b, e] : its)
      if (e > b + 2 && toks_[b].kind == K::Ident && is_punct(toks_[b + 1], "=")) add_param(c, b, b + 2, e);
    c.quote = c.quote ? c.quote : '\'';
    plan_insert(c, open, its);
    end = toks_[match_[open]].end;
    return true;
  }

  // JS v3: new AssumeRoleCommand({ ... }) or fromTemporaryCredentials({ params: { ... } })
  bool js_call(std::size_t i, SdkCaller& c, std::size_t& end) {
    const Tok& t = toks_[i];
    if (t.kind != K::Ident || !is_punct(toks_[i + 1], "(")) return false;
    if (t.value == "AssumeRoleCommand" || t.value == "fromTemporaryCredentials") c.operation = "AssumeRole";
    else if (t.value == "AssumeRoleWithWebIdentityCommand") c.operation = "AssumeRoleWithWebIdentity";
    else if (t.value == "AssumeRoleWithSAMLCommand") c.operation = "AssumeRoleWithSAML";
    else return false;
    const std::size_t paren = i + 1;
    std::size_t obj = paren + 1;
    if (toks_[obj].kind == K::Ident && is_punct(toks_[obj + 1], ")")) {
      // new AssumeRoleCommand(input) with `const input = { ... }` earlier.
      const std::string& var = toks_[obj].value;
      std::size_t found = 0;
      for (std::size_t k = 0; k + 2 < i; ++k)
        if (toks_[k].kind == K::Ident && toks_[k].value == var && is_punct(toks_[k + 1], "=") && is_punct(toks_[k + 2], "{"))
          found = k + 2;
      if (!found) return false;
      obj = found;
    }
    if (!is_punct(toks_[obj], "{")) return false;
    if (t.value == "fromTemporaryCredentials") {
      std::size_t params = 0;
      for (const auto& [b, e] : items(obj))
        if (e > b + 2 && toks_[b].value == "params" && is_punct(toks_[b + 1], ":") && is_punct(toks_[b + 2], "{")) params = b + 2;
      if (!params) return false;
      obj = params;
    }
    const auto its = items(obj);
    for (const auto& [b, e] : its) {
      if (e > b + 2 && (toks_[b].kind == K::Ident || toks_[b].kind == K::String) && is_punct(toks_[b + 1], ":"))
        add_param(c, b, b + 2, e);
      else if (e == b + 1 && toks_[b].kind == K::Ident)  // shorthand { RoleArn }
        add_param(c, b, b, e);
    }
    c.quote = c.quote ? c.quote : '"';
    plan_insert(c, obj, its);
    end = toks_[match_[paren]].end;
    return true;
  }

  // Statements `o.Field = expr` in an options function body.
  void read_go_body(SdkCaller& c, std::size_t body, std::size_t* last_begin = nullptr,
                    std::size_t* last_end = nullptr) {
    std::size_t last_stmt_end = 0;
    std::size_t last_stmt_begin = 0;
    const std::size_t close = match_[body];
    for (std::size_t k = body + 1; k + 3 < close; ++k) {
      if (is_open(toks_[k])) {
        k = match_[k];
        continue;
      }
      if (toks_[k].value == c.receiver && is_punct(toks_[k + 1], ".") && toks_[k + 2].kind == K::Ident &&
          is_punct(toks_[k + 3], "=")) {
        // The statement runs to the end of its line (or a ';').
        std::size_t e = k + 4;
        while (e < close) {
          if (is_open(toks_[e])) {
            e = match_[e] + 1;
            continue;
          }
          if (is_punct(toks_[e], ";")) break;
          if (e > k + 4 && text_.substr(toks_[e - 1].end, toks_[e].begin - toks_[e - 1].end).find('\n') != std::string_view::npos)
            break;
          ++e;
        }
        add_param(c, k + 2, k + 4, e);
        last_stmt_begin = k;
        last_stmt_end = e;
        k = e - 1;
      }
    }
    if (last_begin) *last_begin = last_stmt_begin;
    if (last_end) *last_end = last_stmt_end;
  }

  // Go v2: stscreds.NewAssumeRoleProvider(client, "arn", func(o *stscreds.AssumeRoleOptions) {...})
  // and sts.AssumeRoleInput{...} composite literals.
  bool go_call(std::size_t i, SdkCaller& c, std::size_t& end, std::size_t& begin) {
    const Tok& t = toks_[i];
    if (t.kind != K::Ident) return false;
    if (t.value == "NewAssumeRoleProvider" && is_punct(toks_[i + 1], "(")) {
      c.operation = "AssumeRole";
      c.kind = 1;
      if (i >= 2 && is_punct(toks_[i - 1], ".")) begin = toks_[i - 2].begin;
      const std::size_t open = i + 1;
      const auto args = items(open);
      if (args.size() >= 2) {
        Param p;
        p.name = "RoleArn";
        p.key_begin = toks_[args[1].first].begin;
        p.key_end = toks_[args[1].second - 1].end;
        p.expr_begin = args[1].first;
        p.expr_end = args[1].second;
        p.literal = literal_in(args[1].first, args[1].second);
        c.params.push_back(p);
      }
      c.quote = '"';
      // The options function: func(o *stscreds.AssumeRoleOptions) { o.X = ...; ... }
      std::size_t body = 0;
      for (std::size_t a = 2; a < args.size(); ++a) {
        const auto [b, e] = args[a];
        if (toks_[b].value != "func" || !is_punct(toks_[b + 1], "(")) continue;
        if (toks_[b + 2].kind == K::Ident) c.receiver = toks_[b + 2].value;
        const std::size_t close = match_[b + 1];
        if (close + 1 < e && is_punct(toks_[close + 1], "{")) {
          // Several option functions may set fields; all count, the last is where we add.
          if (body) read_go_body(c, body);
          body = close + 1;
        }
      }
      if (body) {
        std::size_t last_stmt_begin = 0, last_stmt_end = 0;
        const std::size_t close = match_[body];
        read_go_body(c, body, &last_stmt_begin, &last_stmt_end);
        if (last_stmt_end) {
          const bool one_line = text_.substr(toks_[body].begin, toks_[close].begin - toks_[body].begin).find('\n') == std::string_view::npos;
          c.insert_at = toks_[last_stmt_end - 1].end;
          if (one_line) {
            c.insert_prefix = "; ";
          } else {
            c.insert_prefix = std::string(newline_of(text_)) + std::string(line_indent(text_, toks_[last_stmt_begin].begin));
          }
        } else {
          c.insert_at = toks_[body].end;
          c.insert_prefix = " ";
          c.insert_suffix = " ";
        }
      } else {
        // No options function yet: add one as the last argument.
        c.insert_at = args.empty() ? toks_[open].end : toks_[args.back().second - 1].end;
        c.insert_prefix = ", func(o *stscreds.AssumeRoleOptions) { ";
        c.insert_suffix = " }";
      }
      end = toks_[match_[open]].end;
      return true;
    }
    const bool input = (t.value == "AssumeRoleInput" || t.value == "AssumeRoleWithWebIdentityInput" ||
                        t.value == "AssumeRoleWithSAMLInput") && is_punct(toks_[i + 1], "{");
    if (!input) return false;
    c.operation = t.value == "AssumeRoleInput" ? "AssumeRole"
                  : t.value == "AssumeRoleWithWebIdentityInput" ? "AssumeRoleWithWebIdentity" : "AssumeRoleWithSAML";
    c.kind = 2;
    c.quote = '"';
    if (i >= 2 && is_punct(toks_[i - 1], ".")) begin = toks_[i - 2].begin;
    const std::size_t open = i + 1;
    const auto its = items(open);
    for (const auto& [b, e] : its)
      if (e > b + 2 && toks_[b].kind == K::Ident && is_punct(toks_[b + 1], ":")) add_param(c, b, b + 2, e);
    plan_insert(c, open, its);
    end = toks_[match_[open]].end;
    return true;
  }

  // Java v2: AssumeRoleRequest.builder().roleArn("...")....build()
  bool java_call(std::size_t i, SdkCaller& c, std::size_t& end) {
    const Tok& t = toks_[i];
    if (t.kind != K::Ident || !is_punct(toks_[i + 1], ".") || toks_[i + 2].value != "builder") return false;
    if (t.value == "AssumeRoleRequest") c.operation = "AssumeRole";
    else if (t.value == "AssumeRoleWithWebIdentityRequest") c.operation = "AssumeRoleWithWebIdentity";
    else if (t.value == "AssumeRoleWithSamlRequest") c.operation = "AssumeRoleWithSAML";
    else return false;
    c.kind = 3;
    c.quote = '"';
    std::size_t k = i + 3;
    if (!is_punct(toks_[k], "(")) return false;
    k = match_[k] + 1;
    std::size_t last_call_end = toks_[k - 1].end;
    std::size_t last_dot = 0, prev_close = k - 1;
    std::string sep;
    while (k + 2 < toks_.size() && is_punct(toks_[k], ".") && toks_[k + 1].kind == K::Ident && is_punct(toks_[k + 2], "(")) {
      const std::size_t open = k + 2, close = match_[open];
      if (toks_[k + 1].value == "build") {
        end = toks_[close].end;
        break;
      }
      sep = std::string(text_.substr(toks_[prev_close].end, toks_[k].begin - toks_[prev_close].end));
      if (close > open + 1) add_param(c, k + 1, open + 1, close);
      last_dot = k;
      last_call_end = toks_[close].end;
      prev_close = close;
      k = close + 1;
      end = last_call_end;
    }
    (void)last_dot;
    c.insert_at = last_call_end;
    c.insert_prefix = sep.find('\n') != std::string::npos ? clean(sep) : "";
    return true;
  }

  CallerConfig build(const SdkCaller& c, std::size_t begin, std::size_t end) const {
    CallerConfig cfg;
    cfg.operation = c.operation;
    cfg.span.start.offset = begin;
    cfg.span.end.offset = std::max(begin, end);
    for (const Param& p : c.params) {
      const std::string_view field = field_for(p.name);
      if (field.empty()) continue;
      const bool secret = field == "web_identity_token" || field == "saml_assertion";
      std::string value;
      std::size_t vb = toks_[p.expr_begin].begin, ve = toks_[p.expr_end - 1].end;
      if (p.literal >= 0) {
        const Tok& lit = toks_[static_cast<std::size_t>(p.literal)];
        value = lit.value;
        vb = lit.begin;
        ve = lit.end;
      } else if (c.kind == 1 && field == "duration_seconds") {
        value = go_seconds(p.expr_begin, p.expr_end);
      } else {
        value = std::string(text_.substr(vb, ve - vb));
      }
      if (field == "tags") read_tags(p, cfg.tags);
      cfg.fields.push_back(raw_field(std::string(field), value, p.key_begin, p.key_end, vb, ve, secret));
      cfg.fields.back().literal = p.literal >= 0 || (c.kind == 1 && field == "duration_seconds" && value != text_.substr(vb, ve - vb));
    }
    return cfg;
  }

  // `15 * time.Minute`, `time.Hour`, `time.Duration(900) * time.Second` -> "900".
  std::string go_seconds(std::size_t b, std::size_t e) const {
    long n = 1;
    long unit = 0;
    for (std::size_t k = b; k < e; ++k) {
      if (toks_[k].kind == K::Number) n = std::atol(toks_[k].value.c_str());
      if (toks_[k].value == "Hour") unit = 3600;
      if (toks_[k].value == "Minute") unit = 60;
      if (toks_[k].value == "Second") unit = 1;
    }
    if (!unit) return std::string(text_.substr(toks_[b].begin, toks_[e - 1].end - toks_[b].begin));
    return std::to_string(n * unit);
  }

  // [{'Key': 'k', 'Value': 'v'}], {Key: "k", Value: "v"}, Tag.builder().key("k").value("v").build(),
  // types.Tag{Key: aws.String("k"), Value: aws.String("v")}
  void read_tags(const Param& p, std::vector<CallerTag>& tags) const {
    CallerTag cur;
    bool want_key = false, want_value = false;
    for (std::size_t k = p.expr_begin; k < p.expr_end; ++k) {
      const Tok& t = toks_[k];
      if (t.kind == K::Ident || t.kind == K::String) {
        const std::string v = to_lower(t.value);
        if (v == "key" && t.kind == K::Ident) want_key = true;
        else if (v == "value" && t.kind == K::Ident) want_value = true;
        else if (t.kind == K::String && (t.value == "Key" || t.value == "Value") && k + 1 < p.expr_end && is_punct(toks_[k + 1], ":"))
          (t.value == "Key" ? want_key : want_value) = true;
        else if (t.kind == K::String && want_key) {
          cur.key = t.value;
          want_key = false;
        } else if (t.kind == K::String && want_value) {
          cur.value = t.value;
          want_value = false;
          tags.push_back(cur);
          cur = {};
        }
      }
    }
  }

  // region_name='...' (boto3), region: '...' (JS), WithRegion("...") (Go), Region.of("...") (Java).
  void add_context(CallerConfig& c) const {
    for (std::size_t k = 0; k + 2 < toks_.size(); ++k) {
      const Tok& t = toks_[k];
      std::size_t lit = 0;
      if ((t.value == "region_name" || t.value == "region") && (is_punct(toks_[k + 1], "=") || is_punct(toks_[k + 1], ":")) &&
          toks_[k + 2].kind == K::String)
        lit = k + 2;
      if ((t.value == "WithRegion" || t.value == "of") && is_punct(toks_[k + 1], "(") && toks_[k + 2].kind == K::String &&
          (t.value != "of" || (k >= 2 && toks_[k - 2].value == "Region")))
        lit = k + 2;
      if (t.value == "profile_name" && is_punct(toks_[k + 1], "=") && toks_[k + 2].kind == K::String) {
        c.fields.push_back(raw_field("profile", toks_[k + 2].value, t.begin, t.end, toks_[k + 2].begin, toks_[k + 2].end));
        continue;
      }
      if (lit && !c.field("region"))
        c.fields.push_back(raw_field("region", toks_[lit].value, t.begin, t.end, toks_[lit].begin, toks_[lit].end));
    }
  }

  std::string format_;
  Lang lang_;
  std::string_view text_;
  std::vector<Tok> toks_;
  std::vector<std::size_t> match_;
  std::vector<SdkCaller> callers_;
};

}  // namespace

std::unique_ptr<CallerSyntax> make_sdk_syntax(std::string_view format) {
  return std::make_unique<SdkSyntax>(format);
}

}  // namespace stackengine::caller_detail
