// stackengine/redact.hpp — replace AWS identifiers and secrets with placeholders,
// and put them back.
//
//   stackengine::Vault vault;                       // lives in memory only
//   stackengine::RedactResult r = stackengine::redact(text, vault);
//   if (!r.ok()) return r.error;                    // error value with a location
//   share(r.redacted);                              // safe to paste anywhere
//   std::string back = stackengine::restore(answer, vault);
//
// The same value gets the same placeholder for as long as the vault lives, so text
// redacted in several pieces stays consistent, and restore() also works on edited
// text (for example a model's answer that reuses the placeholders).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "stackengine/text.hpp"

namespace stackengine {

struct RedactFinding {
  std::string rule;      // e.g. "aws-account-id"
  std::string category;  // e.g. "aws-identifier"
  std::string severity;  // "low" | "medium" | "high" | "critical"
  SourceLocation start;  // of the replaced value in the input
  SourceLocation end;
  std::string placeholder;  // what replaced it; never the value itself
};

struct RedactResult {
  TextError error;  // set when the input was refused (binary, invalid UTF-8, too large)
  std::string redacted;
  std::vector<RedactFinding> findings;
  bool ok() const { return error.code.empty(); }
};

// Placeholder <-> original value, both directions. Values never leave the vault
// except through restore().
class Vault {
 public:
  // The placeholder for `value` of `kind`, minting one with `mint` if it is new.
  template <typename Mint>
  const std::string& placeholder_for(const std::string& kind, std::string_view value, Mint mint) {
    const std::string key = kind + '\x1f' + std::string(value);
    auto it = by_value_.find(key);
    if (it != by_value_.end()) return it->second;
    std::string p = mint(counters_[kind]++);
    by_placeholder_[p] = std::string(value);
    return by_value_.emplace(key, std::move(p)).first->second;
  }
  bool knows_placeholder(std::string_view p) const {
    return by_placeholder_.count(std::string(p)) != 0;
  }
  std::size_t size() const { return by_placeholder_.size(); }
  const std::map<std::string, std::string>& entries() const { return by_placeholder_; }

 private:
  std::map<std::string, std::string> by_value_;        // kind\x1fvalue -> placeholder
  std::map<std::string, std::string> by_placeholder_;  // placeholder -> value
  std::map<std::string, std::size_t> counters_;
};

RedactResult redact(std::string_view text, Vault& vault);

// Replaces every placeholder the vault minted with its original value. Text that
// contains no placeholder comes back unchanged.
std::string restore(std::string_view text, const Vault& vault);

}  // namespace stackengine
