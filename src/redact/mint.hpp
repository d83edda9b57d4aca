// Minting placeholders for accepted findings (the last step of Redactor::redact).
//
// A placeholder must be new twice over: not minted before (the vault knows every
// placeholder it handed out) and nowhere in the input, or restore() would turn an
// innocent piece of the input into a secret. The families (see Minter) each have a
// fixed part, and only the input's occurrences of those fixed parts can collide, so
// the input is searched for them once per text (InputProbe), not once per candidate.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "redact/prescan.hpp"
#include "stackengine/redact.hpp"

namespace stackengine::detail {

// Whether a candidate placeholder occurs in the input. The prescan found every
// occurrence of the four fixed parts the Minter uses ("{{", "9900", "REDACTED",
// "redacted-"); any other fixed part (an account counter past 10^8) gets its own
// search. Per fixed part and candidate shape, the input's substrings that could be
// a candidate go into a hash set once; each candidate is then one lookup. Exact: no
// false "absent", no false "present".
class InputProbe {
 public:
  // Takes the prescan's occurrences of kStandardLiterals.
  InputProbe(std::string_view text, std::vector<std::size_t> (&standard)[kStandardLiteralCount]) : text_(text) {
    for (std::size_t k = 0; k < kStandardLiteralCount; ++k)
      literals_.push_back({std::string(kStandardLiterals[k]), std::move(standard[k])});
  }
  // `candidate` has the fixed part candidate[from, from + len) ("REDACTED" in
  // "AKIAREDACTEDAAAAAAAB"), which is what gets searched.
  bool contains(std::string_view candidate, std::size_t from, std::size_t len);

 private:
  struct Literal {
    std::string bytes;
    std::vector<std::size_t> at;  // every occurrence in the text
  };
  struct Shape {  // candidates with `literal` at `from`, `size` bytes long
    std::size_t literal, from, size;
    std::unordered_set<std::string_view> seen;  // the input's substrings of that shape
  };
  std::size_t literal_index(std::string_view literal);

  std::string_view text_;
  std::vector<Literal> literals_;
  std::vector<Shape> shapes_;
};

// Placeholders by family. Each returns the placeholder for `value`: the vault's when
// it already has one, else a new one recorded in the vault. The reference stays
// valid until the next call (ARNs are assembled in a buffer the Minter owns).
class Minter {
 public:
  Minter(Vault& vault, InputProbe probe) : vault_(vault), probe_(std::move(probe)) {}

  // {{LABEL_n}}, n counting per label across the vault's life.
  const std::string& label(std::string_view label, std::string_view value);
  // A 12-digit account id that is neither the original nor anywhere in the input.
  const std::string& account(std::string_view value);
  // Same four-letter prefix (it says what kind of key it is), 16 base32 letters.
  const std::string& access_key(std::string_view value);
  // An ARN keeps partition, service, region and resource type; the account id and
  // the resource name are replaced (each with its own reusable placeholder).
  const std::string& arn(std::string_view value);

 private:
  const std::string& resource_name(std::string_view value);
  // Not minted before and nowhere in the input (checked through the candidate's
  // fixed part, candidate[from, from + len)).
  bool usable(const std::string& p, std::size_t from, std::size_t len) {
    return !vault_.knows_placeholder(p) && !probe_.contains(p, from, len);
  }

  Vault& vault_;
  InputProbe probe_;
  // Reused buffers: a candidate is assembled in place instead of from temporaries,
  // and only a placeholder that is kept is copied (into the vault).
  std::string candidate_;
  std::string kind_;  // "arn-name:<type>"
  std::string arn_;
};

}  // namespace stackengine::detail
