// Detection, the shared parse/fix pipeline and STS value validation. Each format's syntax
// lives in its own file; this file only dispatches, locates and checks.
#include "stackengine/caller.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <exception>
#include <new>

#include "caller/syntax.hpp"

namespace stackengine {
namespace caller_detail {

bool CallerSyntax::set_tags(std::size_t, const std::vector<CallerTag>&, std::vector<Edit>&,
                            std::string& reason) {
  reason = "This format has no way to pass session tags.";
  return false;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) !=
        std::tolower(static_cast<unsigned char>(prefix[i])))
      return false;
  return true;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::size_t line_begin(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  while (offset > 0 && text[offset - 1] != '\n') --offset;
  return offset;
}

std::size_t line_end(std::string_view text, std::size_t offset) {
  while (offset < text.size() && text[offset] != '\n') ++offset;
  if (offset > 0 && offset <= text.size() && text[offset - 1] == '\r') --offset;
  return offset;
}

std::string_view line_indent(std::string_view text, std::size_t offset) {
  const std::size_t b = line_begin(text, offset);
  std::size_t e = b;
  while (e < text.size() && is_space(text[e])) ++e;
  return text.substr(b, e - b);
}

std::string_view newline_of(std::string_view text) {
  const std::size_t nl = text.find('\n');
  return nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\r' ? "\r\n" : "\n";
}

bool is_plain_word(std::string_view value) {
  if (value.empty()) return false;
  for (char c : value) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' ||
                    c == '.' || c == '/' || c == ':' || c == '+' || c == '=' || c == '@' ||
                    c == ',';
    if (!ok) return false;
  }
  return true;
}

std::string go_duration(int seconds) {
  if (seconds > 0 && seconds % 3600 == 0) return std::to_string(seconds / 3600) + "h";
  if (seconds > 0 && seconds % 60 == 0) return std::to_string(seconds / 60) + "m";
  return std::to_string(seconds) + "s";
}

long parse_go_duration(std::string_view s) {
  if (s.empty()) return -1;
  double total = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.')) ++j;
    if (j == i) return -1;
    const double n = std::atof(std::string(s.substr(i, j - i)).c_str());
    std::size_t k = j;
    while (k < s.size() && std::isalpha(static_cast<unsigned char>(s[k]))) ++k;
    const std::string_view unit = s.substr(j, k - j);
    if (unit == "h") total += n * 3600;
    else if (unit == "m") total += n * 60;
    else if (unit == "s" || (unit.empty() && k == s.size())) total += n;
    else if (unit == "ms") total += n / 1000;
    else return -1;
    i = k;
  }
  return total > 1e9 ? -1 : static_cast<long>(total);
}

std::string json_quote(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

namespace {

// Skips a JSON value starting at i; returns the offset after it or npos. Iterative over
// nesting so deep input cannot exhaust the stack.
std::size_t skip_json_value(std::string_view t, std::size_t i, std::string& error) {
  int depth = 0;
  while (i < t.size()) {
    const char c = t[i];
    if (c == '"') {
      ++i;
      while (i < t.size() && t[i] != '"') i += (t[i] == '\\') ? 2 : 1;
      if (i >= t.size()) {
        error = "A JSON string is not closed.";
        return std::string_view::npos;
      }
      ++i;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) {
        error = "The JSON is nested too deeply.";
        return std::string_view::npos;
      }
      ++i;
    } else if (c == '}' || c == ']') {
      if (depth == 0) return i;
      --depth;
      ++i;
    } else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      return i;
    } else {
      ++i;
    }
    if (depth == 0 && (c == '"' || c == '}' || c == ']')) return i;
  }
  if (depth != 0) {
    error = "A JSON object or array is not closed.";
    return std::string_view::npos;
  }
  return i;
}

void skip_json_space(std::string_view t, std::size_t& i) {
  while (i < t.size() && (t[i] == ' ' || t[i] == '\t' || t[i] == '\n' || t[i] == '\r')) ++i;
}

