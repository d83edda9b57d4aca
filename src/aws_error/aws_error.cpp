#include "stackengine/aws_error.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <exception>

namespace stackengine {
namespace {

struct KindName {
  ErrorKind kind;
  const char* id;
};

constexpr std::array<KindName, 15> kKindNames{{
    {ErrorKind::Unknown, "ERR_UNKNOWN"},
    {ErrorKind::AssumeRoleAccessDenied, "ERR_ASSUME_ROLE_ACCESS_DENIED"},
    {ErrorKind::WebIdentityNotAuthorized, "ERR_WEB_IDENTITY_NOT_AUTHORIZED"},
    {ErrorKind::OidcProviderNotFound, "ERR_OIDC_PROVIDER_NOT_FOUND"},
    {ErrorKind::OidcAudience, "ERR_OIDC_AUDIENCE"},
    {ErrorKind::ParameterValidation, "ERR_PARAMETER_VALIDATION"},
    {ErrorKind::DurationExceedsMax, "ERR_DURATION_EXCEEDS_MAX"},
    {ErrorKind::InvalidClientToken, "ERR_INVALID_CLIENT_TOKEN"},
    {ErrorKind::ExpiredToken, "ERR_EXPIRED_TOKEN"},
    {ErrorKind::RootCaller, "ERR_ROOT_CALLER"},
    {ErrorKind::TagSessionDenied, "ERR_TAG_SESSION_DENIED"},
    {ErrorKind::SetSourceIdentityDenied, "ERR_SET_SOURCE_IDENTITY_DENIED"},
    {ErrorKind::Mfa, "ERR_MFA"},
    {ErrorKind::MalformedPolicy, "ERR_MALFORMED_POLICY"},
    {ErrorKind::Saml, "ERR_SAML"},
}};

// The pasted text flattened to one line: margins, ANSI colours and line breaks go,
// runs of blanks become one space. origin[i] is the byte in the paste that text[i]
// came from, so every field found here can be located in what the user sees.
struct Flat {
  std::string text;
  std::string lower;  // ASCII-lowercased copy; same length, same offsets
  std::vector<std::size_t> origin;
};

bool starts_with_at(std::string_view s, std::size_t i, std::string_view p) {
  return i <= s.size() && s.size() - i >= p.size() && s.compare(i, p.size(), p) == 0;
}

// Length of a line margin at `i` (Terraform's box drawing, GitHub Actions' log
// commands and timestamps, e-mail/Markdown quotes), or 0.
std::size_t margin_at(std::string_view line, std::size_t i) {
  static constexpr std::array<std::string_view, 9> kMarks{
      "\xE2\x94\x82",  // │
      "\xE2\x95\xB7",  // ╷
      "\xE2\x95\xB5",  // ╵
      "##[error]", "##[warning]", "##[debug]", "##[group]", "::error::", "> "};
  for (std::string_view m : kMarks)
    if (starts_with_at(line, i, m)) return m.size();
  // 2024-05-01T12:34:56.1234567Z (GitHub Actions raw logs)
  std::size_t j = i;
  auto digits = [&](std::size_t n) {
    for (std::size_t k = 0; k < n; ++k, ++j)
      if (j >= line.size() || !std::isdigit(static_cast<unsigned char>(line[j]))) return false;
    return true;
  };
  if (digits(4) && j < line.size() && line[j] == '-' && (++j, digits(2)) && j < line.size() &&
      line[j] == '-' && (++j, digits(2)) && j < line.size() && line[j] == 'T') {
    ++j;
    while (j < line.size() && (std::isdigit(static_cast<unsigned char>(line[j])) || line[j] == ':' ||
                               line[j] == '.'))
      ++j;
    if (j < line.size() && line[j] == 'Z') ++j;
    if (j < line.size() && line[j] == ' ') return j - i;
  }
  return 0;
}

Flat flatten(std::string_view s) {
  Flat f;
  f.text.reserve(s.size());
  f.origin.reserve(s.size());
  auto push = [&](char c, std::size_t at) {
    if (c == ' ' && (f.text.empty() || f.text.back() == ' ')) return;
    f.text.push_back(c);
    f.origin.push_back(at);
  };
  std::size_t line_start = 0;
  while (line_start <= s.size()) {
    std::size_t line_end = s.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = s.size();
    const std::string_view line = s.substr(line_start, line_end - line_start);
    std::size_t i = 0;
    // Margins may repeat ("  │ ##[error]"); blanks between them are margins too.
    for (;;) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      const std::size_t m = margin_at(line, i);
      if (m == 0) break;
      i += m;
    }
    while (i < line.size()) {
      const char c = line[i];
      if (c == '\x1b') {  // ANSI escape: ESC [ params final-byte
        ++i;
        if (i < line.size() && line[i] == '[') {
          ++i;
          while (i < line.size() && !(line[i] >= '@' && line[i] <= '~')) ++i;
          if (i < line.size()) ++i;
        }
        continue;
      }
      push((c == '\t' || c == '\r') ? ' ' : c, line_start + i);
      ++i;
    }
    if (line_end >= s.size()) break;
    push(' ', line_end);
    line_start = line_end + 1;
  }
  while (!f.text.empty() && f.text.back() == ' ') {
    f.text.pop_back();
    f.origin.pop_back();
  }
  f.lower = f.text;
  for (char& c : f.lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return f;
}

constexpr std::size_t npos = std::string::npos;

bool is_word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

class Extractor {
 public:
  Extractor(std::string_view original, const Flat& flat) : index_(original), f_(flat) {}

