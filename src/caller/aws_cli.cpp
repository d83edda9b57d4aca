// `aws sts assume-role...` command lines. A small shell word splitter (POSIX sh, PowerShell,
// cmd) that remembers where every unquoted byte came from, so a value can be located and
// replaced inside its quotes, and a new option can be added with the continuation the
// command already uses.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

#include "caller/syntax.hpp"

namespace stackengine::caller_detail {
namespace {

enum class Dialect { Posix, PowerShell, Cmd };

struct Word {
  std::size_t begin = 0, end = 0;  // raw bytes, quotes included
  std::string value;               // after quote removal
  std::vector<std::uint32_t> origin;  // raw offset of each value byte (input <= 256 MiB)
  char style = 0;                  // '"' or '\'' when the word starts quoted
};

using Command = std::vector<Word>;

// Lines ending in a backtick mean PowerShell, in a caret mean cmd; otherwise POSIX sh.
Dialect detect_dialect(std::string_view t) {
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t[i] != '\n') continue;
    std::size_t j = i;
    if (j > 0 && t[j - 1] == '\r') --j;
    while (j > 0 && is_space(t[j - 1])) --j;
    if (j == 0) continue;
    if (t[j - 1] == '`') return Dialect::PowerShell;
    if (t[j - 1] == '^') return Dialect::Cmd;
  }
  return Dialect::Posix;
}

bool is_newline_at(std::string_view t, std::size_t i, std::size_t& len) {
  if (i < t.size() && t[i] == '\n') {
    len = 1;
    return true;
  }
  if (i + 1 < t.size() && t[i] == '\r' && t[i + 1] == '\n') {
    len = 2;
    return true;
  }
  return false;
}

class Splitter {
 public:
  Splitter(std::string_view t, Dialect d) : t_(t), d_(d) {}

  std::vector<Command> split() {
    const char esc = d_ == Dialect::PowerShell ? '`' : d_ == Dialect::Cmd ? '^' : '\\';
    std::size_t i = 0;
    while (i < t_.size()) {
      const char c = t_[i];
      std::size_t nl = 0;
      if (c == esc && is_newline_at(t_, i + 1, nl)) {  // continuation: the line goes on
        i += 1 + nl;
        continue;
      }
      if (is_newline_at(t_, i, nl)) {
        end_word();
        end_command();
        i += nl;
        continue;
      }
      if (c == ' ' || c == '\t') {
        end_word();
        ++i;
        continue;
      }
      if (!in_word_ && c == '#' && d_ != Dialect::Cmd) {
        while (i < t_.size() && t_[i] != '\n') ++i;
        continue;
      }
      if (!in_word_ && cur_.empty() && d_ == Dialect::Cmd && line_starts_comment(i)) {
        while (i < t_.size() && t_[i] != '\n') ++i;
        continue;
      }
      const bool op = c == ';' || c == '|' || (c == '&' && d_ != Dialect::PowerShell) ||
                      c == '<' || c == '>' || (d_ == Dialect::Posix && (c == '(' || c == ')'));
      if (op) {
        end_word();
        end_command();
        ++i;
        continue;
      }
      start_word(i);
      if (c == esc && i + 1 < t_.size()) {
        put(i + 1);
        i += 2;
      } else if (c == '\'' && d_ != Dialect::Cmd) {
        if (word_.value.empty() && word_.begin == i) word_.style = '\'';
        quote_at_ = i;
        i = single_quoted(i + 1);
      } else if (c == '"') {
        if (word_.value.empty() && word_.begin == i) word_.style = '"';
        quote_at_ = i;
        i = double_quoted(i + 1);
      } else if (c == '$' && i + 1 < t_.size() && t_[i + 1] == '(' && d_ != Dialect::Cmd) {
        i = substitution(i);
      } else if (c == '`' && d_ == Dialect::Posix) {
        const std::size_t e = t_.find('`', i + 1);
        const std::size_t stop = e == std::string_view::npos ? t_.size() : e + 1;
        for (; i < stop; ++i) put(i);
      } else {
        put(i);
        ++i;
      }
    }
    end_word();
    end_command();
    return std::move(commands_);
  }

