#include "redact/matchers.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace stackengine::detail {
namespace {

constexpr std::size_t npos = std::string_view::npos;

bool word_byte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Byte classes of the ARN matcher as one table lookup per byte (its loops read
// every byte of every ARN in a log, and a chain of comparisons per byte showed).
enum : unsigned char { kLowerDigitDash = 1, kResourceEnd = 2 };
constexpr std::array<unsigned char, 256> kArnClass = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] |= kLowerDigitDash;
  for (int c = '0'; c <= '9'; ++c) t[c] |= kLowerDigitDash;
  t['-'] |= kLowerDigitDash;
  for (unsigned char c : {' ', '\t', '\n', '\r', '\f', '"', '\'', '`', ',', ';', '<', '>', '\\', ']', ')', '|'})
    t[c] |= kResourceEnd;
  return t;
}();
bool lower_digit_dash(char c) { return kArnClass[static_cast<unsigned char>(c)] & kLowerDigitDash; }

// rule aws-arn:
//   \barn:(?:aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):
//   [a-z0-9-]+:[a-z0-9-]*:(?:[0-9]{12})?:[^\s"'`,;<>\\\]\)|]+
// Every part but the last ends at a ':' its class cannot contain, so each is a
// maximal run; the resource is the maximal run of bytes outside its class (RE2's
// \s is [\t\n\f\r ]; bytes of a multi-byte UTF-8 character are all outside it).
std::size_t arn(std::string_view text, std::size_t at, std::size_t to) {
  const char* p = text.data();
  if (at > 0 && word_byte(p[at - 1])) return npos;
  if (to - at < 4 || p[at] != 'a' || p[at + 1] != 'r' || p[at + 2] != 'n' || p[at + 3] != ':') return npos;
  std::size_t i = at + 4;
  // Partition: one of AWS's, then ':'.
  const std::size_t ps = i;
  while (i < to && ((p[i] >= 'a' && p[i] <= 'z') || p[i] == '-')) ++i;
  if (i >= to || p[i] != ':') return npos;
  static constexpr std::array<std::string_view, 8> kPartitions = {
      "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"};
  const std::string_view partition(p + ps, i - ps);
  bool known = false;
  for (std::string_view k : kPartitions) known = known || k == partition;
  if (!known) return npos;
  ++i;
  // Service (at least one byte), region (maybe empty).
  const std::size_t ss = i;
  while (i < to && lower_digit_dash(p[i])) ++i;
  if (i == ss || i >= to || p[i] != ':') return npos;
  ++i;
  while (i < to && lower_digit_dash(p[i])) ++i;
  if (i >= to || p[i] != ':') return npos;
  ++i;
  // Account: 12 digits or nothing, then ':'.
  if (i < to && p[i] != ':') {
    for (int d = 0; d < 12; ++d, ++i)
      if (i >= to || p[i] < '0' || p[i] > '9') return npos;
  }
  if (i >= to || p[i] != ':') return npos;
  ++i;
  // Resource: at least one byte outside [\s"'`,;<>\\\])|].
  const std::size_t rs = i;
  while (i < to && !(kArnClass[static_cast<unsigned char>(p[i])] & kResourceEnd)) ++i;
  // A character cut by the end bound is not matched (RE2 matches whole UTF-8
  // characters); the engine's bounds are line ends, so this is for exactness only.
  if (i == to && i > rs) {
    std::size_t lead = i;
    while (lead > rs && (static_cast<unsigned char>(p[lead - 1]) & 0xC0) == 0x80) --lead;
    if (lead > rs && static_cast<unsigned char>(p[lead - 1]) >= 0xC0) {
      const unsigned char b = static_cast<unsigned char>(p[lead - 1]);
      const std::size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      if (i - (lead - 1) < need) i = lead - 1;
    }
  }
  if (i == rs) return npos;
  return i - at;
}

// rule aws-account-id:
//   (?i)(?:account[_ .-]?(?:id|number|no)?|"aws"|'aws'|\baws\s*[:=]|owner[_ -]?id|principal)
//   ["']?\s*(?:[:=]|=>|\s)\s*\[?\s*["']?([0-9]{12})\b
// Every match is: a keyword, at most 7 bytes of [A-Za-z_ .-] (the rest of
// "account_number", "owner-id"), then only separators [\t\n\f\r "'[:=>], then a
// digit. Skipping greedily that way can only stop early at a byte no match has
// there, so a non-digit where the skipping stops rules a match out.
bool account_id_prefilter(std::string_view text, std::size_t at, std::size_t to) {
  // The keywords this prefilter knows, by their first byte (ASCII letters folded;
  // '"' and '\'' unchanged): most tries are the "aws" of an ARN's "arn:aws:", which
  // then costs one comparison of the first byte and one of the keyword.
  static constexpr std::pair<char, std::string_view> kKeywords[] = {
      {'a', "aws"}, {'a', "account"}, {'p', "principal"}, {'o', "owner"}, {'"', "\"aws\""}, {'\'', "'aws'"}};
  const char first = at < text.size() ? static_cast<char>(text[at] | 0x20) : '\0';
  std::size_t i = npos;
  for (const auto& [lead, keyword] : kKeywords)
    if (lead == first && starts_with_folded(text, at, keyword)) {
      i = at + keyword.size();
      break;
    }
  if (i == npos) return true;  // not a keyword this prefilter knows: no opinion
  for (std::size_t n = 0; n < 7 && i < to; ++n, ++i) {
    const char c = text[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ' ' || c == '.' || c == '-')) break;
  }
  for (; i < to; ++i) {
    const char c = text[i];
    if (!(c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == '"' || c == '\'' || c == '[' ||
          c == ':' || c == '=' || c == '>'))
      break;
  }
  return i < to && text[i] >= '0' && text[i] <= '9';
}

}  // namespace

std::string required_suffix(std::string_view regex) {
  if (regex.size() < 2 || regex.find('|') != std::string_view::npos || regex.find("(?") != std::string_view::npos)
    return {};
  // Backslashes right before regex[i]: an odd count escapes it.
  const auto escaped = [&](std::size_t i) {
    std::size_t n = 0;
    while (i > n && regex[i - 1 - n] == '\\') ++n;
    return n % 2 == 1;
  };
  std::size_t i = regex.size() - 1;
  if (regex[i] != '$' || escaped(i)) return {};
  std::string reversed;
  while (i > 0) {
    const char c = regex[i - 1];
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (escaped(i - 1)) {
      // \* \. \/ ...: the punctuation itself; \d \w \s \b ...: a class or an anchor.
      if (alnum || static_cast<unsigned char>(c) >= 0x80) break;
      reversed.push_back(c);
      i -= 2;
      continue;
    }
    if (!(alnum || c == ':' || c == '-' || c == '_' || c == '/' || c == '=' || c == '@' || c == ',' || c == ' ' ||
          c == '%' || c == '~' || c == '\'' || c == '"' || c == '<' || c == '>' || c == '!' || c == '&' || c == '#'))
      break;
    if (c == '\\') break;
    reversed.push_back(c);
    --i;
  }
  return std::string(reversed.rbegin(), reversed.rend());
}

NativePrefilter find_prefilter(std::string_view name) {
  if (name == "account-id") return &account_id_prefilter;
  return nullptr;
}

NativeMatcher find_matcher(std::string_view name) {
  if (name == "arn") return &arn;
  return nullptr;
}

}  // namespace stackengine::detail
