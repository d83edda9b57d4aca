// Internal to src/caller: one CallerSyntax per format. A syntax parses text into callers
// (byte offsets only; caller.cpp turns them into SourceLocations and fills the typed fields)
// and, after parsing, produces the minimal edit that sets one field of one caller.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "stackengine/caller.hpp"

namespace stackengine::caller_detail {

// Deeper nesting than this (braces, brackets, JSON) is refused as CALLER_TOO_DEEP.
inline constexpr int kMaxDepth = 200;

// Replace [begin, end) of the parsed text with `text`. The value itself sits at
// [value_begin, value_end) inside `text` (for locating the change afterwards).
struct Edit {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string text;
  std::size_t value_begin = 0;
  std::size_t value_end = 0;
};

struct SyntaxError {
  std::string code;  // CALLER_SYNTAX | CALLER_TOO_DEEP | CALLER_UNSUPPORTED | CALLER_NOT_FOUND
  std::string message;
  std::size_t offset = 0;
  bool failed() const { return !code.empty(); }
};

// A field with byte offsets only; span locations are filled by caller.cpp.
inline CallerField raw_field(std::string name, std::string value, std::size_t key_begin,
                             std::size_t key_end, std::size_t begin, std::size_t end,
                             bool secret = false) {
  CallerField f;
  f.name = std::move(name);
  f.secret = secret;
  if (!secret) f.value = std::move(value);
  f.key_span.start.offset = key_begin;
  f.key_span.end.offset = key_end;
  f.span.start.offset = begin;
  f.span.end.offset = end;
  return f;
}

class CallerSyntax {
 public:
  virtual ~CallerSyntax() = default;
  virtual std::string_view format() const = 0;
  // Callers in text order. Fields carry byte offsets; typed members (role_arn, ...) may be left
  // empty: caller.cpp derives them from the fields. Tags and operation are set by the syntax.
  virtual std::vector<CallerConfig> parse(std::string_view text, SyntaxError& error) = 0;
  // After parse(): the edit that makes caller `index` send `value` for `field`. False with a
  // sentence in `reason` when this format or operation cannot carry the field.
  virtual bool set_field(std::size_t index, std::string_view field, std::string_view value,
                         Edit& edit, std::string& reason) = 0;
  // After parse(): the edits that make caller `index` send these session tags (added, or the
  // value replaced when the key is already sent; tags already sent as asked need no edit).
  // Default: not supported.
  virtual bool set_tags(std::size_t index, const std::vector<CallerTag>& tags,
                        std::vector<Edit>& edits, std::string& reason);

  // Problems the syntax found while parsing (a profile chain that cannot resolve, ...);
  // location.offset is a byte offset, caller.cpp fills in the rest.
  std::vector<CallerProblem> notes;
};

std::unique_ptr<CallerSyntax> make_aws_cli_syntax();
std::unique_ptr<CallerSyntax> make_aws_config_syntax();
std::unique_ptr<CallerSyntax> make_terraform_syntax();
std::unique_ptr<CallerSyntax> make_github_actions_syntax();
std::unique_ptr<CallerSyntax> make_sdk_syntax(std::string_view format);  // boto3, js-sdk-v3, ...

// Shared lexical helpers.
bool is_space(char c);
bool starts_with_ci(std::string_view s, std::string_view prefix);
std::string to_lower(std::string_view s);
// Line containing offset: [line_begin, line_end) without the newline.
std::size_t line_begin(std::string_view text, std::size_t offset);
std::size_t line_end(std::string_view text, std::size_t offset);
// Leading whitespace of the line containing offset.
std::string_view line_indent(std::string_view text, std::size_t offset);
// "\r\n" when the text uses CRLF line ends, else "\n".
std::string_view newline_of(std::string_view text);
// True when every character is one that needs no quoting in any shell/YAML/INI context.
bool is_plain_word(std::string_view value);
// Go duration for seconds: "1h", "15m", "90s".
std::string go_duration(int seconds);
// Seconds of a Go/Terraform duration string ("1h", "15m", "1h30m", "3600s"), or -1.
long parse_go_duration(std::string_view s);

// A tiny JSON scanner that keeps byte offsets (nlohmann keeps none): the members of one
// object, with the value span and, for strings, the decoded value.
struct JsonMember {
  std::string key;
  std::size_t key_begin = 0, key_end = 0;      // with quotes
  std::size_t value_begin = 0, value_end = 0;  // with quotes for strings
  char kind = 0;                               // 's' string, 'n' number, 'o' object, 'a' array, 'l' literal
  std::string value;                           // decoded string, or the raw token
};
struct JsonObjectScan {
  bool ok = false;
  std::size_t error_offset = 0;
  std::string error;
  std::size_t open = 0, close = 0;  // offsets of '{' and '}'
  std::vector<JsonMember> members;
};
// Scans the object starting at text[at] == '{'.
JsonObjectScan scan_json_object(std::string_view text, std::size_t at);
std::string json_quote(std::string_view value);

}  // namespace stackengine::caller_detail
