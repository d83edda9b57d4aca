// Terraform `provider "aws"` (and `backend "s3"`) blocks with `assume_role` /
// `assume_role_with_web_identity`. A tolerant HCL reader: the brace may sit on the next line
// (Terraform 0.11 style), comments (#, //, /* */) and heredocs are skipped as such, and an
// `assume_role = { ... }` object (backend config on a command line, with \"-escaped quotes)
// reads like a block.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>
#include <vector>

#include "caller/syntax.hpp"

namespace stackengine::caller_detail {
namespace {

enum class Tok { Ident, String, Heredoc, Number, Punct, Newline, End };

struct Token {
  Tok kind = Tok::End;
  std::size_t begin = 0, end = 0;  // raw, quotes included
  std::string value;               // identifier, decoded string, heredoc body, number, punct
  bool escaped_quotes = false;     // \"...\" (HCL inside a shell word)
};

class Lexer {
 public:
  explicit Lexer(std::string_view t) : t_(t) {}

  std::vector<Token> run() {
    std::vector<Token> out;
    std::size_t i = 0;
    while (i < t_.size()) {
      const char c = t_[i];
      if (c == ' ' || c == '\t' || c == '\r') {
        ++i;
      } else if (c == '\n') {
        out.push_back({Tok::Newline, i, i + 1, "\n", false});
        ++i;
      } else if (c == '#' || (c == '/' && i + 1 < t_.size() && t_[i + 1] == '/')) {
        while (i < t_.size() && t_[i] != '\n') ++i;
      } else if (c == '/' && i + 1 < t_.size() && t_[i + 1] == '*') {
        const std::size_t e = t_.find("*/", i + 2);
        i = e == std::string_view::npos ? t_.size() : e + 2;
      } else if (c == '"' || (c == '\\' && i + 1 < t_.size() && t_[i + 1] == '"')) {
        out.push_back(string_token(i));
        i = out.back().end;
      } else if (c == '<' && i + 2 < t_.size() && t_[i + 1] == '<' &&
                 (t_[i + 2] == '-' || std::isalpha(static_cast<unsigned char>(t_[i + 2])))) {
        out.push_back(heredoc(i));
        i = out.back().end;
      } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
        std::size_t e = i;
        while (e < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[e])) || t_[e] == '_' || t_[e] == '-')) ++e;
        out.push_back({Tok::Ident, i, e, std::string(t_.substr(i, e - i)), false});
        i = e;
      } else if (std::isdigit(static_cast<unsigned char>(c))) {
        std::size_t e = i;
        while (e < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[e])) || t_[e] == '.')) ++e;
        out.push_back({Tok::Number, i, e, std::string(t_.substr(i, e - i)), false});
        i = e;
      } else {
        // Multi-byte UTF-8 is one punct token per byte; that is fine, none of it is syntax.
        out.push_back({Tok::Punct, i, i + 1, std::string(1, c), false});
        ++i;
      }
    }
    out.push_back({Tok::End, t_.size(), t_.size(), "", false});
    return out;
  }

 private:
  Token string_token(std::size_t i) {
    Token tk{Tok::String, i, i, "", t_[i] == '\\'};
    std::size_t k = i + (tk.escaped_quotes ? 2 : 1);
    int interp = 0;  // inside ${ ... } quotes do not end the string
    while (k < t_.size() && t_[k] != '\n') {
      const char c = t_[k];
      if (tk.escaped_quotes && c == '\\' && k + 1 < t_.size() && t_[k + 1] == '"' && interp == 0) {
        tk.end = k + 2;
        return tk;
      }
      if (!tk.escaped_quotes && c == '"' && interp == 0) {
        tk.end = k + 1;
        return tk;
      }
      if (c == '$' && k + 1 < t_.size() && t_[k + 1] == '{') {
        ++interp;
        tk.value += "${";
        k += 2;
        continue;
      }
      if (c == '}' && interp > 0) --interp;
      if (!tk.escaped_quotes && c == '\\' && k + 1 < t_.size()) {
        const char n = t_[k + 1];
        tk.value += n == 'n' ? '\n' : n == 't' ? '\t' : n;
        k += 2;
        continue;
      }
      tk.value += c;
      ++k;
    }
    tk.end = k;  // unterminated: ends at the line end
    return tk;
  }

  Token heredoc(std::size_t i) {
    Token tk{Tok::Heredoc, i, i, "", false};
    std::size_t k = i + 2;
    if (k < t_.size() && t_[k] == '-') ++k;
    const std::size_t mb = k;
    while (k < t_.size() && (std::isalnum(static_cast<unsigned char>(t_[k])) || t_[k] == '_')) ++k;
    const std::string_view marker = t_.substr(mb, k - mb);
    std::size_t line = t_.find('\n', k);
    if (line == std::string_view::npos) {
      tk.end = t_.size();
      return tk;
    }
    ++line;
    const std::size_t body = line;
    while (line < t_.size()) {
      std::size_t e = t_.find('\n', line);
      if (e == std::string_view::npos) e = t_.size();
      std::string_view l = t_.substr(line, e - line);
      while (!l.empty() && (l.front() == ' ' || l.front() == '\t')) l.remove_prefix(1);
      while (!l.empty() && (l.back() == '\r' || l.back() == ' ')) l.remove_suffix(1);
      if (l == marker) {
        tk.value = std::string(t_.substr(body, line - body));
        tk.end = line + (e - line);
        while (tk.end > line && (t_[tk.end - 1] == '\r')) --tk.end;
        return tk;
      }
      line = e + 1;
    }
    tk.value = std::string(t_.substr(body));
    tk.end = t_.size();
    return tk;
  }

  std::string_view t_;
};

