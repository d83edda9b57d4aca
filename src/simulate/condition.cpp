// Condition operators, as the IAM User Guide defines them
// (reference_policies_elements_condition_operators.md, reference_policies_multi-value-conditions.md,
// reference_policies_variables.md).
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <optional>

#include "simulate/internal.hpp"

namespace stackengine {
namespace simulate_detail {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with_ci(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

bool is_multivalued_key(std::string_view key) {
  static constexpr std::array<std::string_view, 7> kSetKeys = {
      "aws:TagKeys",         "sts:TransitiveTagKeys",        "aws:PrincipalOrgPaths", "aws:CalledVia",
      "aws:PrincipalServiceNamesList", "aws:ResourceOrgPaths", "aws:SourceOrgPaths"};
  for (auto k : kSetKeys)
    if (iequals(k, key)) return true;
  return false;
}

bool is_caller_sent_key(std::string_view key) {
  static constexpr std::array<std::string_view, 6> kSent = {
      "sts:ExternalId", "sts:RoleSessionName", "sts:SourceIdentity", "aws:TagKeys",
      "sts:TransitiveTagKeys", "aws:MultiFactorAuthPresent"};
  for (auto k : kSent)
    if (iequals(k, key)) return true;
  return starts_with_ci(key, "aws:RequestTag/");
}

}  // namespace simulate_detail

using namespace simulate_detail;

namespace {

// A pattern after policy-variable substitution: `wild[i]` says whether text[i] is a
// wildcard. Substituted values and the ${*} ${?} ${$} escapes are literal characters.
struct Pattern {
  std::string text;
  std::vector<bool> wild;
  bool unresolved = false;  // a ${variable} had no value and no default
};

bool char_eq(char a, char b, bool ci) {
  return ci ? std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b)) : a == b;
}

// Iterative glob match with backtracking to the last '*': linear in practice, no recursion.
bool glob(const Pattern& p, std::string_view s, bool ci) {
  std::size_t pi = 0, si = 0, star = std::string::npos, mark = 0;
  while (si < s.size()) {
    if (pi < p.text.size() && p.wild[pi] && p.text[pi] == '?') {
      ++pi, ++si;
    } else if (pi < p.text.size() && p.wild[pi] && p.text[pi] == '*') {
      star = pi++;
      mark = si;
    } else if (pi < p.text.size() && !(p.wild[pi]) && char_eq(p.text[pi], s[si], ci)) {
      ++pi, ++si;
    } else if (star != std::string::npos) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.text.size() && p.wild[pi] && p.text[pi] == '*') ++pi;
  return pi == p.text.size();
}

Pattern plain_pattern(std::string_view s, bool wildcards) {
  Pattern p;
  p.text = std::string(s);
  p.wild.resize(s.size(), false);
  if (wildcards)
    for (std::size_t i = 0; i < s.size(); ++i) p.wild[i] = s[i] == '*' || s[i] == '?';
  return p;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

// Splits an ARN into its six parts (arn, partition, service, region, account, resource);
// the resource keeps any further colons.
bool split_arn(std::string_view arn, std::array<std::string_view, 6>& parts) {
  for (int i = 0; i < 5; ++i) {
    const auto c = arn.find(':');
    if (c == std::string_view::npos) return false;
    parts[i] = arn.substr(0, c);
    arn.remove_prefix(c + 1);
  }
  parts[5] = arn;
  return true;
}

// nullopt when the request value is not an ARN or the pattern has fewer than six parts (even
// a bare "*": matching is per segment): such a pair compares with nothing.
std::optional<bool> arn_match(const Pattern& pat, std::string_view arn) {
  std::array<std::string_view, 6> a;
  if (!split_arn(arn, a)) return std::nullopt;
  // Split the pattern the same way, keeping the wildcard flags per segment.
  std::array<Pattern, 6> segs;
  std::size_t seg = 0;
  for (std::size_t i = 0; i < pat.text.size(); ++i) {
    if (pat.text[i] == ':' && seg < 5) {
      ++seg;
      continue;
    }
    segs[seg].text.push_back(pat.text[i]);
    segs[seg].wild.push_back(pat.wild[i]);
  }
  if (seg < 5) return std::nullopt;
  for (std::size_t i = 0; i < 6; ++i)
    if (!glob(segs[i], a[i], false)) return false;
  return true;
}

std::optional<double> parse_number(std::string_view s) {
  std::string t = trim(s);
  if (t.empty()) return std::nullopt;
  for (char c : t)
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'))
      return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(t.c_str(), &end);
  if (end != t.c_str() + t.size()) return std::nullopt;
  return v;
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// ISO 8601 (date, or date-time with optional seconds, fraction and zone) or epoch seconds,
// as Date* operators accept. Returns milliseconds since the epoch.
std::optional<double> parse_date(std::string_view s) {
  std::string t = trim(s);
  if (t.empty()) return std::nullopt;
  if (std::all_of(t.begin(), t.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    if (t.size() > 15) return std::nullopt;
    return std::strtod(t.c_str(), nullptr) * 1000.0;
  }
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    if (pos + len > t.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(t[i]))) return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!num(0, 4, y) || t.size() < 10 || t[4] != '-' || !num(5, 2, mo) || t[7] != '-' || !num(8, 2, d)) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  std::size_t pos = 10;
  double frac = 0;
  int offset_min = 0;
  if (pos < t.size()) {
    if (t[pos] != 'T' && t[pos] != 't' && t[pos] != ' ') return std::nullopt;
    ++pos;
    if (!num(pos, 2, h) || pos + 2 >= t.size() || t[pos + 2] != ':' || !num(pos + 3, 2, mi)) return std::nullopt;
    pos += 5;
    if (pos < t.size() && t[pos] == ':') {
      if (!num(pos + 1, 2, sec)) return std::nullopt;
      pos += 3;
      if (pos < t.size() && t[pos] == '.') {
        std::size_t q = pos + 1;
        double scale = 0.1;
        while (q < t.size() && std::isdigit(static_cast<unsigned char>(t[q]))) frac += (t[q++] - '0') * scale, scale /= 10;
        if (q == pos + 1) return std::nullopt;
        pos = q;
      }
    }
    if (pos < t.size()) {
      if (t[pos] == 'Z' || t[pos] == 'z') {
        ++pos;
      } else if (t[pos] == '+' || t[pos] == '-') {
        int oh, om;
        if (!num(pos + 1, 2, oh)) return std::nullopt;
        std::size_t q = pos + 3;
        if (q < t.size() && t[q] == ':') ++q;
        if (!num(q, 2, om)) return std::nullopt;
        offset_min = (oh * 60 + om) * (t[pos] == '-' ? -1 : 1);
        pos = q + 2;
      }
    }
    if (pos != t.size() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  }
  const double secs = static_cast<double>(days_from_civil(y, mo, d)) * 86400.0 + h * 3600 + mi * 60 + sec -
                      offset_min * 60.0;
  return (secs + frac) * 1000.0;
}

// An IPv4 or IPv6 address as 16 bytes (IPv4 mapped into the last 4) plus its family.
struct Ip {
  std::array<uint8_t, 16> b{};
  bool v6 = false;
};

std::optional<Ip> parse_ipv4(std::string_view s) {
  Ip ip;
  int part = 0;
  std::size_t i = 0;
  while (part < 4) {
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
    int v = 0, digits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      v = v * 10 + (s[i++] - '0');
      if (++digits > 3 || v > 255) return std::nullopt;
    }
    ip.b[12 + part] = static_cast<uint8_t>(v);
    ++part;
    if (part < 4) {
      if (i >= s.size() || s[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != s.size()) return std::nullopt;
  return ip;
}

std::optional<Ip> parse_ipv6(std::string_view s) {
  Ip ip;
  ip.v6 = true;
  std::vector<uint16_t> head, tail;
  bool gap = false;
  std::size_t i = 0;
  if (s.substr(0, 2) == "::") {
    gap = true;
    i = 2;
  }
  while (i < s.size()) {
    // An embedded IPv4 tail (::ffff:1.2.3.4).
    const auto next_colon = s.find(':', i);
    const std::string_view group = s.substr(i, next_colon == std::string_view::npos ? std::string_view::npos : next_colon - i);
    if (group.find('.') != std::string_view::npos) {
      auto v4 = parse_ipv4(group);
      if (!v4 || next_colon != std::string_view::npos) return std::nullopt;
      auto& dst = gap ? tail : head;
      dst.push_back(static_cast<uint16_t>(v4->b[12] << 8 | v4->b[13]));
      dst.push_back(static_cast<uint16_t>(v4->b[14] << 8 | v4->b[15]));
      i = s.size();
      break;
    }
    if (group.empty() || group.size() > 4) return std::nullopt;
    uint16_t v = 0;
    for (char c : group) {
      if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
      v = static_cast<uint16_t>(v * 16 + (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10));
    }
    (gap ? tail : head).push_back(v);
    if (next_colon == std::string_view::npos) {
      i = s.size();
      break;
    }
    i = next_colon + 1;
    if (i < s.size() && s[i] == ':') {
      if (gap) return std::nullopt;
      gap = true;
      ++i;
    } else if (i == s.size()) {
      return std::nullopt;
    }
  }
  const std::size_t n = head.size() + tail.size();
  if ((gap && n > 7) || (!gap && n != 8)) return std::nullopt;
  std::array<uint16_t, 8> g{};
  for (std::size_t k = 0; k < head.size(); ++k) g[k] = head[k];
  for (std::size_t k = 0; k < tail.size(); ++k) g[8 - tail.size() + k] = tail[k];
  for (std::size_t k = 0; k < 8; ++k) {
    ip.b[2 * k] = static_cast<uint8_t>(g[k] >> 8);
    ip.b[2 * k + 1] = static_cast<uint8_t>(g[k] & 0xff);
  }
  return ip;
}

std::optional<Ip> parse_ip(std::string_view s) {
  if (s.find(':') != std::string_view::npos) return parse_ipv6(s);
  return parse_ipv4(s);
}

struct Cidr {
  Ip ip;
  int prefix = 0;
};

std::optional<Cidr> parse_cidr(std::string_view s) {
  std::string t = trim(s);
  Cidr c;
  const auto slash = t.find('/');
  auto ip = parse_ip(std::string_view(t).substr(0, slash));
  if (!ip) return std::nullopt;
  c.ip = *ip;
  const int max = ip->v6 ? 128 : 32;
  c.prefix = max;
  if (slash != std::string::npos) {
    const std::string p = t.substr(slash + 1);
    if (p.empty() || p.size() > 3 || !std::all_of(p.begin(), p.end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); }))
      return std::nullopt;
    c.prefix = std::atoi(p.c_str());
    if (c.prefix > max) return std::nullopt;
  }
  return c;
}

bool cidr_contains(const Cidr& c, const Ip& ip) {
  const int start = ip.v6 ? 0 : 96;  // IPv4 lives in the last 32 bits
  for (int bit = 0; bit < c.prefix; ++bit) {
    const int k = start + bit;
    const int mask = 0x80 >> (k % 8);
    if ((c.ip.b[k / 8] & mask) != (ip.b[k / 8] & mask)) return false;
  }
  return true;
}

enum class Family { String, Arn, Numeric, Date, Bool, Binary, Ip, Null, Unknown };

struct OperatorInfo {
  Family family = Family::Unknown;
  bool negated = false;
  bool ignore_case = false;
  bool like = false;
  int cmp = 0;  // Numeric/Date: 0 equals, -1 less, -2 less-or-equal, 1 greater, 2 greater-or-equal
};

OperatorInfo classify(std::string_view base) {
  OperatorInfo o;
  auto is = [&](std::string_view name) { return base == name; };
  if (is("StringEquals")) o.family = Family::String;
  else if (is("StringNotEquals")) o.family = Family::String, o.negated = true;
  else if (is("StringEqualsIgnoreCase")) o.family = Family::String, o.ignore_case = true;
  else if (is("StringNotEqualsIgnoreCase")) o.family = Family::String, o.ignore_case = true, o.negated = true;
  else if (is("StringLike")) o.family = Family::String, o.like = true;
  else if (is("StringNotLike")) o.family = Family::String, o.like = true, o.negated = true;
  else if (is("ArnEquals") || is("ArnLike")) o.family = Family::Arn;
  else if (is("ArnNotEquals") || is("ArnNotLike")) o.family = Family::Arn, o.negated = true;
  else if (is("Bool")) o.family = Family::Bool;
  else if (is("BinaryEquals")) o.family = Family::Binary;
  else if (is("IpAddress")) o.family = Family::Ip;
  else if (is("NotIpAddress")) o.family = Family::Ip, o.negated = true;
  else if (is("Null")) o.family = Family::Null;
  else {
    for (auto [prefix, fam] : {std::pair<std::string_view, Family>{"Numeric", Family::Numeric}, {"Date", Family::Date}}) {
      if (base.substr(0, prefix.size()) != prefix) continue;
      const std::string_view rest = base.substr(prefix.size());
      o.family = fam;
      if (rest == "Equals") o.cmp = 0;
      else if (rest == "NotEquals") o.cmp = 0, o.negated = true;
      else if (rest == "LessThan") o.cmp = -1;
      else if (rest == "LessThanEquals") o.cmp = -2;
      else if (rest == "GreaterThan") o.cmp = 1;
      else if (rest == "GreaterThanEquals") o.cmp = 2;
      else o.family = Family::Unknown;
    }
  }
  return o;
}

// Resolves ${...} policy variables from the request (reference_policies_variables.md):
// ${key} or ${key, 'default'}; ${*} ${?} ${$} are the literal characters. Returns false when
// a variable has no value and no default: that policy value then never matches.
bool resolve_variables(std::string_view value, const RequestContext& request, bool wildcards, Pattern& out) {
  out = Pattern{};
  out.text.reserve(value.size());
  std::size_t i = 0;
  while (i < value.size()) {
    if (value[i] == '$' && i + 1 < value.size() && value[i + 1] == '{') {
      const auto close = value.find('}', i + 2);
      if (close != std::string_view::npos) {
        const std::string_view inner = value.substr(i + 2, close - i - 2);
        std::string literal;
        bool resolved = false;
        if (inner == "*" || inner == "?" || inner == "$") {
          literal = std::string(inner);
          resolved = true;
        } else {
          std::string key = trim(inner);
          std::optional<std::string> fallback;
          const auto comma = inner.find(',');
          if (comma != std::string_view::npos) {
            key = trim(inner.substr(0, comma));
            std::string def = trim(inner.substr(comma + 1));
            if (def.size() >= 2 && def.front() == '\'' && def.back() == '\'') fallback = def.substr(1, def.size() - 2);
          }
          const ContextEntry* e = request.find(key);
          if (e && !e->values.empty()) {
            literal = e->values.front();
            resolved = true;
          } else if (fallback) {
            literal = *fallback;
            resolved = true;
          }
        }
        if (!resolved) {
          out.unresolved = true;
          return false;
        }
        out.text += literal;
        out.wild.insert(out.wild.end(), literal.size(), false);
        i = close + 1;
        continue;
      }
    }
    out.text.push_back(value[i]);
    out.wild.push_back(wildcards && (value[i] == '*' || value[i] == '?'));
    ++i;
  }
  return true;
}

// Does one request value match one policy value under the operator's positive form?
// Returns nullopt when the two cannot be compared (not a number / date / IP / ARN):
// such a pair never satisfies the condition, negated or not.
std::optional<bool> positive_match(const OperatorInfo& o, const std::string& req, const Pattern& pol) {
  if (pol.unresolved) return std::nullopt;
  switch (o.family) {
    case Family::String:
      if (o.like) return glob(pol, req, false);
      return o.ignore_case ? iequals(pol.text, req) : pol.text == req;
    case Family::Arn:
      return arn_match(pol, req);
    case Family::Binary:
      return pol.text == req;
    case Family::Bool: {
      const bool pt = iequals(pol.text, "true"), pf = iequals(pol.text, "false");
      const bool rt = iequals(req, "true"), rf = iequals(req, "false");
      if (!(pt || pf) || !(rt || rf)) return std::nullopt;
      return pt == rt;
    }
    case Family::Numeric:
    case Family::Date: {
      auto a = o.family == Family::Numeric ? parse_number(req) : parse_date(req);
      auto b = o.family == Family::Numeric ? parse_number(pol.text) : parse_date(pol.text);
      if (!a || !b) return std::nullopt;
      switch (o.cmp) {
        case -1: return *a < *b;
        case -2: return *a <= *b;
        case 1: return *a > *b;
        case 2: return *a >= *b;
        default: return *a == *b;
      }
    }
    case Family::Ip: {
      auto ip = parse_ip(trim(req));
      auto c = parse_cidr(pol.text);
      if (!ip || !c) return std::nullopt;
      // An address of the other family is outside the range.
      if (c->ip.v6 != ip->v6) return false;
      return cidr_contains(*c, *ip);
    }
    default:
      return std::nullopt;
  }
}

std::string join(const std::vector<std::string>& v, std::string_view sep = ", ") {
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? std::string(sep) : "") + v[i];
  return out;
}

std::string quote_list(const std::vector<std::string>& v) {
  if (v.size() == 1) return v.front();
  return "one of [" + join(v) + "]";
}

// What would make a failed condition true, in terms of what to send or change.
std::string satisfy_text(const OperatorInfo& o, const ConditionOutcome& c, bool multivalued) {
  const std::string& key = c.key;
  const bool sent = is_caller_sent_key(key);
  const std::string verb = sent ? "send " : "the request needs ";
  const std::vector<std::string>& pv = c.policy_values;
  if (pv.empty()) return "";
  switch (o.family) {
    case Family::Null:
      return iequals(pv.front(), "true") ? (sent ? "do not send " + key : key + " must be absent from the request")
                                         : verb + key + " (any value)";
    case Family::String:
      if (o.negated) return key + " must not be " + (o.like ? "like " : "") + quote_list(pv);
      if (multivalued && c.op.find(':') == std::string::npos)
        return "use ForAnyValue:/ForAllValues: for the multivalued key " + key;
      return verb + key + (o.like ? " matching " : " = ") + quote_list(pv);
    case Family::Arn:
      return o.negated ? key + " must not match " + quote_list(pv) : verb + key + " matching " + quote_list(pv);
    case Family::Bool:
      if (iequals(key, "aws:MultiFactorAuthPresent") && iequals(pv.front(), "true"))
        return "authenticate with MFA (send SerialNumber and TokenCode) so aws:MultiFactorAuthPresent = true";
      return verb + key + " = " + pv.front();
    case Family::Ip:
      return o.negated ? "call from an address outside " + quote_list(pv) : "call from an address in " + quote_list(pv);
    case Family::Numeric:
    case Family::Date: {
      static constexpr std::array<std::string_view, 5> kRel = {"<= ", "< ", "= ", "> ", ">= "};
      const std::string rel = o.negated ? "!= " : std::string(kRel[static_cast<std::size_t>(o.cmp + 2)]);
      return verb + key + " " + rel + quote_list(pv);
    }
    case Family::Binary:
      return verb + key + " = " + quote_list(pv);
    default:
      return "";
  }
}

}  // namespace

bool wildcard_match(std::string_view pattern, std::string_view text, bool case_insensitive) {
  return glob(plain_pattern(pattern, true), text, case_insensitive);
}

bool arn_like(std::string_view pattern, std::string_view arn) {
  const auto m = arn_match(plain_pattern(pattern, true), arn);
  return m && *m;
}

ConditionOutcome evaluate_condition(const Condition& condition, const RequestContext& request) {
  ConditionOutcome c;
  c.op = condition.op.written;
  c.key = condition.key;
  c.pointer = condition.pointer;
  c.location = condition.location;
  const ConditionOperator& op = condition.op;
  const OperatorInfo info = classify(op.base);
  const bool variables = info.family == Family::String || info.family == Family::Arn;
  const bool wildcards = info.family == Family::Arn || (info.family == Family::String && info.like);

  std::vector<Pattern> patterns;
  for (const auto& v : condition.values.values) {
    Pattern p;
    if (variables) {
      // Unresolved: the value compares with nothing (negated operators are false for it too).
      if (!resolve_variables(v, request, wildcards, p)) {
        p.text = v;
        p.wild.assign(v.size(), false);
      }
    } else {
      p = plain_pattern(v, false);
    }
    c.policy_values.push_back(p.text);
    patterns.push_back(std::move(p));
  }

  const ContextEntry* entry = request.find(condition.key);
  if (entry) c.request_values = entry->values;
  // An empty list is present (Null says false), but no value can satisfy a single-valued test.
  c.key_present = entry != nullptr;
  const bool multivalued = is_multivalued_key(condition.key);

  if (!op.known || info.family == Family::Unknown) {
    c.matched = false;
    c.message = "Unknown condition operator " + op.written + ": IAM never matches it.";
    return c;
  }

  if (info.family == Family::Null) {
    // {"Null": {"k": "true"}} is true when k is absent, "false" when it is present.
    for (const auto& p : patterns) {
      if ((iequals(p.text, "true") && !c.key_present) || (iequals(p.text, "false") && c.key_present)) c.matched = true;
    }
    c.message = c.key + (c.key_present ? " is in the request" : " is not in the request") +
                (c.matched ? ", as Null requires." : ", but Null requires the opposite.");
    if (!c.matched) c.satisfy = satisfy_text(info, c, multivalued);
    return c;
  }

  if (!c.key_present) {
    if (op.set_qualifier == "ForAllValues") {
      c.matched = true;  // vacuously: no value fails (the multi-value docs warn about this)
      c.message = c.key + " is not in the request; ForAllValues: is true for an absent key.";
    } else if (op.if_exists) {
      c.matched = true;
      c.message = c.key + " is not in the request; ...IfExists is true for an absent key.";
    } else if (op.set_qualifier == "ForAnyValue") {
      c.matched = false;
      c.message = c.key + " is not in the request; ForAnyValue: is false for an absent key.";
    } else if (info.negated) {
      c.matched = true;
      c.message = c.key + " is not in the request; a negated operator is true for an absent key.";
    } else {
      c.matched = false;
      c.message = c.key + " is not in the request.";
    }
    if (!c.matched) c.satisfy = satisfy_text(info, c, multivalued);
    return c;
  }

  // One request value against every policy value (values of one key are OR).
  auto pred = [&](const std::string& req) {
    if (!info.negated) {
      for (const auto& p : patterns) {
        auto m = positive_match(info, req, p);
        if (m && *m) return true;
      }
      return false;
    }
    for (const auto& p : patterns) {
      auto m = positive_match(info, req, p);
      if (!m || *m) return false;
    }
    return true;
  };

  const auto& values = entry->values;
  if (op.set_qualifier == "ForAllValues") {
    c.matched = std::all_of(values.begin(), values.end(), pred);
  } else if (op.set_qualifier == "ForAnyValue") {
    c.matched = std::any_of(values.begin(), values.end(), pred);
  } else if (multivalued) {
    // A set-valued key needs a set operator; a single-valued operator does not match it.
    c.matched = false;
  } else {
    c.matched = std::any_of(values.begin(), values.end(), pred);
  }

  const std::string shown = values.size() == 1 ? values.front() : "[" + join(values) + "]";
  if (c.matched) {
    c.message = c.key + " = " + shown + " satisfies " + op.written + ".";
  } else if (multivalued && op.set_qualifier.empty()) {
    c.message = c.key + " is multivalued; " + op.written + " without ForAnyValue:/ForAllValues: never matches it.";
  } else if (std::all_of(patterns.begin(), patterns.end(), [](const Pattern& p) { return p.unresolved; })) {
    c.message = op.written + " on " + c.key + " uses a policy variable that has no value in this request.";
  } else {
    c.message = c.key + " = " + shown + " does not satisfy " + op.written + " " + quote_list(c.policy_values) + ".";
  }
  if (!c.matched) {
    c.satisfy = satisfy_text(info, c, multivalued);
    if (!c.satisfy.empty() && info.family == Family::String && !info.negated && is_caller_sent_key(c.key) && !multivalued)
      c.satisfy += " instead of " + shown;
  }
  return c;
}

}  // namespace stackengine