 private:
  bool line_starts_comment(std::size_t i) const {
    const std::string_view rest = t_.substr(i);
    return rest.substr(0, 2) == "::" ||
           (starts_with_ci(rest, "rem") && (rest.size() == 3 || std::isspace(static_cast<unsigned char>(rest[3]))));
  }
  void start_word(std::size_t i) {
    if (in_word_) return;
    in_word_ = true;
    word_ = Word{};
    word_.begin = i;
  }
  void put(std::size_t i) {
    word_.value += t_[i];
    word_.origin.push_back(static_cast<std::uint32_t>(i));
    word_.end = i + 1;
  }
  std::size_t single_quoted(std::size_t i) {
    while (i < t_.size()) {
      if (t_[i] == '\'') {
        if (d_ == Dialect::PowerShell && i + 1 < t_.size() && t_[i + 1] == '\'') {
          put(i);
          i += 2;
          continue;
        }
        word_.end = i + 1;
        return i + 1;
      }
      put(i++);
    }
    word_.end = t_.size();
    unterminated_ = std::min(unterminated_, quote_at_);
    return i;
  }
  std::size_t double_quoted(std::size_t i) {
    while (i < t_.size()) {
      const char c = t_[i];
      if (c == '"') {
        if (d_ == Dialect::PowerShell && i + 1 < t_.size() && t_[i + 1] == '"') {
          put(i);
          i += 2;
          continue;
        }
        word_.end = i + 1;
        return i + 1;
      }
      if (d_ == Dialect::Posix && c == '\\' && i + 1 < t_.size()) {
        const char n = t_[i + 1];
        std::size_t nl = 0;
        if (is_newline_at(t_, i + 1, nl)) {
          i += 1 + nl;
          continue;
        }
        if (n == '"' || n == '\\' || n == '$' || n == '`') {
          put(i + 1);
          i += 2;
          continue;
        }
      }
      if (d_ == Dialect::PowerShell && c == '`' && i + 1 < t_.size()) {
        put(i + 1);
        i += 2;
        continue;
      }
      put(i++);
    }
    word_.end = t_.size();
    unterminated_ = std::min(unterminated_, quote_at_);
    return i;
  }
  std::size_t substitution(std::size_t i) {
    int depth = 0;
    const std::size_t start = i;
    for (; i < t_.size(); ++i) {
      if (t_[i] == '(') ++depth;
      if (t_[i] == ')' && --depth == 0) {
        ++i;
        break;
      }
    }
    for (std::size_t k = start; k < i; ++k) put(k);
    return i;
  }
  void end_word() {
    if (!in_word_) return;
    in_word_ = false;
    if (word_.end < word_.begin) word_.end = word_.begin;
    cur_.push_back(std::move(word_));
  }
  void end_command() {
    if (!cur_.empty()) commands_.push_back(std::move(cur_));
    cur_.clear();
  }

  std::string_view t_;
  Dialect d_;
  std::size_t quote_at_ = 0;

 public:
  std::size_t unterminated_ = std::string_view::npos;  // offset of a quote that never closes

 private:
  bool in_word_ = false;
  Word word_;
  Command cur_;
  std::vector<Command> commands_;
};

// How a field's value is written, so a replacement keeps it.
struct Site {
  std::string name;
  std::size_t begin = 0, end = 0;
  char kind = 0;  // 'w' shell word (style in `style`), 'j' JSON string, 'n' JSON number
  char style = 0;
};

struct CliCaller {
  std::string operation;
  std::vector<Site> sites;
  std::size_t insert_at = 0;    // after the last argument
  std::string separator = " ";  // copied from before the last option
  bool has_tags = false;
  bool tags_json = false;       // --tags '[{"Key": ...}]': edited by hand, not here
  std::size_t tags_end = 0;     // after the last --tags item
  char tags_style = 0;
  struct TagSite {
    CallerTag tag;
    std::size_t begin = 0, end = 0;  // the word `Key=k,Value=v` as written
    char style = 0;
  };
  std::vector<TagSite> tag_sites;
};

struct OptionSpec {
  std::string_view option;
  std::string_view field;
  bool list;
  bool secret;
};

constexpr OptionSpec kOptions[] = {
    {"--role-arn", "role_arn", false, false},
    {"--role-session-name", "session_name", false, false},
    {"--external-id", "external_id", false, false},
    {"--serial-number", "mfa_serial", false, false},
    {"--token-code", "token_code", false, false},
    {"--duration-seconds", "duration_seconds", false, false},
    {"--source-identity", "source_identity", false, false},
    {"--tags", "tags", true, false},
    {"--transitive-tag-keys", "transitive_tag_keys", true, false},
    {"--web-identity-token", "web_identity_token", false, true},
    {"--provider-id", "provider_id", false, false},
    {"--principal-arn", "principal_arn", false, false},
    {"--saml-assertion", "saml_assertion", false, true},
    {"--policy", "policy", false, false},
    {"--policy-arns", "policy_arns", true, false},
    {"--profile", "profile", false, false},
    {"--region", "region", false, false},
    {"--cli-input-json", "cli_input_json", false, false},
};