struct Attr {
  std::string name;
  std::size_t name_begin = 0, name_end = 0, eq = 0;
  std::size_t value_begin = 0, value_end = 0;  // the whole expression
  std::size_t line_start = 0;
  bool simple = false;  // a single string, number or heredoc
  Tok kind = Tok::End;
  bool escaped_quotes = false;
  std::string value;  // decoded for simple values, else the raw expression
  std::vector<std::pair<std::string, std::string>> map;  // for { k = "v" } values
  struct Entry {
    std::size_t key_begin = 0, value_begin = 0, value_end = 0;  // the value with its quotes
    bool escaped_quotes = false;
  };
  std::vector<Entry> entries;  // parallel to `map`
  bool map_literal = false;    // the whole value is `{ ... }`
  std::size_t map_open = 0, map_close = 0;
};

struct Block {
  std::string type;  // "assume_role", "assume_role_with_web_identity", ...
  std::size_t open = 0, close = 0;
  std::vector<Attr> attrs;
};

struct TfCaller {
  Block provider;
  bool has_assume = false;
  Block assume;
};

class TerraformSyntax final : public CallerSyntax {
 public:
  std::string_view format() const override { return "terraform-provider"; }

  std::vector<CallerConfig> parse(std::string_view text, SyntaxError& error) override {
    text_ = text;
    toks_ = Lexer(text).run();
    std::vector<CallerConfig> out;
    for (std::size_t i = 0; i + 1 < toks_.size(); ++i) {
      const Token& t = toks_[i];
      if (t.kind != Tok::Ident) continue;
      const bool provider = t.value == "provider" && label_is(i + 1, "aws");
      const bool backend = t.value == "backend" && label_is(i + 1, "s3");
      if (provider || backend) {
        std::size_t j = skip_newlines(i + 2);
        if (toks_[j].value != "{" || toks_[j].kind != Tok::Punct) continue;
        TfCaller c;
        c.provider.type = t.value;
        std::size_t end = 0;
        if (!read_body(j, c.provider, &c, 0, end, error)) return {};
        out.push_back(build(c, t.begin));
        callers_.push_back(std::move(c));
        i = end;
        continue;
      }
      // A bare `assume_role = { ... }` outside any provider (backend config on a command line).
      if ((t.value == "assume_role" || t.value == "assume_role_with_web_identity") && out.empty()) {
        std::size_t j = i + 1;
        if (toks_[j].value == "=") ++j;
        j = skip_newlines(j);
        if (toks_[j].value != "{" || toks_[j].kind != Tok::Punct) continue;
        TfCaller c;
        c.provider.type = "backend";
        c.has_assume = true;
        c.assume.type = t.value;
        std::size_t end = 0;
        if (!read_body(j, c.assume, nullptr, 1, end, error)) return {};
        out.push_back(build(c, t.begin));
        callers_.push_back(std::move(c));
        i = end;
      }
    }
    return out;
  }