  std::size_t find(std::string_view needle_lower, std::size_t from = 0) const {
    return f_.lower.find(needle_lower, from);
  }
  bool has(std::string_view needle_lower) const { return find(needle_lower) != npos; }

  ErrorField field(std::size_t b, std::size_t e) const {
    ErrorField out;
    if (b >= e || e > f_.text.size()) return out;
    out.value = f_.text.substr(b, e - b);
    out.start = index_.locate(f_.origin[b]);
    out.end = index_.locate(f_.origin[e - 1] + 1);
    return out;
  }
  // A value the wording implies rather than spells out, located at what implied it.
  ErrorField implied(std::string value, const ErrorField& at) const {
    ErrorField out = at;
    out.value = std::move(value);
    return out;
  }
  ErrorField implied_at(std::string value, std::size_t b, std::size_t e) const {
    ErrorField out = field(b, e);
    out.value = std::move(value);
    return out;
  }

  // End of the word starting at b.
  std::size_t word_end(std::size_t b) const {
    while (b < f_.text.size() && is_word(f_.text[b])) ++b;
    return b;
  }
  // End of the blank-free token starting at b.
  std::size_t token_end(std::size_t b) const {
    while (b < f_.text.size() && f_.text[b] != ' ') ++b;
    return b;
  }
  // Drops quoting and sentence punctuation that wrappers put after an ARN.
  std::size_t trim_token(std::size_t b, std::size_t e) const {
    while (e > b && std::string_view("'\")],;`").find(f_.text[e - 1]) != npos) --e;
    return e;
  }
  std::size_t skip_blank(std::size_t i) const {
    while (i < f_.text.size() && f_.text[i] == ' ') ++i;
    return i;
  }
  const std::string& text() const { return f_.text; }
  const std::string& lower() const { return f_.lower; }