std::string decode_json_string(std::string_view raw) {
  std::string out;
  for (std::size_t i = 1; i + 1 < raw.size(); ++i) {
    if (raw[i] == '\\' && i + 2 < raw.size()) {
      const char e = raw[++i];
      out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
    } else {
      out += raw[i];
    }
  }
  return out;
}

}  // namespace

JsonObjectScan scan_json_object(std::string_view t, std::size_t at) {
  JsonObjectScan scan;
  scan.open = at;
  std::size_t i = at + 1;
  auto fail = [&](std::size_t where, std::string why) {
    scan.ok = false;
    scan.error_offset = where;
    scan.error = std::move(why);
    return scan;
  };
  for (;;) {
    skip_json_space(t, i);
    if (i >= t.size()) return fail(at, "The JSON object is not closed.");
    if (t[i] == '}') {
      scan.close = i;
      scan.ok = true;
      return scan;
    }
    if (t[i] == ',') {
      ++i;
      continue;
    }
    if (t[i] != '"') return fail(i, "Expected a quoted key in the JSON object.");
    JsonMember m;
    m.key_begin = i;
    std::string err;
    std::size_t e = skip_json_value(t, i, err);
    if (e == std::string_view::npos) return fail(i, err);
    m.key_end = e;
    m.key = decode_json_string(t.substr(i, e - i));
    i = e;
    skip_json_space(t, i);
    if (i >= t.size() || t[i] != ':') return fail(i, "Expected ':' after a JSON key.");
    ++i;
    skip_json_space(t, i);
    if (i >= t.size()) return fail(i, "A JSON value is missing.");
    m.value_begin = i;
    e = skip_json_value(t, i, err);
    if (e == std::string_view::npos) return fail(i, err);
    m.value_end = e;
    const std::string_view raw = t.substr(i, e - i);
    const char c = t[i];
    m.kind = c == '"' ? 's' : c == '{' ? 'o' : c == '[' ? 'a' : (c == '-' || std::isdigit(static_cast<unsigned char>(c))) ? 'n' : 'l';
    m.value = m.kind == 's' ? decode_json_string(raw) : std::string(raw);
    scan.members.push_back(std::move(m));
    i = e;
  }
}

}  // namespace caller_detail

using namespace caller_detail;

const CallerField* CallerConfig::field(std::string_view field_name) const {
  for (auto it = fields.rbegin(); it != fields.rend(); ++it)
    if (it->name == field_name) return &*it;
  return nullptr;
}

namespace {

bool contains(std::string_view hay, std::string_view needle) {
  return hay.find(needle) != std::string_view::npos;
}

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
}

// `word` appears as a whole word followed (after spaces) by `next`, e.g. "provider" "aws".
bool is_sts_word(std::string_view t, std::size_t s) {
  const bool left = s == 0 || std::isspace(static_cast<unsigned char>(t[s - 1]));
  const bool right = s + 3 >= t.size() || std::isspace(static_cast<unsigned char>(t[s + 3]));
  return left && right;
}

// An `aws` word followed, within the same (possibly continued) command, by the word `sts`.
// The positions of `sts` are found once, so text full of `aws` stays linear.
bool has_aws_command(std::string_view t) {
  std::vector<std::size_t> sts;
  for (std::size_t s = t.find("sts"); s != std::string_view::npos; s = t.find("sts", s + 1))
    if (is_sts_word(t, s)) sts.push_back(s);
  if (sts.empty()) return false;
  for (std::size_t at = t.find("aws"); at != std::string_view::npos; at = t.find("aws", at + 1)) {
    if (at > 0 && (is_word_char(t[at - 1]) || t[at - 1] == '.')) continue;
    std::size_t e = at + 3;
    if (t.substr(e, 4) == ".exe") e += 4;
    if (e < t.size() && !std::isspace(static_cast<unsigned char>(t[e]))) continue;
    const auto next = std::lower_bound(sts.begin(), sts.end(), e);
    if (next == sts.end()) return false;
    if (*next - e > 2000) continue;
    // A newline that is not a continuation (\, ` or ^ before it) ends the command.
    bool same = true;
    for (std::size_t k = e; k < *next && same; ++k) {
      if (t[k] != '\n') continue;
      std::size_t j = k;
      if (j > e && t[j - 1] == '\r') --j;
      same = j > e && (t[j - 1] == '\\' || t[j - 1] == '`' || t[j - 1] == '^');
    }
    if (same) return true;
  }
  return false;
}