  bool set_field(std::size_t index, std::string_view field, std::string_view value, Edit& edit,
                 std::string& reason) override {
    if (index >= callers_.size()) return false;
    const TfCaller& c = callers_[index];
    if (!c.has_assume) {
      reason = "This provider block has no assume_role block; add one with role_arn first.";
      return false;
    }
    const bool web = c.assume.type == "assume_role_with_web_identity";
    std::string key;
    if (field == "external_id" && !web) key = "external_id";
    if (field == "session_name") key = "session_name";
    if (field == "source_identity" && !web) key = "source_identity";
    if (field == "duration_seconds") key = "duration";
    if (key.empty()) {
      reason = std::string("The Terraform AWS ") + (web ? "assume_role_with_web_identity" : "assume_role") +
               " block has no argument for " + std::string(field) +
               (field == "mfa_serial" || field == "token_code"
                    ? "; Terraform cannot prompt for an MFA code, so use a profile with cached MFA credentials."
                    : ".");
      return false;
    }
    for (auto it = c.assume.attrs.rbegin(); it != c.assume.attrs.rend(); ++it) {
      const bool same = it->name == key || (key == "duration" && it->name == "duration_seconds");
      if (!same) continue;
      edit.begin = it->value_begin;
      edit.end = it->value_end;
      if (it->name == "duration_seconds" || (it->kind == Tok::Number && key != "duration")) {
        edit.text = std::string(value);
        edit.value_end = edit.text.size();
      } else {
        const std::string v = key == "duration" ? go_duration(std::atoi(std::string(value).c_str())) : std::string(value);
        edit.text = quote(v, it->escaped_quotes);
        edit.value_begin = it->escaped_quotes ? 2 : 1;
        edit.value_end = edit.text.size() - edit.value_begin;
      }
      return true;
    }
    const std::string v = key == "duration" ? go_duration(std::atoi(std::string(value).c_str())) : std::string(value);
    const bool esc = !c.assume.attrs.empty() && c.assume.attrs.front().escaped_quotes;
    const std::string q = quote(v, esc);
    if (c.assume.attrs.empty()) {
      // Empty block: open a line inside the braces.
      const std::string indent = std::string(line_indent(text_, c.assume.open)) + "  ";
      edit.begin = edit.end = c.assume.open + 1;
      edit.text = std::string(newline_of(text_)) + indent + key + " = ";
      edit.value_begin = edit.text.size() + (esc ? 2 : 1);
      edit.text += q;
      edit.value_end = edit.text.size() - (esc ? 2 : 1);
      if (text_.substr(c.assume.open, c.assume.close - c.assume.open).find('\n') == std::string_view::npos)
        edit.text += std::string(newline_of(text_)) + std::string(line_indent(text_, c.assume.open));
      return true;
    }
    const Attr& last = c.assume.attrs.back();
    // On one line (`{role_arn="..."}`), add `, key = "..."`; else a new line like the others.
    const bool one_line = text_.substr(c.assume.open, c.assume.close - c.assume.open).find('\n') == std::string_view::npos;
    if (one_line) {
      const bool tight = last.eq > 0 && text_[last.eq - 1] != ' ';
      edit.text = std::string(",") + (tight ? "" : " ") + key + (tight ? "=" : " = ");
    } else {
      const Attr& ref = c.assume.attrs.front();
      bool aligned = false;
      std::size_t eq_col = 0;
      for (const Attr& a : c.assume.attrs) {
        aligned = aligned || a.eq - a.name_end > 1;
        eq_col = std::max(eq_col, a.eq - a.name_begin);
      }
      const std::string_view indent = text_.substr(last.line_start, last.name_begin - last.line_start);
      std::string pad = " ";
      if (aligned && eq_col > key.size()) pad = std::string(eq_col - key.size(), ' ');
      if (!aligned && ref.eq == ref.name_end) pad.clear();
      std::string after = " ";
      if (ref.value_begin == ref.eq + 1) after.clear();
      edit.text = std::string(newline_of(text_)) + std::string(indent) + key + pad + "=" + after;
    }
    edit.begin = edit.end = last.value_end;
    edit.value_begin = edit.text.size() + (esc ? 2 : 1);
    edit.text += q;
    edit.value_end = edit.text.size() - (esc ? 2 : 1);
    return true;
  }