constexpr std::string_view kGlobalFlags[] = {
    "--debug", "--no-verify-ssl", "--no-paginate", "--no-sign-request", "--no-cli-pager",
    "--cli-auto-prompt", "--no-cli-auto-prompt", "--generate-cli-skeleton"};

const OptionSpec* find_option(std::string_view name) {
  for (const OptionSpec& o : kOptions)
    if (o.option == name) return &o;
  return nullptr;
}

bool is_flag(std::string_view name) {
  for (std::string_view f : kGlobalFlags)
    if (f == name) return true;
  return false;
}

std::string operation_of(std::string_view op) {
  if (op == "assume-role") return "AssumeRole";
  if (op == "assume-role-with-web-identity") return "AssumeRoleWithWebIdentity";
  if (op == "assume-role-with-saml") return "AssumeRoleWithSAML";
  if (op == "get-session-token") return "GetSessionToken";
  return "";
}

// `Key=a,Value=b Key=c,Value=d` (shorthand) or a JSON list.
std::vector<CallerTag> parse_tags(const std::vector<const Word*>& words) {
  std::vector<CallerTag> tags;
  for (const Word* w : words) {
    const std::string& v = w->value;
    if (!v.empty() && v.front() == '[') {
      // [{"Key":"a","Value":"b"}, ...]
      std::size_t at = 0;
      while ((at = v.find('{', at)) != std::string::npos) {
        JsonObjectScan s = scan_json_object(v, at);
        if (!s.ok) break;
        CallerTag tag;
        for (const JsonMember& m : s.members) {
          if (m.key == "Key") tag.key = m.value;
          if (m.key == "Value") tag.value = m.value;
        }
        tags.push_back(tag);
        at = s.close + 1;
      }
      continue;
    }
    CallerTag tag;
    std::size_t i = 0;
    while (i < v.size()) {
      std::size_t c = v.find(',', i);
      if (c == std::string::npos) c = v.size();
      const std::string_view part = std::string_view(v).substr(i, c - i);
      if (part.substr(0, 4) == "Key=") tag.key = std::string(part.substr(4));
      if (part.substr(0, 6) == "Value=") tag.value = std::string(part.substr(6));
      i = c + 1;
    }
    if (!tag.key.empty()) tags.push_back(tag);
  }
  return tags;
}

class AwsCliSyntax final : public CallerSyntax {
 public:
  std::string_view format() const override { return "aws-cli"; }

  std::vector<CallerConfig> parse(std::string_view text, SyntaxError& error) override {
    text_ = text;
    dialect_ = detect_dialect(text);
    std::vector<CallerConfig> out;
    Splitter splitter(text, dialect_);
    for (const Command& cmd : splitter.split()) parse_command(cmd, out);
    if (splitter.unterminated_ != std::string_view::npos) {
      for (const CallerConfig& c : out) {
        if (splitter.unterminated_ >= c.span.start.offset && splitter.unterminated_ < c.span.end.offset) {
          error = {"CALLER_SYNTAX", "This quote is never closed, so the shell would wait for more input.",
                   splitter.unterminated_};
          break;
        }
      }
    }
    return out;
  }

  bool set_field(std::size_t index, std::string_view field, std::string_view value, Edit& edit,
                 std::string& reason) override {
    if (index >= callers_.size()) return false;
    const CliCaller& c = callers_[index];
    if (!allowed(c.operation, field, reason)) return false;
    // Replace where it is already written (the last occurrence is the one that takes effect).
    for (auto it = c.sites.rbegin(); it != c.sites.rend(); ++it) {
      if (it->name != field) continue;
      edit.begin = it->begin;
      edit.end = it->end;
      if (it->kind == 'j') {
        edit.text = json_quote(value);
        edit.value_begin = 1;
        edit.value_end = edit.text.size() - 1;
      } else if (it->kind == 'n') {
        edit.text = std::string(value);
        edit.value_end = edit.text.size();
      } else {
        edit.text = quote(value, it->style, field == "duration_seconds" || field == "token_code");
        locate_value(edit);
      }
      return true;
    }
    const std::string_view option = option_for(field);
    std::string word = quote(value, '"', field == "duration_seconds" || field == "token_code");
    edit.begin = edit.end = c.insert_at;
    edit.text = c.separator + std::string(option) + " ";
    edit.value_begin = edit.text.size();
    edit.text += word;
    edit.value_end = edit.text.size();
    if (word.size() >= 2 && word.front() == '"') {
      ++edit.value_begin;
      --edit.value_end;
    }
    return true;
  }