bool has_terraform_provider(std::string_view t) {
  for (std::size_t at = t.find("provider"); at != std::string_view::npos;
       at = t.find("provider", at + 1)) {
    if (at > 0 && is_word_char(t[at - 1])) continue;
    std::size_t i = at + 8;
    while (i < t.size() && std::isspace(static_cast<unsigned char>(t[i]))) ++i;
    if (t.substr(i, 5) == "\"aws\"" || (t.substr(i, 3) == "aws" && (i + 3 >= t.size() || !is_word_char(t[i + 3]))))
      return true;
  }
  for (std::string_view block : {"assume_role_with_web_identity", "assume_role"}) {
    for (std::size_t at = t.find(block); at != std::string_view::npos; at = t.find(block, at + 1)) {
      std::size_t i = at + block.size();
      if (i < t.size() && is_word_char(t[i])) continue;
      while (i < t.size() && std::isspace(static_cast<unsigned char>(t[i]))) ++i;
      if (i < t.size() && t[i] == '=') ++i;
      while (i < t.size() && std::isspace(static_cast<unsigned char>(t[i]))) ++i;
      if (i < t.size() && t[i] == '{') return true;
    }
  }
  return false;
}

bool has_ini_profiles(std::string_view t) {
  static constexpr std::string_view kKeys[] = {
      "role_arn", "source_profile", "aws_access_key_id", "credential_source", "mfa_serial",
      "web_identity_token_file", "sso_start_url", "sso_session", "credential_process",
      "external_id", "region", "output", "aws_secret_access_key", "role_session_name"};
  bool section = false, key = false;
  std::size_t i = 0;
  while (i < t.size()) {
    std::size_t e = t.find('\n', i);
    if (e == std::string_view::npos) e = t.size();
    std::string_view line = t.substr(i, e - i);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front()))) line.remove_prefix(1);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.remove_suffix(1);
    if (line.size() > 2 && line.front() == '[' && line.back() == ']') section = true;
    for (std::string_view k : kKeys) {
      if (line.substr(0, k.size()) == k) {
        std::string_view rest = line.substr(k.size());
        while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
        if (!rest.empty() && rest.front() == '=') key = true;
      }
    }
    i = e + 1;
  }
  return section && key;
}

bool has_boto3_call(std::string_view t) {
  for (std::string_view call : {".assume_role(", ".assume_role_with_web_identity(", ".assume_role_with_saml("})
    if (contains(t, call)) return true;
  return contains(t, "boto3") && contains(t, "assume_role");
}

std::string detect(std::string_view t) {
  if (contains(t, "aws-actions/configure-aws-credentials")) return "github-actions";
  if (contains(t, "AssumeRoleRequest.builder") || contains(t, "AssumeRoleRequest\n") ||
      (contains(t, "AssumeRoleRequest") && contains(t, ".roleArn(")))
    return "java-sdk-v2";
  if (contains(t, "stscreds.") || contains(t, "sts.AssumeRoleInput") || contains(t, "AssumeRoleOptions"))
    return "go-sdk-v2";
  if (contains(t, "AssumeRoleCommand") || contains(t, "fromTemporaryCredentials") ||
      contains(t, "AssumeRoleWithWebIdentityCommand") || contains(t, "AssumeRoleWithSAMLCommand"))
    return "js-sdk-v3";
  if (has_boto3_call(t)) return "boto3";
  if (has_terraform_provider(t)) return "terraform-provider";
  if (has_ini_profiles(t)) return "aws-config";
  if (has_aws_command(t)) return "aws-cli";
  return "";
}