  bool set_tags(std::size_t index, const std::vector<CallerTag>& tags, std::vector<Edit>& edits,
                std::string& reason) override {
    if (index >= callers_.size()) return false;
    const TfCaller& c = callers_[index];
    if (!c.has_assume || c.assume.type != "assume_role") {
      reason = c.has_assume ? "assume_role_with_web_identity cannot pass session tags; they come from the token."
                            : "This provider block has no assume_role block; add one with role_arn first.";
      return false;
    }
    const bool esc = !c.assume.attrs.empty() && c.assume.attrs.front().escaped_quotes;
    const Attr* existing = nullptr;
    for (const Attr& a : c.assume.attrs)
      if (a.name == "tags") existing = &a;
    if (!existing) {
      // tags = {\n  key = "value"\n} in the block's own indentation.
      if (c.assume.attrs.empty() || one_line(c.assume)) {
        reason = "Add a tags = { ... } argument to this assume_role block by hand; it has no line to copy.";
        return false;
      }
      const Attr& last = c.assume.attrs.back();
      const std::string nl(newline_of(text_));
      const std::string indent(text_.substr(last.line_start, last.name_begin - last.line_start));
      Edit e;
      e.begin = e.end = last.value_end;
      e.text = new_attr_prefix(c, "tags") + "{";
      e.value_begin = e.text.size();
      for (const CallerTag& t : tags) e.text += nl + indent + "  " + hcl_key(t.key) + " = " + quote(t.value, esc);
      e.text += nl + indent + "}";
      e.value_end = e.text.size();
      edits.push_back(std::move(e));
      return true;
    }
    if (!existing->map_literal) {
      reason = "The tags of this assume_role block come from an expression; add the tag where it is defined.";
      return false;
    }
    const bool multi = text_.substr(existing->map_open, existing->map_close - existing->map_open).find('\n') != std::string_view::npos;
    std::string add;
    for (const CallerTag& t : tags) {
      std::size_t k = existing->map.size();
      for (std::size_t i = 0; i < existing->map.size(); ++i)
        if (existing->map[i].first == t.key) k = i;
      if (k < existing->map.size()) {
        if (existing->map[k].second == t.value) continue;
        const Attr::Entry& en = existing->entries[k];
        Edit e;
        e.begin = en.value_begin;
        e.end = en.value_end;
        e.text = quote(t.value, en.escaped_quotes);
        e.value_begin = en.escaped_quotes ? 2 : 1;
        e.value_end = e.text.size() - e.value_begin;
        edits.push_back(std::move(e));
        continue;
      }
      const std::string entry = hcl_key(t.key) + " = " + quote(t.value, esc);
      if (multi && !existing->entries.empty()) {
        const Attr::Entry& lastent = existing->entries.back();
        add += std::string(newline_of(text_)) + std::string(line_indent(text_, lastent.key_begin)) + entry;
      } else {
        add += (existing->entries.empty() && add.empty() ? " " : ", ") + entry;
      }
    }
    if (!add.empty()) {
      Edit e;
      if (existing->entries.empty()) {
        e.begin = e.end = existing->map_open + 1;
        add += " ";
      } else {
        e.begin = e.end = existing->entries.back().value_end;
      }
      e.text = std::move(add);
      e.value_end = e.text.size();
      edits.push_back(std::move(e));
    }
    return true;
  }