  bool set_tags(std::size_t index, const std::vector<CallerTag>& tags, std::vector<Edit>& edits,
                std::string& reason) override {
    if (index >= callers_.size()) return false;
    const CliCaller& c = callers_[index];
    if (!allowed(c.operation, "tags", reason)) return false;
    if (c.tags_json) {
      reason = "The session tags are given as JSON; add the tag to that list by hand.";
      return false;
    }
    std::string items;
    for (const CallerTag& t : tags) {
      const std::string word = "Key=" + t.key + ",Value=" + t.value;
      const auto site = std::find_if(c.tag_sites.rbegin(), c.tag_sites.rend(),
                                     [&](const CliCaller::TagSite& s) { return s.tag.key == t.key; });
      if (site != c.tag_sites.rend()) {
        if (site->tag.value == t.value) continue;
        Edit e;
        e.begin = site->begin;
        e.end = site->end;
        e.text = quote(word, site->style, false);
        locate_value(e);
        edits.push_back(std::move(e));
        continue;
      }
      if (!items.empty()) items += ' ';
      items += quote(word, c.has_tags ? c.tags_style : 0, false);
    }
    if (items.empty()) return true;
    Edit edit;
    if (c.has_tags) {
      edit.begin = edit.end = c.tags_end;
      edit.text = " " + items;
      edit.value_begin = 1;
    } else {
      edit.begin = edit.end = c.insert_at;
      edit.text = c.separator + "--tags ";
      edit.value_begin = edit.text.size();
      edit.text += items;
    }
    edit.value_end = edit.text.size();
    edits.push_back(std::move(edit));
    return true;
  }

 private:
  static bool allowed(std::string_view op, std::string_view field, std::string& reason) {
    if (op == "AssumeRole") return true;
    if (op == "GetSessionToken") {
      if (field == "mfa_serial" || field == "token_code" || field == "duration_seconds") return true;
      reason = "`aws sts get-session-token` does not assume a role, so it cannot send " +
               std::string(field) + "; add it to the `aws sts assume-role` call instead.";
      return false;
    }
    const bool web = op == "AssumeRoleWithWebIdentity";
    if (field == "duration_seconds" || (web && field == "session_name")) return true;
    reason = std::string(web ? "AssumeRoleWithWebIdentity" : "AssumeRoleWithSAML") +
             " has no " + std::string(field) +
             " parameter; " + (field == "external_id" ? "an external id only exists for AssumeRole."
                                                       : "that value comes from the identity provider's token.");
    return false;
  }

  static std::string_view option_for(std::string_view field) {
    for (const OptionSpec& o : kOptions)
      if (o.field == field) return o.option;
    return "--unknown";  // unreachable for the fields fix_caller sets
  }

  // Quotes for the dialect in the requested style; plain words stay bare when bare is asked.
  std::string quote(std::string_view v, char style, bool numeric) const {
    if (numeric || (style == 0 && is_plain_word(v) &&
                    (dialect_ != Dialect::PowerShell || v.find_first_of(",@") == std::string_view::npos) &&
                    (dialect_ != Dialect::Cmd || v.find_first_of(",=;") == std::string_view::npos)))
      return std::string(v);
    if (style == '\'' && dialect_ != Dialect::Cmd && v.find('\'') == std::string_view::npos)
      return "'" + std::string(v) + "'";
    std::string out = "\"";
    for (char c : v) {
      if (dialect_ == Dialect::Posix && (c == '"' || c == '\\' || c == '$' || c == '`')) out += '\\';
      if (dialect_ == Dialect::PowerShell && (c == '"' || c == '`' || c == '$')) out += '`';
      out += c;
    }
    return out + "\"";
  }

  static void locate_value(Edit& edit) {
    edit.value_begin = 0;
    edit.value_end = edit.text.size();
    if (edit.text.size() >= 2 && (edit.text.front() == '"' || edit.text.front() == '\'')) {
      edit.value_begin = 1;
      edit.value_end = edit.text.size() - 1;
    }
  }