std::unique_ptr<CallerSyntax> make_syntax(std::string_view format) {
  if (format == "aws-cli") return make_aws_cli_syntax();
  if (format == "aws-config") return make_aws_config_syntax();
  if (format == "terraform-provider") return make_terraform_syntax();
  if (format == "github-actions") return make_github_actions_syntax();
  if (format == "boto3" || format == "js-sdk-v3" || format == "go-sdk-v2" || format == "java-sdk-v2")
    return make_sdk_syntax(format);
  return nullptr;
}

bool is_dynamic(std::string_view v) {
  // Values filled in at run time: ${{ secrets.X }}, ${var.x}, $VAR, $(cmd), var.x, os.environ[...]
  return contains(v, "${") || contains(v, "$(") || (!v.empty() && v.front() == '$') ||
         contains(v, "var.") || contains(v, "local.") || contains(v, "os.environ") ||
         contains(v, "process.env") || contains(v, "getenv") || contains(v, "System.getenv");
}

void locate(CallerSpan& s, const LineIndex& index) {
  s.start = index.locate(s.start.offset);
  s.end = index.locate(s.end.offset);
}

void derive(CallerConfig& c) {
  for (CallerField& f : c.fields)
    if (!f.secret && is_dynamic(f.value)) f.literal = false;
  for (const CallerField& f : c.fields) {
    const std::string& v = f.value;
    if (f.name == "role_arn") c.role_arn = v;
    else if (f.name == "session_name") c.session_name = v;
    else if (f.name == "external_id") c.external_id = v;
    else if (f.name == "mfa_serial") c.mfa_serial = v;
    else if (f.name == "token_code") c.token_code = v;
    else if (f.name == "source_identity") c.source_identity = v;
    else if (f.name == "source_profile") c.source_profile = v;
    else if (f.name == "credential_source") c.credential_source = v;
    else if (f.name == "web_identity_token_file") c.web_identity_token_file = v;
    else if (f.name == "region") c.region = v;
    else if (f.name == "profile") c.profile = v;
    else if (f.name == "role_chaining") c.role_chaining = c.role_chaining || to_lower(v) == "true";
    else if (f.name == "duration_seconds") {
      int n = 0;
      const auto r = std::from_chars(v.data(), v.data() + v.size(), n);
      c.duration_seconds = (r.ec == std::errc() && r.ptr == v.data() + v.size()) ? n : 0;
    }
  }
  if (starts_with_ci(c.role_arn, "arn:")) {
    const std::size_t e = c.role_arn.find(':', 4);
    if (e != std::string::npos) c.partition = c.role_arn.substr(4, e - 4);
  }
}

CallerParseResult run_parse(std::string_view text, std::string_view format,
                            std::unique_ptr<CallerSyntax>* keep) {
  CallerParseResult result;
  result.format = std::string(format);
  const TextCheck check = check_text(text);
  if (!check.ok()) {
    result.error = check.error;
    return result;
  }
  std::unique_ptr<CallerSyntax> syntax = make_syntax(format);
  if (!syntax) {
    result.error = {"CALLER_NOT_FOUND",
                    format.empty()
                        ? "No caller was recognized: paste an `aws sts assume-role` command, an "
                          "~/.aws/config profile, a Terraform provider block, a GitHub Actions "
                          "step or an SDK call."
                        : "The " + std::string(format) + " format is not supported yet.",
                    LineIndex(text).locate(0)};
    if (!format.empty()) result.error.code = "CALLER_UNSUPPORTED";
    return result;
  }
  SyntaxError err;
  result.callers = syntax->parse(text, err);
  const LineIndex index(text);
  if (err.failed()) {
    result.error = {err.code, err.message, index.locate(err.offset)};
    result.callers.clear();
    return result;
  }
  for (CallerConfig& c : result.callers) {
    c.format = std::string(format);
    locate(c.span, index);
    for (CallerField& f : c.fields) {
      locate(f.span, index);
      locate(f.key_span, index);
    }
    derive(c);
    if (result.primary < 0 && !c.role_arn.empty()) result.primary = static_cast<int>(&c - result.callers.data());
  }
  if (result.callers.empty()) {
    result.error = {"CALLER_NOT_FOUND",
                    "The text looks like " + std::string(format) +
                        " but nothing in it calls STS or names a role to assume.",
                    index.locate(0)};
    return result;
  }
  if (result.primary < 0) {
    for (std::size_t i = 0; i < result.callers.size() && result.primary < 0; ++i)
      if (!result.callers[i].operation.empty()) result.primary = static_cast<int>(i);
    if (result.primary < 0) result.primary = 0;
  }
  for (CallerProblem p : syntax->notes) {
    p.location = index.locate(p.location.offset);
    result.problems.push_back(std::move(p));
  }
  for (const CallerConfig& c : result.callers)
    for (CallerProblem& p : validate_caller(c)) result.problems.push_back(std::move(p));
  if (keep) *keep = std::move(syntax);
  return result;
}

