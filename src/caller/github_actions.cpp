// GitHub Actions steps that use aws-actions/configure-aws-credentials. Read line by line
// rather than as YAML: users paste fragments with broken indentation (one corpus step has
// `uses:` indented deeper than `- name:`), and a fix must keep every other byte anyway.
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "caller/syntax.hpp"

namespace stackengine::caller_detail {
namespace {

struct Line {
  std::size_t start = 0, stop = 0;  // without the newline
  std::size_t indent = 0;           // bytes of leading whitespace
  std::string_view body;            // trimmed, comments kept
  bool blank_or_comment = false;
};

struct Entry {
  std::string key;
  std::size_t line = 0;
  std::size_t key_begin = 0, key_end = 0;
  std::size_t value_begin = 0, value_end = 0;  // as written, quotes included, comment excluded
  char style = 0;                              // '\'', '"' or 0 (plain)
  std::string value;
};

struct Step {
  std::size_t uses_line = 0;
  std::size_t with_line = std::string::npos;
  std::vector<Entry> entries;
  std::size_t begin = 0, end = 0;
};

constexpr std::pair<std::string_view, std::string_view> kInputs[] = {
    {"role-to-assume", "role_arn"},
    {"role-external-id", "external_id"},
    {"role-session-name", "session_name"},
    {"role-duration-seconds", "duration_seconds"},
    {"role-chaining", "role_chaining"},
    {"aws-region", "region"},
    {"web-identity-token-file", "web_identity_token_file"},
    {"aws-access-key-id", "aws_access_key_id"},
    {"aws-secret-access-key", "aws_secret_access_key"},
    {"aws-session-token", "aws_session_token"},
    {"aws-profile", "profile"},
    {"inline-session-policy", "policy"},
    {"managed-session-policies", "policy_arns"},
};

std::string_view field_of(std::string_view key) {
  for (const auto& [k, f] : kInputs)
    if (k == key) return f;
  return {};
}
std::string_view input_of(std::string_view field) {
  for (const auto& [k, f] : kInputs)
    if (f == field) return k;
  return {};
}

// A YAML scalar that needs no quotes in block context.
bool plain_yaml(std::string_view v) {
  if (!is_plain_word(v)) return false;
  const char c = v.front();
  if (c == '@' || c == '-' || c == ':' || c == ',' || c == '=') return false;
  return v.find(": ") == std::string_view::npos;
}

class GithubActionsSyntax final : public CallerSyntax {
 public:
  std::string_view format() const override { return "github-actions"; }

  std::vector<CallerConfig> parse(std::string_view text, SyntaxError& error) override {
    (void)error;
    text_ = text;
    split_lines();
    std::vector<CallerConfig> out;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      std::string_view b = lines_[i].body;
      if (b.substr(0, 2) == "- ") b.remove_prefix(2);
      while (!b.empty() && is_space(b.front())) b.remove_prefix(1);
      if (b.substr(0, 5) != "uses:") continue;
      std::string_view v = b.substr(5);
      while (!v.empty() && (is_space(v.front()) || v.front() == '"' || v.front() == '\'')) v.remove_prefix(1);
      if (v.substr(0, 37) != "aws-actions/configure-aws-credentials") continue;
      Step step = read_step(i);
      out.push_back(build(step));
      for (CallerProblem& p : notes_out_) notes.push_back(std::move(p));
      notes_out_.clear();
      steps_.push_back(std::move(step));
    }
    return out;
  }

