#include "stackengine/json.hpp"

#include <cstdint>
#include <exception>
#include <unordered_map>
#include <utility>

namespace stackengine::json {
namespace {

bool ascii_iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// RFC 6901: "~" -> "~0", "/" -> "~1".
void append_pointer_token(std::string& out, std::string_view token) {
  out.push_back('/');
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

struct Failure {};

class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options, ParseResult& result)
      : s_(text), options_(options), result_(result), loc_(text) {}

  void run() {
    try {
      skip_ws();
      if (pos_ >= s_.size()) fail("JSON_EMPTY", "The input is empty; a JSON value was expected.");
      std::string pointer;
      parse_value(result_.root, pointer, 0);
      skip_ws();
      if (pos_ < s_.size())
        fail("JSON_TRAILING",
             "Unexpected text after the end of the JSON value; only one value is allowed.");
    } catch (const Failure&) {
    }
  }

 private:
  [[noreturn]] void fail(const char* code, std::string message) { fail_at(pos_, code, std::move(message)); }
  [[noreturn]] void fail_at(std::size_t at, const char* code, std::string message) {
    result_.errors.push_back({code, std::move(message), loc_.locate(at)});
    throw Failure{};
  }

  void skip_ws() {
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') ++pos_;
      else break;
    }
  }

  std::string describe_here() const {
    if (pos_ >= s_.size()) return "the end of the input";
    const unsigned char c = static_cast<unsigned char>(s_[pos_]);
    if (c >= 0x21 && c < 0x7F) return std::string("'") + static_cast<char>(c) + "'";
    return "this character";
  }