  void add(CallerConfig& cfg, CliCaller& cc, std::string_view field, std::string value,
           std::size_t key_begin, std::size_t key_end, std::size_t begin, std::size_t end,
           bool secret, char kind, char style) {
    cfg.fields.push_back(raw_field(std::string(field), std::move(value), key_begin, key_end, begin, end, secret));
    cc.sites.push_back({std::string(field), begin, end, kind, style});
  }

  static void record_tag_site(CliCaller& cc, const Word& w, std::size_t begin, std::size_t end, char style) {
    if (!w.value.empty() && w.value.front() == '[') {
      cc.tags_json = true;
      return;
    }
    const std::vector<CallerTag> one = parse_tags({&w});
    if (one.size() == 1) cc.tag_sites.push_back({one.front(), begin, end, style});
  }

  // The JSON of --cli-input-json: its members become fields located inside the quotes.
  void parse_input_json(CallerConfig& cfg, CliCaller& cc, const Word& w, std::size_t vb) {
    const std::string_view v = std::string_view(w.value).substr(vb);
    const std::size_t open = v.find('{');
    if (open == std::string_view::npos) return;  // file://input.json: nothing to read here
    JsonObjectScan scan = scan_json_object(v, open);
    if (!scan.ok) return;
    static constexpr std::pair<std::string_view, std::string_view> kKeys[] = {
        {"RoleArn", "role_arn"}, {"RoleSessionName", "session_name"}, {"ExternalId", "external_id"},
        {"SerialNumber", "mfa_serial"}, {"TokenCode", "token_code"},
        {"DurationSeconds", "duration_seconds"}, {"SourceIdentity", "source_identity"},
        {"WebIdentityToken", "web_identity_token"}, {"ProviderId", "provider_id"},
        {"PrincipalArn", "principal_arn"}, {"SAMLAssertion", "saml_assertion"}};
    for (const JsonMember& m : scan.members) {
      for (const auto& [key, field] : kKeys) {
        if (m.key != key) continue;
        const std::size_t b = vb + m.value_begin, e = vb + m.value_end;
        const std::size_t kb = vb + m.key_begin, ke = vb + m.key_end;
        if (e == 0 || e - 1 >= w.origin.size()) continue;
        const std::size_t rb = w.origin[b], re = w.origin[e - 1] + 1;
        // Edit in place only when the raw bytes are the JSON bytes (no shell escaping between).
        const bool verbatim = text_.substr(rb, re - rb) == std::string_view(w.value).substr(b, e - b);
        const bool secret = field == "web_identity_token" || field == "saml_assertion";
        cfg.fields.push_back(raw_field(std::string(field), m.value, w.origin[kb], w.origin[ke - 1] + 1, rb, re, secret));
        if (verbatim && (m.kind == 's' || m.kind == 'n'))
          cc.sites.push_back({std::string(field), rb, re, m.kind == 's' ? 'j' : 'n', 0});
      }
      if (m.key == "Tags" && m.kind == 'a') {
        Word tmp;
        tmp.value = m.value;
        cfg.tags = parse_tags({&tmp});
      }
    }
  }