  bool set_field(std::size_t index, std::string_view field, std::string_view value, Edit& edit,
                 std::string& reason) override {
    if (index >= steps_.size()) return false;
    const Step& s = steps_[index];
    const std::string_view input = input_of(field);
    if (input.empty() || field == "token_code" || field == "mfa_serial" || field == "source_identity") {
      reason = "configure-aws-credentials has no input for " + std::string(field) +
               "; run `aws sts assume-role` in a later step if the role requires it.";
      return false;
    }
    if (field == "external_id" && web_identity(s)) {
      reason = "This step assumes the role with GitHub's OIDC token (AssumeRoleWithWebIdentity), "
               "which cannot send an ExternalId: condition the trust policy on "
               "token.actions.githubusercontent.com:sub instead, or add role-chaining.";
      return false;
    }
    for (auto it = s.entries.rbegin(); it != s.entries.rend(); ++it) {
      if (it->key != input) continue;
      edit.begin = it->value_begin;
      edit.end = it->value_end;
      edit.text = render(value, it->style);
      edit.value_begin = it->style ? 1 : 0;
      edit.value_end = edit.text.size() - (it->style ? 1 : 0);
      return true;
    }
    const std::string_view nl = newline_of(text_);
    std::string add;
    std::size_t at;
    if (s.with_line == std::string::npos) {
      // No `with:` yet: open one under `uses:`, at the same key indentation.
      const Line& u = lines_[s.uses_line];
      const std::size_t col = text_.substr(u.start, u.stop - u.start).find("uses:");
      const std::string pad(col, ' ');
      add = std::string(nl) + pad + "with:" + std::string(nl) + pad + "  ";
      at = u.stop;
    } else {
      const std::size_t last = s.entries.empty() ? s.with_line : s.entries.back().line;
      const Line& l = lines_[last];
      std::string indent;
      if (s.entries.empty())
        indent = std::string(text_.substr(lines_[s.with_line].start, lines_[s.with_line].indent)) + "  ";
      else
        indent = std::string(text_.substr(l.start, s.entries.back().key_begin - l.start));
      add = std::string(nl) + indent;
      at = l.stop;
    }
    add += std::string(input) + ": ";
    edit.value_begin = add.size();
    const std::string v = render(value, 0);
    add += v;
    edit.value_end = add.size();
    if (v.front() == '\'') {
      ++edit.value_begin;
      --edit.value_end;
    }
    edit.begin = edit.end = at;
    edit.text = std::move(add);
    return true;
  }

 private:
  static bool web_identity(const Step& s) {
    bool keys = false, chaining = false;
    for (const Entry& e : s.entries) {
      keys = keys || e.key == "aws-access-key-id";
      chaining = chaining || (e.key == "role-chaining" && to_lower(e.value) == "true");
    }
    return !keys && !chaining;
  }

  static std::string render(std::string_view v, char style) {
    if (style == '"') return json_quote(v);
    if (style == 0 && plain_yaml(v)) return std::string(v);
    std::string out = "'";
    for (char c : v) {
      out += c;
      if (c == '\'') out += '\'';
    }
    return out + "'";
  }

  void split_lines() {
    std::size_t i = 0;
    while (i <= text_.size()) {
      std::size_t e = text_.find('\n', i);
      if (e == std::string_view::npos) e = text_.size();
      Line l;
      l.start = i;
      l.stop = (e > i && text_[e - 1] == '\r') ? e - 1 : e;
      std::size_t b = i;
      while (b < l.stop && is_space(text_[b])) ++b;
      std::size_t last = l.stop;
      while (last > b && is_space(text_[last - 1])) --last;
      l.indent = b - i;
      l.body = text_.substr(b, last - b);
      l.blank_or_comment = l.body.empty() || l.body.front() == '#' || l.body.substr(0, 3) == "```";
      lines_.push_back(l);
      if (e >= text_.size()) break;
      i = e + 1;
    }
  }

  // The list item holding `uses:` starts at the nearest `- ` at or left of it; the step ends
  // at the next line that is not more indented than that dash.
  Step read_step(std::size_t uses) {
    Step s;
    s.uses_line = uses;
    std::size_t item = uses;
    std::size_t dash_indent = lines_[uses].indent;
    if (lines_[uses].body.substr(0, 2) != "- ") {
      for (std::size_t j = uses; j-- > 0 && uses - j < 200;) {
        if (lines_[j].blank_or_comment) continue;
        if (lines_[j].body.substr(0, 2) == "- " && lines_[j].indent <= lines_[uses].indent) {
          item = j;
          dash_indent = lines_[j].indent;
          break;
        }
        if (lines_[j].indent < lines_[uses].indent && lines_[j].body.back() == ':') {
          dash_indent = lines_[uses].indent;
          break;
        }
      }
    }
    s.begin = lines_[item].start + lines_[item].indent;
    const bool has_dash = item != uses || lines_[uses].body.substr(0, 2) == "- ";
    std::size_t end_line = uses;
    for (std::size_t j = uses + 1; j < lines_.size(); ++j) {
      const Line& l = lines_[j];
      if (l.blank_or_comment) continue;
      const bool ends = has_dash ? l.indent <= dash_indent
                                 : (l.indent < lines_[uses].indent ||
                                    (l.indent == lines_[uses].indent && l.body.substr(0, 2) == "- "));
      if (ends) break;
      end_line = j;
    }
    // A `- uses:` item keeps its keys at the indentation after the dash.
    for (std::size_t j = item; j <= end_line; ++j) {
      std::string_view b = lines_[j].body;
      if (b.substr(0, 2) == "- ") b.remove_prefix(2);
      while (!b.empty() && is_space(b.front())) b.remove_prefix(1);
      if (b == "with:" || b.substr(0, 6) == "with: ") {
        s.with_line = j;
        break;
      }
    }
    s.end = lines_[end_line].stop;
    if (s.with_line == std::string::npos) return s;
    const std::size_t with_indent = key_column(s.with_line);
    for (std::size_t j = s.with_line + 1; j <= end_line; ++j) {
      const Line& l = lines_[j];
      if (l.blank_or_comment) continue;
      if (l.indent <= with_indent) break;
      const std::size_t colon = l.body.find(':');
      if (colon == std::string_view::npos) continue;
      Entry e;
      e.line = j;
      e.key_begin = l.start + l.indent;
      e.key_end = e.key_begin + colon;
      e.key = std::string(l.body.substr(0, colon));
      std::size_t vb = e.key_end + 1;
      while (vb < l.stop && is_space(text_[vb])) ++vb;
      std::size_t ve = vb;
      if (vb < l.stop && (text_[vb] == '\'' || text_[vb] == '"')) {
        e.style = text_[vb];
        ve = vb + 1;
        while (ve < l.stop) {
          if (text_[ve] == e.style) {
            if (e.style == '\'' && ve + 1 < l.stop && text_[ve + 1] == '\'') {
              e.value += '\'';
              ve += 2;
              continue;
            }
            ++ve;
            break;
          }
          if (e.style == '"' && text_[ve] == '\\' && ve + 1 < l.stop) ++ve;
          e.value += text_[ve++];
        }
      } else {
        // Plain scalar: up to a ` #` comment.
        ve = vb;
        std::size_t last = vb;
        while (ve < l.stop) {
          if (text_[ve] == '#' && ve > vb && is_space(text_[ve - 1])) break;
          if (!is_space(text_[ve])) last = ve + 1;
          ++ve;
        }
        ve = last;
        e.value = std::string(text_.substr(vb, ve - vb));
      }
      e.value_begin = vb;
      e.value_end = ve;
      s.entries.push_back(std::move(e));
    }
    return s;
  }

