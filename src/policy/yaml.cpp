// CloudFormation YAML -> the same located JSON value the JSON parser produces, so
// one policy reader serves both. yaml-cpp does the YAML; this file maps its nodes,
// CloudFormation's short-form tags (!Ref, !Sub, !GetAtt, !If, ...) and its 0-based
// marks onto json::Value with pointers and SourceLocations in the pasted text.
#include "policy/internal.hpp"

#if defined(SE_HAVE_YAML_CPP)
#include <yaml-cpp/yaml.h>
#endif

#include <exception>

namespace stackengine::policy_detail {
namespace {

constexpr std::size_t kMaxYamlDepth = 256;

// yaml-cpp recurses once per nesting level and gives no depth option: refuse
// pathological nesting before handing it the text.
bool too_deep(std::string_view text, std::size_t& at) {
  std::size_t depth = 0, line_start = 0;
  bool in_single = false, in_double = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      line_start = i + 1;
      in_single = in_double = false;
      continue;
    }
    if (in_double) {
      if (c == '\\') ++i;
      else if (c == '"') in_double = false;
      continue;
    }
    if (in_single) {
      if (c == '\'') in_single = false;
      continue;
    }
    if (c == '"') in_double = true;
    else if (c == '\'') in_single = true;
    else if (c == '[' || c == '{') {
      if (++depth > kMaxYamlDepth) {
        at = i;
        return true;
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    } else if (c == ' ' && i - line_start > 4 * kMaxYamlDepth && text.substr(line_start, i - line_start).find_first_not_of(' ') == std::string_view::npos) {
      at = i;
      return true;
    }
  }
  return false;
}

#if defined(SE_HAVE_YAML_CPP)

void append_pointer_token(std::string& out, std::string_view token) {
  out.push_back('/');
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
}

class Converter {
 public:
  explicit Converter(std::string_view text) : text_(text), index_(text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts_.push_back(i + 1);
  }

  SourceLocation locate(const YAML::Mark& m) const {
    if (m.line < 0 || static_cast<std::size_t>(m.line) >= starts_.size()) return index_.locate(0);
    std::size_t off = starts_[static_cast<std::size_t>(m.line)];
    // The column counts characters: step over whole UTF-8 sequences.
    for (int col = 0; col < m.column && off < text_.size() && text_[off] != '\n'; ++col) {
      ++off;
      while (off < text_.size() && (static_cast<unsigned char>(text_[off]) & 0xC0) == 0x80) ++off;
    }
    return index_.locate(off);
  }

  void convert(const YAML::Node& n, json::Value& out, const std::string& pointer, std::size_t depth) {
    out.pointer = pointer;
    out.location = locate(n.Mark());
    out.end = out.location;
    if (depth > kMaxYamlDepth) return;
    const std::string tag = n.Tag();
    // CloudFormation short forms: !Ref X -> {"Ref": X}, !GetAtt -> {"Fn::GetAtt": ...}.
    if (!tag.empty() && tag[0] == '!' && tag.size() > 1 && tag.find(':') == std::string::npos) {
      const std::string name = tag.substr(1);
      const std::string key = (name == "Ref" || name == "Condition") ? name : "Fn::" + name;
      out.kind = json::Kind::Object;
      json::Member m;
      m.key = key;
      m.key_location = out.location;
      std::string child = pointer;
      append_pointer_token(child, key);
      convert_untagged(n, m.value, child, depth + 1);
      if (key == "Fn::GetAtt" && m.value.is_string()) {
        // !GetAtt Role.Arn is the short form of ["Role", "Arn"]; keep it as one string.
      }
      out.members.push_back(std::move(m));
      return;
    }
    convert_untagged(n, out, pointer, depth);
  }

 private:
  void convert_untagged(const YAML::Node& n, json::Value& out, const std::string& pointer, std::size_t depth) {
    out.pointer = pointer;
    out.location = locate(n.Mark());
    out.end = out.location;
    switch (n.Type()) {
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        out.kind = json::Kind::Null;
        break;
      case YAML::NodeType::Scalar:
        // CloudFormation reads every scalar as a string (an unquoted account id too).
        out.kind = json::Kind::String;
        out.text = n.Scalar();
        if (n.Tag() == "?" && (out.text == "null" || out.text == "~")) {
          out.kind = json::Kind::Null;
          out.text.clear();
        }
        break;
      case YAML::NodeType::Sequence: {
        out.kind = json::Kind::Array;
        std::size_t i = 0;
        for (const auto& item : n) {
          std::string child = pointer;
          append_pointer_token(child, std::to_string(i++));
          out.items.emplace_back();
          convert(item, out.items.back(), child, depth + 1);
        }
        break;
      }
      case YAML::NodeType::Map: {
        out.kind = json::Kind::Object;
        for (auto it = n.begin(); it != n.end(); ++it) {
          json::Member m;
          m.key_location = locate(it->first.Mark());
          if (it->first.IsScalar()) m.key = it->first.Scalar();
          else if (it->first.IsNull()) m.key = plain_text_at(m.key_location.offset);
          else m.key = "?";
          std::string child = pointer;
          append_pointer_token(child, m.key);
          convert(it->second, m.value, child, depth + 1);
          out.members.push_back(std::move(m));
        }
        break;
      }
    }
  }

  // yaml-cpp types a plain `Null:` key (the IAM operator!) as a YAML null and drops
  // its text: read the key back from the source.
  std::string plain_text_at(std::size_t offset) const {
    std::size_t end = offset;
    while (end < text_.size() && text_[end] != ':' && text_[end] != '\n' && text_[end] != ',' && text_[end] != '}')
      ++end;
    std::string_view k = text_.substr(offset, end - offset);
    while (!k.empty() && (k.back() == ' ' || k.back() == '\t' || k.back() == '\r')) k.remove_suffix(1);
    return std::string(k);
  }

  std::string_view text_;
  LineIndex index_;
  std::vector<std::size_t> starts_;
};

#endif

}  // namespace

bool parse_yaml(std::string_view text, json::Value& out, PolicyError& error) {
  std::size_t at = 0;
  if (too_deep(text, at)) {
    error = {"POLICY_YAML_TOO_DEEP", "The YAML nests deeper than any CloudFormation template does.",
             LineIndex(text).locate(at), ""};
    return false;
  }
#if defined(SE_HAVE_YAML_CPP)
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    Converter converter(text);
    converter.convert(root, out, "", 0);
    return true;
  } catch (const YAML::Exception& e) {
    Converter converter(text);
    error = {"POLICY_YAML_SYNTAX",
             "The input is neither valid JSON nor valid YAML: " + e.msg + ".", converter.locate(e.mark), ""};
    return false;
  } catch (const std::exception&) {
    error = {"POLICY_YAML_SYNTAX", "The input is neither valid JSON nor valid YAML.", {}, ""};
    return false;
  }
#else
  (void)out;
  error = {"POLICY_YAML_UNSUPPORTED",
           "This build has no YAML support; paste the policy or the template as JSON.", {}, ""};
  return false;
#endif
}

}  // namespace stackengine::policy_detail