  void parse_value(Value& v, const std::string& pointer, std::size_t depth) {
    if (pos_ >= s_.size()) fail("JSON_SYNTAX", "The input ends where a JSON value was expected.");
    v.pointer = pointer;
    v.location = loc_.locate(pos_);
    const char c = s_[pos_];
    switch (c) {
      case '{':
        parse_object(v, depth + 1);
        break;
      case '[':
        parse_array(v, depth + 1);
        break;
      case '"':
        v.kind = Kind::String;
        parse_string(v.text);
        break;
      case 't':
        literal("true");
        v.kind = Kind::Bool;
        v.boolean = true;
        break;
      case 'f':
        literal("false");
        v.kind = Kind::Bool;
        break;
      case 'n':
        literal("null");
        v.kind = Kind::Null;
        break;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          parse_number(v);
          break;
        }
        if (c == '\'')
          fail("JSON_SYNTAX", "JSON strings use double quotes (\"), not single quotes.");
        if (c == '/')
          fail("JSON_SYNTAX", "JSON does not allow comments; remove the comment.");
        fail("JSON_SYNTAX", "Expected a JSON value (object, array, string, number, true, false or null) but found " +
                                describe_here() + ".");
    }
    v.end = loc_.locate(pos_);
  }

  void literal(std::string_view word) {
    if (s_.substr(pos_, word.size()) != word)
      fail("JSON_SYNTAX", "Expected a JSON value but found " + describe_here() +
                              " (strings must be in double quotes).");
    pos_ += word.size();
  }

  void parse_number(Value& v) {
    const std::size_t start = pos_;
    if (s_[pos_] == '-') ++pos_;
    auto digit = [&] { return pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9'; };
    if (!digit()) fail("JSON_SYNTAX", "A number needs at least one digit.");
    if (s_[pos_] == '0') {
      ++pos_;
      if (digit()) fail_at(start, "JSON_SYNTAX", "JSON numbers cannot have leading zeros; quote the value if it is an id.");
    } else {
      while (digit()) ++pos_;
    }
    if (pos_ < s_.size() && s_[pos_] == '.') {
      ++pos_;
      if (!digit()) fail("JSON_SYNTAX", "A digit must follow the decimal point.");
      while (digit()) ++pos_;
    }
    if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) ++pos_;
      if (!digit()) fail("JSON_SYNTAX", "A digit must follow the exponent.");
      while (digit()) ++pos_;
    }
    v.kind = Kind::Number;
    v.text.assign(s_.substr(start, pos_ - start));
  }

  unsigned hex4(std::size_t at) {
    if (at + 4 > s_.size()) fail_at(at, "JSON_SYNTAX", "A \\u escape needs four hex digits.");
    unsigned value = 0;
    for (std::size_t i = at; i < at + 4; ++i) {
      const char c = s_[i];
      value <<= 4;
      if (c >= '0' && c <= '9') value |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') value |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') value |= static_cast<unsigned>(c - 'A' + 10);
      else fail_at(i, "JSON_SYNTAX", "A \\u escape needs four hex digits.");
    }
    return value;
  }

  void parse_string(std::string& out) {
    const std::size_t open = pos_;
    ++pos_;  // opening quote
    while (true) {
      // Copy runs of plain bytes at once: most strings have no escapes.
      const std::size_t run = pos_;
      while (pos_ < s_.size()) {
        const unsigned char c = static_cast<unsigned char>(s_[pos_]);
        if (c == '"' || c == '\\' || c < 0x20) break;
        ++pos_;
      }
      out.append(s_.substr(run, pos_ - run));
      if (pos_ >= s_.size())
        fail_at(open, "JSON_SYNTAX", "This string is never closed (missing '\"').");
      const char c = s_[pos_];
      if (c == '"') {
        ++pos_;
        return;
      }
      if (c != '\\') {
        if (c == '\n')
          fail_at(open, "JSON_SYNTAX", "This string is never closed on its line (missing '\"' before the line break).");
        fail("JSON_SYNTAX", "Control characters (tabs, line breaks) must be escaped inside JSON strings.");
      }
      ++pos_;
      if (pos_ >= s_.size()) fail("JSON_SYNTAX", "The input ends inside an escape sequence.");
      const char e = s_[pos_++];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          std::uint32_t cp = hex4(pos_);
          pos_ += 4;
          if (cp >= 0xD800 && cp <= 0xDBFF && pos_ + 6 <= s_.size() && s_[pos_] == '\\' &&
              s_[pos_ + 1] == 'u') {
            const unsigned lo = hex4(pos_ + 2);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              pos_ += 6;
            }
          }
          // A lone surrogate cannot be UTF-8; keep the text valid with U+FFFD.
          if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
          append_utf8(out, cp);
          break;
        }
        default:
          fail_at(pos_ - 2, "JSON_SYNTAX", "Unknown escape sequence in a string; valid ones are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX.");
      }
    }
  }

  void check_depth(std::size_t depth) {
    if (depth > options_.max_depth)
      fail("JSON_TOO_DEEP", "The JSON nests deeper than " + std::to_string(options_.max_depth) +
                                " levels; no policy is nested that deeply.");
  }

  void parse_object(Value& v, std::size_t depth) {
    check_depth(depth);
    v.kind = Kind::Object;
    const std::size_t open = pos_;
    std::unordered_map<std::string, std::size_t> index;
    ++pos_;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == '}') {
      ++pos_;
      return;
    }
    while (true) {
      skip_ws();
      if (pos_ >= s_.size())
        fail_at(open, "JSON_SYNTAX", "This object is never closed (missing '}').");
      if (s_[pos_] != '"') {
        if (s_[pos_] == '}') fail("JSON_SYNTAX", "Trailing comma before '}': JSON does not allow it.");
        if (s_[pos_] == '/') fail("JSON_SYNTAX", "JSON does not allow comments; remove the comment.");
        fail("JSON_SYNTAX", "Expected a member name in double quotes but found " + describe_here() + ".");
      }
      Member m;
      m.key_location = loc_.locate(pos_);
      parse_string(m.key);
      skip_ws();
      if (pos_ >= s_.size() || s_[pos_] != ':')
        fail("JSON_SYNTAX", "Expected ':' after the member name but found " + describe_here() + ".");
      ++pos_;
      skip_ws();
      std::string child = v.pointer;
      append_pointer_token(child, m.key);
      v.members.push_back(std::move(m));
      Member& added = v.members.back();
      parse_value(added.value, child, depth);
      // Small objects: a linear scan. Large ones: an index, so a 1M-member object
      // stays linear.
      const std::size_t n = v.members.size();
      std::size_t first = n;
      if (n <= 32) {
        for (std::size_t i = 0; i + 1 < n; ++i)
          if (v.members[i].key == added.key) {
            first = i;
            break;
          }
      } else {
        if (index.empty())
          for (std::size_t i = 0; i + 1 < n; ++i) index.emplace(v.members[i].key, i);
        const auto [it, inserted] = index.emplace(added.key, n - 1);
        if (!inserted) first = it->second;
      }
      if (first != n)
        result_.duplicates.push_back({v.pointer, added.key, v.members[first].key_location, added.key_location});
      skip_ws();
      if (pos_ >= s_.size())
        fail_at(open, "JSON_SYNTAX", "This object is never closed (missing '}').");
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == '}') {
        ++pos_;
        return;
      }
      fail("JSON_SYNTAX", "Expected ',' or '}' after an object member but found " + describe_here() + ".");
    }
  }

  void parse_array(Value& v, std::size_t depth) {
    check_depth(depth);
    v.kind = Kind::Array;
    const std::size_t open = pos_;
    ++pos_;
    skip_ws();
    if (pos_ < s_.size() && s_[pos_] == ']') {
      ++pos_;
      return;
    }
    while (true) {
      skip_ws();
      if (pos_ >= s_.size()) fail_at(open, "JSON_SYNTAX", "This array is never closed (missing ']').");
      if (s_[pos_] == ']') fail("JSON_SYNTAX", "Trailing comma before ']': JSON does not allow it.");
      std::string child = v.pointer;
      append_pointer_token(child, std::to_string(v.items.size()));
      v.items.emplace_back();
      parse_value(v.items.back(), child, depth);
      skip_ws();
      if (pos_ >= s_.size()) fail_at(open, "JSON_SYNTAX", "This array is never closed (missing ']').");
      if (s_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (s_[pos_] == ']') {
        ++pos_;
        return;
      }
      fail("JSON_SYNTAX", "Expected ',' or ']' after an array element but found " + describe_here() + ".");
    }
  }

  std::string_view s_;
  const ParseOptions& options_;
  ParseResult& result_;
  ForwardLocator loc_;
  std::size_t pos_ = 0;
};

}  // namespace

const Value* Value::find(std::string_view key) const {
  for (auto it = members.rbegin(); it != members.rend(); ++it)
    if (it->key == key) return &it->value;
  return nullptr;
}

const Value* Value::find_ci(std::string_view key) const {
  for (auto it = members.rbegin(); it != members.rend(); ++it)
    if (ascii_iequal(it->key, key)) return &it->value;
  return nullptr;
}

ParseResult parse(std::string_view text, const ParseOptions& options) {
  ParseResult result;
  try {
    const TextCheck check = check_text(text);
    if (!check.ok()) {
      result.errors.push_back({check.error.code, check.error.message, check.error.location});
      return result;
    }
    Parser(text, options, result).run();
  } catch (const std::exception&) {
    // Only allocation failure can get here; report it instead of crashing the caller.
    result.errors.push_back({"JSON_RESOURCE", "The input is too large to parse in the available memory.", {}});
  }
  return result;
}

std::string escape(std::string_view s) {
  static const char* hex = "0123456789abcdef";
  std::string out;
  out.reserve(s.size() + 2);
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(hex[c >> 4]);
          out.push_back(hex[c & 0xF]);
        } else {
          out.push_back(ch);
        }
    }
  }
  return out;
}

}  // namespace stackengine::json