template <typename F>
auto guarded(F&& f, std::string_view text) -> decltype(f()) {
  using R = decltype(f());
  try {
    return f();
  } catch (const std::bad_alloc&) {
    R r;
    r.error = {"INPUT_TOO_LARGE", "The input needs more memory than is available.", {}};
    return r;
  } catch (...) {
    R r;
    r.error = {"CALLER_INTERNAL", "The caller could not be processed (internal error).", {}};
    (void)text;
    return r;
  }
}

bool valid_chars(std::string_view v, std::string_view extra, std::size_t& bad) {
  for (std::size_t i = 0; i < v.size(); ++i) {
    const char c = v[i];
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || extra.find(c) != std::string_view::npos)
      continue;
    bad = i;
    return false;
  }
  return true;
}

std::string describe_char(char c) {
  if (c == ' ') return "a space";
  if (c == '\t') return "a tab";
  if (static_cast<unsigned char>(c) >= 0x80) return "a non-ASCII character";
  if (static_cast<unsigned char>(c) < 0x20) return "a control character";
  return std::string("'") + c + "'";
}

void check_string(std::vector<CallerProblem>& out, std::string_view field, std::string_view label,
                  std::string_view prefix, std::string_view v, std::size_t min, std::size_t max,
                  std::string_view extra, std::string_view allowed_text,
                  const SourceLocation& loc, bool secret = false) {
  if (v.size() < min || v.size() > max) {
    out.push_back({std::string(prefix) + "_LENGTH", std::string(field),
                   std::string(label) + " is " + std::to_string(v.size()) +
                       " characters long; STS accepts " + std::to_string(min) + " to " +
                       std::to_string(max) + ".",
                   loc});
  }
  std::size_t bad = 0;
  if (!valid_chars(v, extra, bad)) {
    out.push_back({std::string(prefix) + "_CHARSET", std::string(field),
                   std::string(label) + " contains " + (secret ? std::string("a character") : describe_char(v[bad])) +
                       " at position " + std::to_string(bad + 1) + "; STS accepts only " +
                       std::string(allowed_text) + ".",
                   loc});
  }
}

}  // namespace