 private:
  static std::string hcl_key(std::string_view k) {
    bool ident = !k.empty() && (std::isalpha(static_cast<unsigned char>(k[0])) || k[0] == '_');
    for (char ch : k) ident = ident && (std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' || ch == '-');
    return ident ? std::string(k) : quote(k, false);
  }

  bool one_line(const Block& b) const {
    return text_.substr(b.open, b.close - b.open).find('\n') == std::string_view::npos;
  }

  // `\n    key = ` for a new attribute after the block's last one, aligned like the others.
  std::string new_attr_prefix(const TfCaller& c, std::string_view key) const {
    const Attr& last = c.assume.attrs.back();
    const Attr& ref = c.assume.attrs.front();
    bool aligned = false;
    std::size_t eq_col = 0;
    for (const Attr& a : c.assume.attrs) {
      aligned = aligned || a.eq - a.name_end > 1;
      eq_col = std::max(eq_col, a.eq - a.name_begin);
    }
    const std::string_view indent = text_.substr(last.line_start, last.name_begin - last.line_start);
    std::string pad = " ";
    if (aligned && eq_col > key.size()) pad = std::string(eq_col - key.size(), ' ');
    if (!aligned && ref.eq == ref.name_end) pad.clear();
    std::string after = " ";
    if (ref.value_begin == ref.eq + 1) after.clear();
    return std::string(newline_of(text_)) + std::string(indent) + std::string(key) + pad + "=" + after;
  }

  static std::string quote(std::string_view v, bool escaped) {
    std::string out = escaped ? "\\\"" : "\"";
    for (std::size_t i = 0; i < v.size(); ++i) {
      const char c = v[i];
      if (!escaped && (c == '"' || c == '\\')) out += '\\';
      if (c == '$' && i + 1 < v.size() && v[i + 1] == '{') out += '$';  // literal ${
      out += c;
    }
    return out + (escaped ? "\\\"" : "\"");
  }

  bool label_is(std::size_t i, std::string_view label) const {
    return i < toks_.size() && (toks_[i].kind == Tok::String || toks_[i].kind == Tok::Ident) &&
           toks_[i].value == label;
  }

  std::size_t skip_newlines(std::size_t i) const {
    while (i < toks_.size() && toks_[i].kind == Tok::Newline) ++i;
    return i;
  }

  // Reads the body of the block whose `{` is toks_[open]. Nested assume_role blocks are
  // recorded in `caller`. Returns the index of the closing `}` in `end`.
  bool read_body(std::size_t open, Block& block, TfCaller* caller, int depth, std::size_t& end,
                 SyntaxError& error) {
    if (depth > kMaxDepth) {
      error = {"CALLER_TOO_DEEP", "The Terraform blocks are nested too deeply.", toks_[open].begin};
      return false;
    }
    block.open = toks_[open].begin;
    std::size_t i = open + 1;
    while (i < toks_.size()) {
      const Token& t = toks_[i];
      if (t.kind == Tok::End) {
        error = {"CALLER_SYNTAX", "This block is never closed: a '}' is missing.", toks_[open].begin};
        return false;
      }
      if (t.kind == Tok::Punct && t.value == "}") {
        block.close = t.begin;
        end = i;
        return true;
      }
      if (t.kind == Tok::Ident || (t.kind == Tok::String && block.type != "provider")) {
        std::size_t j = i + 1;
        if (toks_[j].kind == Tok::Punct && (toks_[j].value == "=" || toks_[j].value == ":")) {
          // attribute (or object key)
          Attr a;
          a.name = t.value;
          a.name_begin = t.begin;
          a.name_end = t.end;
          a.eq = toks_[j].begin;
          a.line_start = line_begin(text_, t.begin);
          std::size_t k = j + 1;
          // `assume_role = { ... }` as an attribute reads like a block.
          if (caller && (a.name == "assume_role" || a.name == "assume_role_with_web_identity")) {
            std::size_t b = skip_newlines(k);
            if (toks_[b].kind == Tok::Punct && toks_[b].value == "{") {
              caller->has_assume = true;
              caller->assume = Block{};
              caller->assume.type = a.name;
              std::size_t e = 0;
              if (!read_body(b, caller->assume, nullptr, depth + 1, e, error)) return false;
              i = e + 1;
              continue;
            }
          }
          if (!read_expression(k, a, depth, error)) return false;
          block.attrs.push_back(std::move(a));
          i = k;
          continue;
        }
        // nested block: IDENT [labels] {
        while (j < toks_.size() && (toks_[j].kind == Tok::String || toks_[j].kind == Tok::Ident)) ++j;
        j = skip_newlines(j);
        if (toks_[j].kind == Tok::Punct && toks_[j].value == "{") {
          Block nested;
          nested.type = t.value;
          std::size_t e = 0;
          if (!read_body(j, nested, nullptr, depth + 1, e, error)) return false;
          if (caller && (t.value == "assume_role" || t.value == "assume_role_with_web_identity") && !caller->has_assume) {
            caller->has_assume = true;
            caller->assume = std::move(nested);
          }
          i = e + 1;
          continue;
        }
      }
      ++i;
    }
    error = {"CALLER_SYNTAX", "This block is never closed: a '}' is missing.", toks_[open].begin};
    return false;
  }

  // An expression runs to the end of the line (or a ',' / '}' on one-line objects), with
  // brackets balanced across lines.
  bool read_expression(std::size_t& k, Attr& a, int depth, SyntaxError& error) {
    std::size_t first = k;
    while (first < toks_.size() && toks_[first].kind == Tok::Newline) ++first;
    int nest = 0;
    std::size_t last = first;
    std::size_t i = first;
    for (; i < toks_.size(); ++i) {
      const Token& t = toks_[i];
      if (t.kind == Tok::End) break;
      if (t.kind == Tok::Newline && nest == 0 && i > first) break;
      if (t.kind == Tok::Punct) {
        if (t.value == "{" || t.value == "[" || t.value == "(") {
          if (++nest + depth > kMaxDepth) {
            error = {"CALLER_TOO_DEEP", "The Terraform expression is nested too deeply.", t.begin};
            return false;
          }
        } else if (t.value == "}" || t.value == "]" || t.value == ")") {
          if (nest == 0) break;  // the enclosing block's brace
          --nest;
        } else if (t.value == "," && nest == 0) {
          break;
        }
      }
      if (t.kind != Tok::Newline) last = i;
    }
    if (first >= toks_.size() || toks_[first].kind == Tok::End) {
      a.value_begin = a.value_end = toks_[std::min(first, toks_.size() - 1)].begin;
      k = i;
      return true;
    }
    a.value_begin = toks_[first].begin;
    a.value_end = toks_[last].end;
    a.kind = toks_[first].kind;
    a.simple = last == first && (a.kind == Tok::String || a.kind == Tok::Number || a.kind == Tok::Heredoc);
    a.escaped_quotes = toks_[first].escaped_quotes;
    a.value = a.simple ? toks_[first].value : std::string(text_.substr(a.value_begin, a.value_end - a.value_begin));
    if (a.simple && a.kind == Tok::Heredoc) {
      while (!a.value.empty() && (a.value.back() == '\n' || a.value.back() == '\r')) a.value.pop_back();
    }
    // { key = "value", ... } maps (tags)
    if (toks_[first].kind == Tok::Punct && toks_[first].value == "{") {
      a.map_literal = toks_[last].kind == Tok::Punct && toks_[last].value == "}";
      a.map_open = toks_[first].begin;
      a.map_close = toks_[last].begin;
      for (std::size_t m = first + 1; m + 2 <= last; ++m) {
        if ((toks_[m].kind == Tok::Ident || toks_[m].kind == Tok::String) && toks_[m + 1].kind == Tok::Punct &&
            (toks_[m + 1].value == "=" || toks_[m + 1].value == ":") &&
            (toks_[m + 2].kind == Tok::String || toks_[m + 2].kind == Tok::Number)) {
          a.map.emplace_back(toks_[m].value, toks_[m + 2].value);
          a.entries.push_back({toks_[m].begin, toks_[m + 2].begin, toks_[m + 2].end, toks_[m + 2].escaped_quotes});
          m += 2;
        } else if (toks_[m].kind != Tok::Newline && !(toks_[m].kind == Tok::Punct && toks_[m].value == ",")) {
          a.map_literal = false;  // computed keys or values: not a plain map
        }
      }
    }
    k = i;
    return true;
  }

  CallerConfig build(const TfCaller& c, std::size_t begin) const {
    CallerConfig cfg;
    cfg.name = c.provider.type == "backend" ? "backend" : "";
    cfg.span.start.offset = begin;
    cfg.span.end.offset = std::max(c.provider.close, c.assume.close) + 1;
    for (const Attr& a : c.provider.attrs) {
      if (a.name == "region" || a.name == "profile")
        cfg.fields.push_back(raw_field(a.name, a.value, a.name_begin, a.name_end, a.value_begin, a.value_end));
      if (a.name == "alias" && a.simple) cfg.name = a.value;
    }
    if (c.has_assume) {
      const bool web = c.assume.type == "assume_role_with_web_identity";
      cfg.operation = web ? "AssumeRoleWithWebIdentity" : "AssumeRole";
      for (const Attr& a : c.assume.attrs) {
        std::string field = a.name;
        std::string value = a.value;
        if (a.name == "duration") {
          field = "duration_seconds";
          const long s = parse_go_duration(a.value);
          if (s >= 0) value = std::to_string(s);
        } else if (a.name == "session_name") {
          field = "session_name";
        } else if (a.name == "web_identity_token") {
          cfg.fields.push_back(raw_field(field, "", a.name_begin, a.name_end, a.value_begin, a.value_end, true));
          continue;
        } else if (a.name == "tags") {
          for (const auto& [k, v] : a.map) cfg.tags.push_back({k, v});
        } else if (a.name != "role_arn" && a.name != "external_id" && a.name != "duration_seconds" &&
                   a.name != "source_identity" && a.name != "web_identity_token_file" && a.name != "policy" &&
                   a.name != "policy_arns" && a.name != "transitive_tag_keys") {
          continue;
        }
        cfg.fields.push_back(raw_field(field, value, a.name_begin, a.name_end, a.value_begin, a.value_end));
      }
    }
    return cfg;
  }

  std::string_view text_;
  std::vector<Token> toks_;
  std::vector<TfCaller> callers_;
};

}  // namespace

std::unique_ptr<CallerSyntax> make_terraform_syntax() { return std::make_unique<TerraformSyntax>(); }

}  // namespace stackengine::caller_detail