  void parse_command(const Command& cmd, std::vector<CallerConfig>& out) {
    CallerConfig cfg;
    CliCaller cc;
    std::size_t k = 0;
    const std::size_t n = cmd.size();
    // Prompts and environment prefixes: `$ AWS_PROFILE=dev aws sts ...`.
    while (k < n) {
      const std::string& v = cmd[k].value;
      const std::size_t eq = v.find('=');
      bool env = eq != std::string::npos && eq > 0;
      for (std::size_t i = 0; env && i < eq; ++i)
        env = std::isalnum(static_cast<unsigned char>(v[i])) || v[i] == '_';
      if (env) {
        const std::string name = v.substr(0, eq);
        std::string_view field;
        if (name == "AWS_PROFILE" || name == "AWS_DEFAULT_PROFILE") field = "profile";
        if (name == "AWS_REGION" || name == "AWS_DEFAULT_REGION") field = "region";
        if (!field.empty() && eq + 1 < cmd[k].origin.size())
          add(cfg, cc, field, v.substr(eq + 1), cmd[k].begin, cmd[k].origin[eq] + 1,
              cmd[k].origin[eq + 1], cmd[k].end, false, 'w', 0);
        ++k;
        continue;
      }
      if (v == "$" || v == "sudo" || v == "env" || v == "time" || v == "exec" || v == "PS" ||
          (v.size() > 1 && v.back() == '>' && v.find(':') != std::string::npos)) {
        ++k;
        continue;
      }
      break;
    }
    if (k >= n) return;
    const std::string& prog = cmd[k].value;
    const bool is_aws = prog == "aws" || prog == "aws.exe" || prog == "aws.cmd" ||
                        (prog.size() > 4 && (prog.substr(prog.size() - 4) == "/aws" || prog.substr(prog.size() - 4) == "\\aws"));
    if (!is_aws) return;
    const std::size_t start = cmd[k].begin;
    ++k;
    std::string service, op;
    std::size_t last_option = std::string::npos;
    while (k < n) {
      const Word& w = cmd[k];
      const std::string& v = w.value;
      if (v.size() > 2 && v[0] == '-' && v[1] == '-') {
        last_option = k;
        const std::size_t eq = v.find('=');
        const std::string name = v.substr(0, eq);
        const OptionSpec* spec = find_option(name);
        if (is_flag(name)) {
          ++k;
          continue;
        }
        if (eq != std::string::npos) {  // --opt=value
          if (spec) {
            const std::size_t vb = eq + 1;
            // The raw value starts right after the '=' (a quote there belongs to the value).
            const std::size_t raw_begin = w.origin[eq] + 1;
            char style = 0;
            if (raw_begin < w.end && (text_[raw_begin] == '"' || text_[raw_begin] == '\'')) style = text_[raw_begin];
            add(cfg, cc, spec->field, v.substr(vb), w.begin, w.origin[eq], raw_begin, w.end,
                spec->secret, 'w', style);
            if (spec->field == "cli_input_json") parse_input_json(cfg, cc, w, vb);
            if (spec->field == "tags") {
              cfg.tags = parse_tags({&w});
              cc.has_tags = true;
              cc.tags_end = w.end;
              cc.tags_style = style;
              Word item;
              item.value = v.substr(vb);
              record_tag_site(cc, item, raw_begin, w.end, style);
            }
          }
          ++k;
          continue;
        }
        // --opt value [value ...]
        std::vector<const Word*> values;
        std::size_t j = k + 1;
        while (j < n && !(cmd[j].value.size() > 2 && cmd[j].value.rfind("--", 0) == 0)) {
          values.push_back(&cmd[j]);
          ++j;
          if (!spec || !spec->list) break;
        }
        if (spec && !values.empty()) {
          std::string joined;
          for (const Word* vw : values) joined += (joined.empty() ? "" : " ") + vw->value;
          add(cfg, cc, spec->field, joined, w.begin, w.end, values.front()->begin,
              values.back()->end, spec->secret, 'w', values.size() == 1 ? values.front()->style : 0);
          if (values.size() > 1) cc.sites.pop_back();  // lists are extended, not replaced
          if (spec->field == "cli_input_json") parse_input_json(cfg, cc, *values.front(), 0);
          if (spec->field == "tags") {
            cfg.tags = parse_tags(values);
            cc.has_tags = true;
            cc.tags_end = values.back()->end;
            cc.tags_style = values.back()->style;
            for (const Word* vw : values) record_tag_site(cc, *vw, vw->begin, vw->end, vw->style);
          }
          if (spec->field == "transitive_tag_keys")
            for (const Word* vw : values) cfg.transitive_tag_keys.push_back(vw->value);
        }
        k = j;
        continue;
      }
      if (service.empty()) {
        service = v;
      } else if (op.empty()) {
        op = v;
      }
      ++k;
    }
    if (service != "sts") return;
    cfg.operation = operation_of(op);
    if (cfg.operation.empty()) return;
    cfg.span.start.offset = cfg.fields.empty() ? start : std::min(start, cfg.fields.front().key_span.start.offset);
    cfg.span.end.offset = cmd.back().end;
    cc.operation = cfg.operation;
    cc.insert_at = cmd.back().end;
    if (last_option != std::string::npos && last_option > 0) {
      const std::size_t b = cmd[last_option - 1].end, e = cmd[last_option].begin;
      cc.separator = std::string(text_.substr(b, e - b));
      // A separator that swallowed a comment line is not a style to copy.
      if (cc.separator.find('#') != std::string::npos) cc.separator = " ";
    }
    out.push_back(std::move(cfg));
    callers_.push_back(std::move(cc));
  }

  std::string_view text_;
  Dialect dialect_ = Dialect::Posix;
  std::vector<CliCaller> callers_;
};

}  // namespace

std::unique_ptr<CallerSyntax> make_aws_cli_syntax() { return std::make_unique<AwsCliSyntax>(); }

}  // namespace stackengine::caller_detail
