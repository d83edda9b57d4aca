// stackengine/json.hpp — a JSON document that remembers where everything came from.
//
//   stackengine::json::ParseResult r = stackengine::json::parse(text);
//   if (!r.ok()) {
//     const auto& e = r.errors.front();   // e.g. {code: "JSON_SYNTAX", location: 3:14,
//     report(e.message, e.location);      //       message: "Expected ',' or '}' after ..."}
//   }
//   for (const auto& d : r.duplicates) warn(d.pointer, d.key);   // {"a":1,"a":2}
//   const json::Value* s = r.root.find("Statement");
//
// Why not nlohmann::json: IAM users hit duplicate keys (a real trust policy had two
// "StringEquals" objects; JSON.parse and nlohmann keep only the last, silently dropping
// a condition), and every finding must point at a line:column and a JSON pointer.
// This parser keeps every member in source order, duplicates included, with locations.
// It never throws and never recurses deeper than ParseOptions::max_depth.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "stackengine/text.hpp"

namespace stackengine::json {

enum class Kind { Null, Bool, Number, String, Array, Object };

struct Member;

struct Value {
  Kind kind = Kind::Null;
  bool boolean = false;
  std::string text;            // String: the decoded value. Number: the literal as written.
  std::vector<Value> items;    // Array elements
  std::vector<Member> members; // Object members in source order, duplicates kept
  std::string pointer;         // RFC 6901 pointer from the document root, e.g. "/Statement/0"
  SourceLocation location;     // first byte of the value
  SourceLocation end;          // one past its last byte

  bool is_string() const { return kind == Kind::String; }
  bool is_object() const { return kind == Kind::Object; }
  bool is_array() const { return kind == Kind::Array; }
  // The member JSON.parse would keep: the LAST one with exactly this key.
  const Value* find(std::string_view key) const;
  // Same, comparing keys ASCII-case-insensitively (IAM element names are case-sensitive,
  // condition keys are not: use this for condition keys only).
  const Value* find_ci(std::string_view key) const;
};

struct Member {
  std::string key;
  SourceLocation key_location;
  Value value;
};

struct ParseError {
  std::string code;     // JSON_SYNTAX | JSON_TOO_DEEP | JSON_TRAILING | INPUT_BINARY | ...
  std::string message;  // one plain sentence; quotes no input beyond a few structural chars
  SourceLocation location;
};

// Two members of one object with the same key. `kept` is the one JSON.parse keeps.
struct DuplicateKey {
  std::string pointer;  // of the object holding them
  std::string key;
  SourceLocation first;
  SourceLocation kept;
};

struct ParseOptions {
  std::size_t max_depth = 256;
};

struct ParseResult {
  Value root;
  std::vector<ParseError> errors;  // empty on success; parsing stops at the first error
  std::vector<DuplicateKey> duplicates;
  bool ok() const { return errors.empty(); }
};

// Parses `text` (checked with check_text() first). Pointers start at "".
ParseResult parse(std::string_view text, const ParseOptions& options = {});

// JSON-escapes `s` (without surrounding quotes).
std::string escape(std::string_view s);

}  // namespace stackengine::json