std::vector<CallerProblem> validate_caller_value(std::string_view field, std::string_view value,
                                                 const SourceLocation& loc, bool role_chaining) {
  std::vector<CallerProblem> out;
  try {
    if (is_dynamic(value)) return out;  // decided at run time; nothing to check here
    if (field == "external_id") {
      check_string(out, field, "The external id", "CALLER_EXTERNAL_ID", value, 2, 1224, "+=,.@:/-",
                   "letters, digits and _+=,.@:/-", loc);
    } else if (field == "session_name") {
      check_string(out, field, "The role session name", "CALLER_SESSION_NAME", value, 2, 64, "+=,.@-",
                   "letters, digits and _+=,.@-", loc);
    } else if (field == "source_identity") {
      check_string(out, field, "The source identity", "CALLER_SOURCE_IDENTITY", value, 2, 64, "+=,.@-",
                   "letters, digits and _+=,.@-", loc);
      if (starts_with_ci(value, "aws:"))
        out.push_back({"CALLER_SOURCE_IDENTITY_RESERVED", std::string(field),
                       "A source identity cannot start with \"aws:\"; that prefix is reserved.", loc});
    } else if (field == "mfa_serial") {
      check_string(out, field, "The MFA serial number", "CALLER_MFA_SERIAL", value, 9, 256, "+=/:,.@-",
                   "letters, digits and _+=/:,.@-", loc);
    } else if (field == "token_code") {
      bool digits = value.size() == 6;
      for (char c : value) digits = digits && std::isdigit(static_cast<unsigned char>(c));
      if (!digits)
        out.push_back({"CALLER_TOKEN_CODE", std::string(field),
                       "The MFA token code must be exactly 6 digits (the code the device shows now).",
                       loc});
    } else if (field == "duration_seconds") {
      long n = -1;
      const auto r = std::from_chars(value.data(), value.data() + value.size(), n);
      if (r.ec != std::errc() || r.ptr != value.data() + value.size()) {
        out.push_back({"CALLER_DURATION_NOT_A_NUMBER", std::string(field),
                       "The session duration must be a whole number of seconds.", loc});
      } else if (n < 900 || n > 43200) {
        out.push_back({"CALLER_DURATION_RANGE", std::string(field),
                       "The session duration is " + std::to_string(n) +
                           " seconds; STS accepts 900 to 43200, and no more than the role's "
                           "maximum session duration.",
                       loc});
      } else if (role_chaining && n > 3600) {
        out.push_back({"CALLER_DURATION_ROLE_CHAINING", std::string(field),
                       "The session duration is " + std::to_string(n) +
                           " seconds, but a role assumed with role-session credentials (role "
                           "chaining) is capped at 3600 seconds.",
                       loc});
      }
    } else if (field == "role_arn") {
      const std::string_view v = value;
      bool ok = starts_with_ci(v, "arn:");
      std::size_t account_digits = 0;
      if (ok) {
        // arn:PARTITION:iam::ACCOUNT:role/NAME
        const std::size_t p = v.find(':', 4);
        ok = p != std::string_view::npos && v.substr(p, 6) == ":iam::";
        if (ok) {
          const std::size_t a = p + 6, e = v.find(':', a);
          ok = e != std::string_view::npos && v.substr(e, 6) == ":role/" && e + 6 < v.size();
          if (ok) {
            for (std::size_t i = a; i < e; ++i)
              if (std::isdigit(static_cast<unsigned char>(v[i]))) ++account_digits;
            ok = account_digits == 12 && e - a == 12;
          }
        }
      }
      if (!ok) {
        out.push_back({"CALLER_ROLE_ARN_FORMAT", std::string(field),
                       "The role ARN is not of the form arn:PARTITION:iam::ACCOUNT:role/NAME with "
                       "a 12-digit account id; it looks like a placeholder or a typo.",
                       loc});
      }
      if (!v.empty() && (v.back() == '.' || v.back() == ',' || v.back() == ';')) {
        out.push_back({"CALLER_ROLE_ARN_TRAILING_PUNCTUATION", std::string(field),
                       "The role ARN ends with punctuation, which is usually pasted by accident; "
                       "the role name must match exactly.",
                       loc});
      }
      if (v.size() > 2048) {
        out.push_back({"CALLER_ROLE_ARN_LENGTH", std::string(field),
                       "The role ARN is longer than the 2048 characters STS accepts.", loc});
      }
    }
  } catch (...) {
  }
  return out;
}

std::vector<CallerProblem> validate_caller(const CallerConfig& c) {
  std::vector<CallerProblem> out;
  try {
    for (const CallerField& f : c.fields) {
      if (f.secret || !f.literal) continue;
      for (CallerProblem& p : validate_caller_value(f.name, f.value, f.span.start, c.role_chaining))
        out.push_back(std::move(p));
    }
  } catch (...) {
  }
  return out;
}