 private:
  LineIndex index_;
  const Flat& f_;
};

// Error codes STS and the SDKs print for the AssumeRole family. Used to find a code
// that no wrapper announced ("AccessDenied: User: ...", "aws-vault: ...: AccessDenied:").
constexpr std::array<std::string_view, 18> kKnownCodes{
    "AccessDenied",          "AccessDeniedException",      "ValidationError",
    "InvalidClientTokenId",  "ExpiredTokenException",      "ExpiredToken",
    "InvalidIdentityToken",  "IDPRejectedClaim",           "IDPCommunicationError",
    "MalformedPolicyDocument", "PackedPolicyTooLarge",     "RegionDisabledException",
    "SignatureDoesNotMatch", "UnrecognizedClientException", "InvalidAuthorizationMessageException",
    "RequestExpired",        "InvalidParameterValue",      "MissingAuthenticationToken"};

void find_code_and_operation(const Extractor& x, AwsError& e, std::size_t& message_from) {
  const std::string& t = x.text();
  // AWS CLI / boto3: An error occurred (Code) when calling the Op operation: message
  std::size_t p = x.find("an error occurred (");
  if (p != npos) {
    const std::size_t b = p + 19, ce = t.find(')', b);
    if (ce != npos && ce - b < 80) {
      e.code = x.field(b, ce);
      const std::size_t w = x.find(" when calling the ", ce);
      if (w == ce + 1) {
        const std::size_t ob = w + 18, oe = x.word_end(ob);
        e.operation = x.field(ob, oe);
        if (t.compare(oe, 11, " operation:") == 0) message_from = x.skip_blank(oe + 11);
      } else {
        message_from = x.skip_blank(ce + 1);
        if (message_from < t.size() && t[message_from] == ':') message_from = x.skip_blank(message_from + 1);
      }
    }
  }
  // Go SDK v2: operation error STS: AssumeRole, https response error ... api error Code: message
  if (!e.operation.present() && (p = x.find("operation error sts: ")) != npos) {
    const std::size_t ob = p + 21;
    e.operation = x.field(ob, x.word_end(ob));
  }
  if (!e.code.present() && (p = x.find("api error ")) != npos) {
    const std::size_t b = p + 10, ce = x.word_end(b);
    if (ce > b) {
      e.code = x.field(b, ce);
      if (ce < t.size() && t[ce] == ':') message_from = x.skip_blank(ce + 1);
    }
  }
  // Terraform's "error calling sts:GetCallerIdentity: Code: ..."
  if (!e.operation.present() && (p = x.find("error calling sts:")) != npos) {
    const std::size_t ob = p + 18;
    e.operation = x.field(ob, x.word_end(ob));
  }
  // Java SDK v1: (Service: AWSSecurityTokenService; Status Code: 403; Error Code: AccessDenied; ...)
  if (!e.code.present() && (p = x.find("error code: ")) != npos) {
    const std::size_t b = p + 12;
    e.code = x.field(b, x.word_end(b));
  }
  // Ruby SDK: (Aws::STS::Errors::AccessDenied)
  if (!e.code.present() && (p = x.find("aws::sts::errors::")) != npos) {
    const std::size_t b = p + 18;
    e.code = x.field(b, x.word_end(b));
  }
  // Any known code standing as a word, earliest first.
  if (!e.code.present()) {
    std::size_t best = npos, best_len = 0;
    for (std::string_view code : kKnownCodes) {
      std::string lc(code);
      for (char& c : lc) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      for (std::size_t q = x.find(lc); q != npos; q = x.find(lc, q + 1)) {
        const bool left = q == 0 || !is_word(t[q - 1]);
        const bool right = q + lc.size() >= t.size() || !is_word(t[q + lc.size()]);
        // Case matters here: "access denied" in prose is not the code.
        if (left && right && t.compare(q, code.size(), code) == 0) {
          if (q < best || (q == best && lc.size() > best_len)) best = q, best_len = lc.size();
          break;
        }
      }
    }
    if (best != npos) {
      e.code = x.field(best, best + best_len);
      std::size_t after = best + best_len;
      if (t.compare(after, 9, " (client)") == 0) after += 9;
      if (after < t.size() && t[after] == ':' && message_from == npos) message_from = x.skip_blank(after + 1);
    }
  }
}

// "role trust policy", "service control policy", "permissions boundary", "VPC endpoint
// policy": the type is the words up to " policy" or up to the end of the phrase.
std::size_t policy_type_end(const Extractor& x, std::size_t b) {
  const std::string& t = x.text();
  std::size_t e = b;
  while (e < t.size() && e - b < 48 &&
         (std::isalpha(static_cast<unsigned char>(t[e])) || t[e] == '-' || t[e] == ' '))
    ++e;
  const std::size_t p = x.find(" policy", b);
  if (p != npos && p < e) return p;
  while (e > b && t[e - 1] == ' ') --e;
  return e;
}

void find_authorization(const Extractor& x, AwsError& e, std::size_t& message_from) {
  const std::string& t = x.text();
  const std::size_t p = x.find("not authorized to perform");
  if (p == npos) return;
  std::size_t msg = p;
  // "User: <arn> is not authorized ..."
  if (p >= 4 && x.lower().compare(p - 4, 4, " is ") == 0) {
    std::size_t te = p - 4;  // the blank before "is"
    while (te > 0 && t[te - 1] == ' ') --te;
    std::size_t tb = te;
    while (tb > 0 && t[tb - 1] != ' ') --tb;
    std::size_t lb = tb;
    while (lb > 0 && t[lb - 1] == ' ') --lb;
    if (lb >= 5 && x.lower().compare(lb - 5, 5, "user:") == 0 && te > tb) {
      e.caller = x.field(tb, x.trim_token(tb, te));
      msg = lb - 5;
    } else if (te > tb && tb + 5 < te && x.lower().compare(tb, 4, "arn:") == 0) {
      e.caller = x.field(tb, x.trim_token(tb, te));
      msg = tb;
    }
  }
  if (message_from == npos || message_from > msg) message_from = msg;
  std::size_t i = p + 25;
  if (i < t.size() && t[i] == ':') ++i;
  i = x.skip_blank(i);
  std::size_t ae = i;
  while (ae < t.size() && (is_word(t[ae]) || t[ae] == ':' || t[ae] == '*' || t[ae] == '-')) ++ae;
  while (ae > i && (t[ae - 1] == ':' || t[ae - 1] == '-')) --ae;
  if (ae > i) e.action = x.field(i, ae);
  i = ae;
  const std::size_t on = x.find(" on resource:", i);
  if (on != npos && on == i) {
    const std::size_t rb = x.skip_blank(on + 13), re = x.token_end(rb);
    e.resource = x.field(rb, x.trim_token(rb, re));
    i = re;
  }
  std::size_t why = x.find(" because no ", i);
  if (why != npos && why == i) {
    const std::size_t tb = why + 12;
    e.policy_type = x.field(tb, policy_type_end(x, tb));
    e.denial = "no-policy-allows";
    return;
  }
  why = x.find(" with an explicit deny in ", i);
  if (why != npos && why == i) {
    std::size_t tb = why + 26;
    for (std::string_view art : {"a ", "an ", "the "})
      if (x.lower().compare(tb, art.size(), art) == 0) {
        tb += art.size();
        break;
      }
    e.policy_type = x.field(tb, policy_type_end(x, tb));
    e.denial = "explicit-deny";
    e.explicit_deny = true;
    return;
  }
  e.denial = (e.caller.present() && e.resource.present()) ? "classic" : "generic";
}

// Terraform: IAM Role (arn) cannot be assumed. / The role "arn" cannot be assumed. /
// aws-vault, awsu: failed to assume role "arn"
void find_terraform_role(const Extractor& x, AwsError& e, std::size_t& message_from) {
  const std::string& t = x.text();
  std::size_t p = x.find(" cannot be assumed");
  std::size_t rb = npos, re = npos;
  if (p != npos) {
    const std::size_t te = p;
    std::size_t tb = te;
    // A quoted or parenthesised ARN may hold blanks when redacted ("<aws acct>").
    const char close = te > 0 ? t[te - 1] : ' ';
    const char open = close == '"' ? '"' : close == ')' ? '(' : close == '\'' ? '\'' : ' ';
    if (open != ' ' && te >= 2) {
      const std::size_t o = t.rfind(open, te - 2);
      if (o != npos && te - o < 2048) tb = o;
    }
    if (tb == te)
      while (tb > 0 && t[tb - 1] != ' ') --tb;
    std::size_t b = tb;
    while (b < te && (t[b] == '"' || t[b] == '(' || t[b] == '\'')) ++b;
    const std::size_t end = x.trim_token(b, te);
    if (end > b) rb = b, re = end;
    if (message_from == npos) {
      std::size_t s = x.lower().rfind("iam role", tb);
      if (s == npos || tb - s > 16) s = x.lower().rfind("the role", tb);
      message_from = (s != npos && tb - s <= 16) ? s : tb;
    }
  } else if ((p = x.find("failed to assume role \"")) != npos) {
    const std::size_t b = p + 23, end = t.find('"', b);
    if (end != npos && end > b && end - b < 2048) rb = b, re = end;
  }
  if (rb != npos && !e.resource.present()) e.resource = x.field(rb, re);
  if (p != npos && e.denial.empty()) e.denial = "generic";
}

void find_validation(const Extractor& x, AwsError& e) {
  const std::string& t = x.text();
  // STS: Value 'x' at 'externalId' failed to satisfy constraint: Member must ...
  std::size_t p = x.find("' failed to satisfy constraint:");
  if (p != npos) {
    const std::size_t at = x.lower().rfind("' at '", p);
    if (at != npos && p - at < 80) {
      e.parameter = x.field(at + 6, p);
      const std::size_t v = x.lower().rfind("value '", at);
      if (v != npos && at - v < 4096) e.parameter_value = x.field(v + 7, at);
    }
    const std::size_t cb = x.skip_blank(p + 32);
    std::size_t ce = t.size();
    for (std::string_view stop : {" (service:", " status code", "')", "\")", "; value '"}) {
      const std::size_t s = x.find(stop, cb);
      if (s != npos) ce = std::min(ce, s);
    }
    while (ce > cb && (t[ce - 1] == ' ' || t[ce - 1] == '.' || t[ce - 1] == ';')) --ce;
    e.constraint = x.field(cb, ce);
    return;
  }
  // botocore client-side checks.
  struct Shape {
    std::string_view lead;
    std::string_view value_lead;
    std::string_view constraint_lead;
  };
  for (const Shape& s : {Shape{"invalid length for parameter ", ", value: ", ", valid range: "},
                         Shape{"invalid range for parameter ", ", value: ", ", valid range: "},
                         Shape{"invalid type for parameter ", ", value: ", ", type: "},
                         Shape{"invalid value for parameter ", ", value: ", ""},
                         Shape{"missing required parameter in input: \"", "", ""},
                         Shape{"unknown parameter in input: \"", "", ""}}) {
    p = x.find(s.lead);
    if (p == npos) continue;
    const std::size_t b = p + s.lead.size(), pe = x.word_end(b);
    e.parameter = x.field(b, pe);
    if (!s.value_lead.empty() && x.lower().compare(pe, s.value_lead.size(), s.value_lead) == 0) {
      const std::size_t vb = pe + s.value_lead.size();
      std::size_t ve = s.constraint_lead.empty() ? x.token_end(vb) : x.find(s.constraint_lead, vb);
      if (ve == npos || ve - vb > 4096) ve = x.token_end(vb);
      e.parameter_value = x.field(vb, x.trim_token(vb, ve));
      if (!s.constraint_lead.empty() && ve < t.size() &&
          x.lower().compare(ve, s.constraint_lead.size(), s.constraint_lead) == 0) {
        const std::size_t cb = ve + 2, cend = x.trim_token(cb, x.token_end(ve + s.constraint_lead.size()));
        e.constraint = x.field(cb, cend);
      }
    }
    return;
  }
}

void find_transport(const Extractor& x, AwsError& e) {
  const std::string& t = x.text();
  for (std::string_view lead : {"statuscode: ", "status code: ", "status code "}) {
    const std::size_t p = x.find(lead);
    if (p == npos) continue;
    const std::size_t b = p + lead.size();
    std::size_t q = b;
    while (q < t.size() && std::isdigit(static_cast<unsigned char>(t[q]))) ++q;
    if (q - b == 3) {
      e.status_code = x.field(b, q);
      break;
    }
  }
  for (std::string_view lead : {"requestid: ", "request id: "}) {
    const std::size_t p = x.find(lead);
    if (p == npos) continue;
    const std::size_t b = p + lead.size();
    std::size_t q = b;
    while (q < t.size() && (std::isxdigit(static_cast<unsigned char>(t[q])) || t[q] == '-')) ++q;
    if (q - b >= 8) {
      e.request_id = x.field(b, q);
      break;
    }
  }
}

std::string detect_source(const Extractor& x, std::string_view raw) {
  if (x.has("cannot be assumed") || x.has("there are a number of possible causes") ||
      x.has("error calling sts:") || raw.find("\xE2\x94\x82") != npos)
    return "terraform";
  if (x.has("could not assume role with") || raw.find("##[") != npos) return "github-actions";
  if (x.has("aws-vault:")) return "aws-vault";
  if (x.has("botocore") || x.has("clienterror") || x.has("parameter validation failed")) return "boto3";
  if (x.has("operation error sts:") || x.has("https response error")) return "go-sdk-v2";
  if (x.has("awssecuritytokenservice") || x.has("com.amazonaws")) return "java-sdk";
  if (x.has("aws::sts::errors")) return "ruby-sdk";
  if (x.has("an error occurred (") && x.has(" when calling the ")) return "aws-cli";
  if (x.has("status code: ") && x.has(", request id:")) return "go-sdk-v1";
  return "";
}

// Which family the error belongs to. Order matters: the most specific wording wins, so
// "AccessDenied ... MultiFactorAuthentication failed" is an MFA error, not a trust denial.
ErrorKind classify(const Extractor& x, const AwsError& e) {
  auto code_is = [&](std::string_view c) { return e.code.value == c; };
  const std::string& op = e.operation.value;
  const std::string& action = e.action.value;
  auto action_is = [&](std::string_view a) {
    std::string l = action;
    for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return l == a;
  };
  if (x.has("roles may not be assumed by root accounts")) return ErrorKind::RootCaller;
  if (code_is("MalformedPolicyDocument") || x.has("malformedpolicydocument") ||
      x.has("has prohibited field") || x.has("invalid principal in policy") ||
      x.has("policy contains invalid json") || x.has("syntax errors in policy") ||
      x.has("malformed policy document"))
    return ErrorKind::MalformedPolicy;
  if (code_is("ExpiredToken") || code_is("ExpiredTokenException") || code_is("RequestExpired") ||
      x.has("security token included in the request is expired") || x.has("token expired:") ||
      x.has("expiredtoken"))
    return ErrorKind::ExpiredToken;
  if (code_is("InvalidClientTokenId") || code_is("SignatureDoesNotMatch") ||
      code_is("UnrecognizedClientException") || code_is("MissingAuthenticationToken") ||
      x.has("security token included in the request is invalid") || x.has("invalidclienttokenid") ||
      x.has("request signature we calculated does not match"))
    return ErrorKind::InvalidClientToken;
  if (x.has("no openidconnect provider found") || x.has("doesn't match configured thumbprint") ||
      x.has("does not match configured thumbprint") ||
      x.has("couldn't retrieve verification key from your identity provider"))
    return ErrorKind::OidcProviderNotFound;
  if (x.has("incorrect token audience")) return ErrorKind::OidcAudience;
  if (x.has("multifactorauthentication failed") || x.has("invalid mfa one time pass code") ||
      x.has("unable to validate mfa code"))
    return ErrorKind::Mfa;
  if (x.has("durationseconds exceeds") ||
      (e.parameter.present() && x.lower().find("durationseconds") != npos &&
       x.has("less than or equal to")))
    return ErrorKind::DurationExceedsMax;
  if (e.parameter.present() || x.has("failed to satisfy constraint") ||
      x.has("parameter validation failed"))
    return ErrorKind::ParameterValidation;
  if (action_is("sts:tagsession")) return ErrorKind::TagSessionDenied;
  if (action_is("sts:setsourceidentity")) return ErrorKind::SetSourceIdentityDenied;
  if (action_is("sts:assumerolewithwebidentity") || op == "AssumeRoleWithWebIdentity")
    return ErrorKind::WebIdentityNotAuthorized;
  if (action_is("sts:assumerolewithsaml") || op == "AssumeRoleWithSAML" ||
      x.has("saml assertion") || x.has("samlresponse"))
    return ErrorKind::Saml;
  if (action_is("sts:assumerole") || x.has("cannot be assumed") ||
      (op == "AssumeRole" && (code_is("AccessDenied") || x.has("access denied"))))
    return ErrorKind::AssumeRoleAccessDenied;
  return ErrorKind::Unknown;
}

void find_message(const Extractor& x, AwsError& e, std::size_t from) {
  const std::string& t = x.text();
  if (from == npos || from >= t.size()) return;
  std::size_t end = t.size();
  for (std::string_view stop : {" (service:", " status code", ", status code", "')", "\")",
                                " (aws::sts::errors", ". please try again", " there are a number of possible causes"}) {
    const std::size_t s = x.find(stop, from);
    if (s != npos && s > from) end = std::min(end, s);
  }
  while (end > from && (t[end - 1] == ' ' || t[end - 1] == ',')) --end;
  e.message = x.field(from, end);
}

void parse_into(std::string_view text, AwsError& e) {
  const Flat flat = flatten(text);
  const Extractor x(text, flat);
  std::size_t message_from = npos;
  find_code_and_operation(x, e, message_from);
  std::size_t auth_from = npos;
  find_authorization(x, e, auth_from);
  find_terraform_role(x, e, auth_from);
  find_validation(x, e);
  find_transport(x, e);
  std::size_t p = x.find("no openidconnect provider found in your account for ");
  if (p != npos) {
    const std::size_t b = p + 52;
    e.oidc_provider = x.field(b, x.trim_token(b, x.token_end(b)));
  }
  if (!e.parameter.present() && (p = x.find("requested durationseconds exceeds")) != npos)
    e.parameter = x.field(p + 10, p + 25);
  e.source = detect_source(x, text);
  e.kind = classify(x, e);

  // Operation the wording implies when no wrapper named it.
  if (!e.operation.present()) {
    std::string a = e.action.value;
    const std::size_t colon = a.find(':');
    if (colon != npos) a = a.substr(colon + 1);
    switch (e.kind) {
      case ErrorKind::WebIdentityNotAuthorized:
      case ErrorKind::OidcProviderNotFound:
      case ErrorKind::OidcAudience:
        if ((p = x.find("could not assume role with oidc")) != npos)
          e.operation = x.implied_at("AssumeRoleWithWebIdentity", p, p + 31);
        else if (e.action.present())
          e.operation = x.implied("AssumeRoleWithWebIdentity", e.action);
        else
          e.operation.value = "AssumeRoleWithWebIdentity";
        break;
      case ErrorKind::Saml:
        e.operation = e.action.present() ? x.implied("AssumeRoleWithSAML", e.action) : ErrorField{};
        if (!e.operation.present()) e.operation.value = "AssumeRoleWithSAML";
        break;
      case ErrorKind::AssumeRoleAccessDenied:
      case ErrorKind::TagSessionDenied:
      case ErrorKind::SetSourceIdentityDenied:
      case ErrorKind::RootCaller:
        // TagSession / SetSourceIdentity are checked as part of the AssumeRole call.
        if (e.action.present())
          e.operation = x.implied(a == "AssumeRoleWithWebIdentity" || a == "AssumeRoleWithSAML"
                                      ? a
                                      : "AssumeRole",
                                  e.action);
        else
          e.operation.value = "AssumeRole";
        break;
      default:
        break;
    }
  }
  // Where AWS's own sentence starts: right after the wrapper's prefix, or at the
  // denial sentence when nothing announced it.
  std::size_t from = message_from;
  if (from == npos) from = auth_from;
  if (from == npos) {
    for (std::string_view lead :
         {"roles may not be assumed", "multifactorauthentication failed", "the requested durationseconds",
          "1 validation error", "parameter validation failed", "the security token included",
          "no openidconnect provider", "incorrect token audience", "token expired",
          "malformedpolicydocument", "has prohibited field", "invalid principal in policy"}) {
      p = x.find(lead);
      if (p != npos) {
        from = p;
        break;
      }
    }
  }
  find_message(x, e, from);
}

}  // namespace

const char* error_kind_id(ErrorKind kind) {
  for (const KindName& k : kKindNames)
    if (k.kind == kind) return k.id;
  return "ERR_UNKNOWN";
}

bool parse_error_kind(std::string_view id, ErrorKind& out) {
  for (const KindName& k : kKindNames)
    if (id == k.id) {
      out = k.kind;
      return true;
    }
  return false;
}

std::vector<ErrorKind> all_error_kinds() {
  std::vector<ErrorKind> out;
  for (const KindName& k : kKindNames) out.push_back(k.kind);
  return out;
}

ErrorParseResult parse_aws_error(std::string_view text) {
  ErrorParseResult r;
  const TextCheck check = check_text(text);
  if (!check.ok()) {
    r.input_error = check.error;
    return r;
  }
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    r.empty = true;
    return r;
  }
  try {
    parse_into(text, r.error);
  } catch (const std::exception&) {
    // Only allocation failure can get here; report it rather than guess a kind.
    r.error = AwsError{};
    r.input_error = {"INPUT_TOO_LARGE", "The error text is too large to analyse in memory.", {}};
  }
  return r;
}

}  // namespace stackengine
