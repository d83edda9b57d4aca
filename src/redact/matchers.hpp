// Hand-written matchers for the hottest built-in rules (rules as data still: a rule
// names one with `matcher = "..."`, and its regex stays the definition).
//
// A rule whose keyword sits on every few lines of a log (an ARN per log line) pays
// RE2's fixed cost per call, ~0.3 µs, thousands of times per megabyte. A matcher
// does the same anchored match in a few nanoseconds per byte. Each matcher must
// agree exactly with its rule's regex, anchored at the same position with the same
// end bound: tests/unit/redact/test_redact_matchers.cpp checks that against RE2 on
// the rule's examples and on many thousands of generated near-misses.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace stackengine::detail {

// Length of the match that starts at text[at] and ends by `to`, or npos. `text`
// is the whole input (for the context of a leading \b).
using NativeMatcher = std::size_t (*)(std::string_view text, std::size_t at, std::size_t to);

// nullptr for an unknown name.
NativeMatcher find_matcher(std::string_view name);

// Whether text[at...] begins with `lower` (lowercase ASCII), ASCII case folded: how
// keywords are matched.
inline bool starts_with_folded(std::string_view text, std::size_t at, std::string_view lower) {
  if (at > text.size() || text.size() - at < lower.size()) return false;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    char c = text[at + i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (c != lower[i]) return false;
  }
  return true;
}

// A cheap necessary condition checked before a rule's regex at a keyword: false
// means the regex cannot match at text[at] (bounded by `to`); true decides nothing.
// For rules whose keyword sits in text that almost never matches (the account-id
// rule's "aws" inside every ARN), it saves RE2's fixed cost per try. Each prefilter
// is checked against its rule's regex in tests/unit/redact/test_redact_matchers.cpp.
using NativePrefilter = bool (*)(std::string_view text, std::size_t at, std::size_t to);

// nullptr for an unknown name.
NativePrefilter find_prefilter(std::string_view name);

// The literal that every match of `regex` must end the text with, when the regex
// visibly says so: it ends with literal bytes and an unescaped `$`, and has no `|`
// and no `(?` (flags such as (?i) or (?m) would change what those bytes or `$`
// mean). Empty when that cannot be told. Allowlist regexes are tried on every
// finding of their rule (an ARN per log line); a text without the suffix is ruled
// out without calling RE2.
std::string required_suffix(std::string_view regex);

}  // namespace stackengine::detail