std::string detect_caller_format(std::string_view text) {
  try {
    if (!check_text(text).ok()) return "";
    return detect(text);
  } catch (...) {
    return "";
  }
}

CallerParseResult parse_caller_as(std::string_view text, std::string_view format) {
  return guarded([&] { return run_parse(text, format, nullptr); }, text);
}

CallerParseResult parse_caller(std::string_view text) {
  return guarded(
      [&] {
        const TextCheck check = check_text(text);
        if (!check.ok()) {
          CallerParseResult r;
          r.error = check.error;
          return r;
        }
        return run_parse(text, detect(text), nullptr);
      },
      text);
}

namespace {

CallerFixResult run_fix(std::string_view text, const CallerFixRequest& req) {
  CallerFixResult out;
  out.text = std::string(text);
  const TextCheck check = check_text(text);
  if (!check.ok()) {
    out.error = check.error;
    return out;
  }
  const std::string format = req.format.empty() ? detect(text) : req.format;
  std::unique_ptr<CallerSyntax> syntax;
  CallerParseResult parsed = run_parse(text, format, &syntax);
  out.format = parsed.format;
  if (!parsed.ok()) {
    out.error = parsed.error;
    return out;
  }
  const int idx = req.caller_index >= 0 ? req.caller_index : parsed.primary;
  if (idx < 0 || static_cast<std::size_t>(idx) >= parsed.callers.size()) {
    out.error = {"CALLER_INDEX", "There is no caller with that index in the text.", {}};
    return out;
  }
  const CallerConfig& caller = parsed.callers[static_cast<std::size_t>(idx)];

  struct Want {
    std::string field;
    std::string value;
  };
  std::vector<Want> wants;
  if (!req.external_id.empty()) wants.push_back({"external_id", req.external_id});
  if (!req.session_name.empty()) wants.push_back({"session_name", req.session_name});
  if (req.duration_seconds != 0) wants.push_back({"duration_seconds", std::to_string(req.duration_seconds)});
  if (!req.mfa_serial.empty()) wants.push_back({"mfa_serial", req.mfa_serial});
  if (!req.token_code.empty()) wants.push_back({"token_code", req.token_code});
  if (!req.source_identity.empty()) wants.push_back({"source_identity", req.source_identity});

  struct Applied {
    Edit edit;
    std::string field;
    std::string action;
    std::string message;
  };
  std::vector<Applied> applied;
  for (const Want& w : wants) {
    std::vector<CallerProblem> bad = validate_caller_value(w.field, w.value, {}, caller.role_chaining);
    if (!bad.empty()) {
      for (CallerProblem& p : bad) {
        p.message += " The requested value was not applied.";
        out.problems.push_back(std::move(p));
      }
      continue;
    }
    const CallerField* existing = caller.field(w.field);
    if (existing && !existing->secret && existing->value == w.value) {
      CallerChange ch{w.field, "unchanged", "The caller already sends this value.", existing->span};
      out.changes.push_back(std::move(ch));
      continue;
    }
    Edit edit;
    std::string reason;
    if (!syntax->set_field(static_cast<std::size_t>(idx), w.field, w.value, edit, reason)) {
      out.problems.push_back({"CALLER_FIELD_NOT_SUPPORTED", w.field, reason,
                              caller.span.start});
      continue;
    }
    applied.push_back({std::move(edit), w.field, existing ? "replaced" : "added",
                       existing ? "Replaced the value of " + w.field + "."
                                : "Added " + w.field + "."});
  }
  if (!req.tags.empty()) {
    bool ok = true;
    for (const CallerTag& t : req.tags) {
      if (t.key.empty() || t.key.size() > 128 || t.value.size() > 256) {
        out.problems.push_back({"CALLER_TAG_LIMITS", "tags",
                                "A session tag key must be 1 to 128 characters and its value at "
                                "most 256; the requested tags were not applied.",
                                {}});
        ok = false;
        break;
      }
    }
    std::vector<Edit> edits;
    std::string reason;
    if (ok && syntax->set_tags(static_cast<std::size_t>(idx), req.tags, edits, reason)) {
      if (edits.empty())
        out.changes.push_back({"tags", "unchanged", "The caller already sends these session tags.", caller.span});
      for (Edit& e : edits)
        applied.push_back({std::move(e), "tags", caller.tags.empty() ? "added" : "replaced",
                           caller.tags.empty() ? "Added session tags." : "Updated session tags."});
    } else if (ok) {
      out.problems.push_back({"CALLER_FIELD_NOT_SUPPORTED", "tags", reason, caller.span.start});
    }
  }

  // Apply back to front so earlier offsets stay valid; equal insertion points keep request order.
  std::vector<std::size_t> order(applied.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return applied[a].edit.begin < applied[b].edit.begin;
  });
  std::string result;
  result.reserve(text.size() + 256);
  std::size_t cursor = 0;
  std::vector<std::pair<std::size_t, std::size_t>> value_at(applied.size());
  for (std::size_t k : order) {
    const Edit& e = applied[k].edit;
    if (e.begin < cursor || e.end < e.begin || e.end > text.size()) continue;  // overlapping: skip
    result.append(text.substr(cursor, e.begin - cursor));
    value_at[k] = {result.size() + e.value_begin, result.size() + e.value_end};
    result += e.text;
    cursor = e.end;
  }
  result.append(text.substr(cursor));
  out.text = std::move(result);