  std::size_t key_column(std::size_t line) const {
    const Line& l = lines_[line];
    std::size_t col = l.indent;
    if (l.body.substr(0, 2) == "- ") col += 2;
    return col;
  }

  CallerConfig build(const Step& s) const {
    CallerConfig c;
    c.span.start.offset = s.begin;
    c.span.end.offset = s.end;
    bool role = false;
    for (const Entry& e : s.entries) {
      const std::string_view field = field_of(e.key);
      if (field.empty()) continue;
      const bool secret = field == "aws_secret_access_key" || field == "aws_session_token" ||
                          field == "aws_access_key_id";
      c.fields.push_back(raw_field(std::string(field), e.value, e.key_begin, e.key_end,
                                   e.value_begin, e.value_end, secret));
      role = role || field == "role_arn";
    }
    if (role) c.operation = web_identity(s) ? "AssumeRoleWithWebIdentity" : "AssumeRole";
    bool skip_tags = false;
    for (const Entry& e : s.entries)
      skip_tags = skip_tags || (e.key == "role-skip-session-tagging" && to_lower(e.value) == "true");
    if (c.operation == "AssumeRole" && !skip_tags) {
      // The action tags AssumeRole sessions (Repository, Workflow, Action, Actor, Commit, Branch).
      CallerProblem p{"CALLER_GHA_SESSION_TAGS", "tags",
                      "configure-aws-credentials tags this session (Repository, Workflow, Action, "
                      "Actor, Commit, Branch), so the role's trust policy must also allow "
                      "sts:TagSession, or set role-skip-session-tagging: true.",
                      {}};
      p.location.offset = s.begin;
      notes_out_.push_back(std::move(p));
    }
    // The step's name, for telling several steps apart.
    const std::string_view step_text = text_.substr(s.begin, s.end - s.begin);
    const std::size_t n = step_text.find("name:");
    if (n != std::string_view::npos && (n == 0 || step_text[n - 1] == ' ' || step_text[n - 1] == '-')) {
      std::size_t b = n + 5, e = step_text.find('\n', b);
      if (e == std::string_view::npos) e = step_text.size();
      std::string_view name = step_text.substr(b, e - b);
      while (!name.empty() && std::isspace(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
      while (!name.empty() && std::isspace(static_cast<unsigned char>(name.back()))) name.remove_suffix(1);
      c.name = std::string(name);
    }
    return c;
  }

  std::string_view text_;
  mutable std::vector<CallerProblem> notes_out_;
  std::vector<Line> lines_;
  std::vector<Step> steps_;
};

}  // namespace

std::unique_ptr<CallerSyntax> make_github_actions_syntax() {
  return std::make_unique<GithubActionsSyntax>();
}

}  // namespace stackengine::caller_detail