  const LineIndex index(out.text);
  for (std::size_t k = 0; k < applied.size(); ++k) {
    CallerChange ch;
    ch.field = applied[k].field;
    ch.action = applied[k].action;
    ch.message = applied[k].message;
    ch.span.start = index.locate(value_at[k].first);
    ch.span.end = index.locate(value_at[k].second);
    out.changes.push_back(std::move(ch));
  }
  std::stable_sort(out.changes.begin(), out.changes.end(),
                   [](const CallerChange& a, const CallerChange& b) {
                     return a.span.start.offset < b.span.start.offset;
                   });

  // Re-parse the result: the fix must read back, and what still breaks STS limits is reported.
  if (!applied.empty()) {
    CallerParseResult again = run_parse(out.text, format, nullptr);
    if (!again.ok() || static_cast<std::size_t>(idx) >= again.callers.size()) {
      out.error = {"CALLER_FIX_FAILED", "The fixed text no longer parses; nothing was changed.", {}};
      out.text = std::string(text);
      out.changes.clear();
      return out;
    }
    const CallerConfig& fixed = again.callers[static_cast<std::size_t>(idx)];
    for (const Want& w : wants) {
      const CallerField* f = fixed.field(w.field);
      const bool was_applied = std::any_of(applied.begin(), applied.end(), [&](const Applied& a) { return a.field == w.field; });
      if (was_applied && (!f || f->value != w.value)) {
        out.error = {"CALLER_FIX_FAILED",
                     "The rewritten caller does not read back with the new " + w.field + "; nothing was changed.", {}};
        out.text = std::string(text);
        out.changes.clear();
        return out;
      }
    }
    const bool tags_applied = std::any_of(applied.begin(), applied.end(), [](const Applied& a) { return a.field == "tags"; });
    for (const CallerTag& want : req.tags) {
      if (!tags_applied) break;
      const bool sent = std::any_of(fixed.tags.begin(), fixed.tags.end(), [&](const CallerTag& t) {
        return t.key == want.key && t.value == want.value;
      });
      if (!sent) {
        out.error = {"CALLER_FIX_FAILED", "The rewritten caller does not read back with the new session tags; nothing was changed.", {}};
        out.text = std::string(text);
        out.changes.clear();
        return out;
      }
    }
    for (CallerProblem& p : validate_caller(fixed)) out.problems.push_back(std::move(p));
  } else {
    for (CallerProblem& p : validate_caller(caller)) out.problems.push_back(std::move(p));
  }
  return out;
}

}  // namespace

CallerFixResult fix_caller(std::string_view text, const CallerFixRequest& request) {
  return guarded([&] { return run_fix(text, request); }, text);
}

}  // namespace stackengine
