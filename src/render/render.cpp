#include "stackengine/render.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "render/text_out.hpp"

namespace stackengine {
namespace {

using ojson = nlohmann::ordered_json;

// AWS's documented element order. Keys not listed keep their written order after these.
const std::vector<std::string_view> kPolicyOrder = {"Version", "Id", "Statement"};
const std::vector<std::string_view> kStatementOrder = {"Sid",    "Effect",   "Principal",   "NotPrincipal", "Action",
                                                       "NotAction", "Resource", "NotResource", "Condition"};

enum class Level { Policy, StatementList, Statement, Other };

using Member = ojson::object_t::value_type;

// Members of `o` in output order for the given level.
std::vector<const Member*> ordered_members(const ojson& o, Level level) {
  const auto& obj = o.get_ref<const ojson::object_t&>();
  std::vector<const Member*> out;
  const std::vector<std::string_view>* order = level == Level::Policy      ? &kPolicyOrder
                                               : level == Level::Statement ? &kStatementOrder
                                                                           : nullptr;
  if (order)
    for (std::string_view k : *order)
      for (const auto& m : obj)
        if (m.first == k) out.push_back(&m);
  for (const auto& m : obj)
    if (std::find(out.begin(), out.end(), &m) == out.end()) out.push_back(&m);
  return out;
}

Level child_level(Level parent, std::string_view key) {
  if (parent == Level::Policy && key == "Statement") return Level::StatementList;
  return Level::Other;
}

void write_json(const ojson& v, Level level, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  const std::string pad_in(static_cast<std::size_t>(indent + 1) * 2, ' ');
  switch (v.type()) {
    case ojson::value_t::object: {
      if (v.empty()) {
        out += "{}";
        return;
      }
      out += "{\n";
      auto members = ordered_members(v, level);
      for (std::size_t i = 0; i < members.size(); ++i) {
        out += pad_in;
        out += '"';
        out += render::json_escape(members[i]->first);
        out += "\": ";
        write_json(members[i]->second, child_level(level, members[i]->first), indent + 1, out);
        if (i + 1 < members.size()) out += ',';
        out += '\n';
      }
      out += pad;
      out += '}';
      return;
    }
    case ojson::value_t::array: {
      if (v.empty()) {
        out += "[]";
        return;
      }
      out += "[\n";
      const Level item_level = level == Level::StatementList ? Level::Statement : Level::Other;
      for (std::size_t i = 0; i < v.size(); ++i) {
        out += pad_in;
        write_json(v[i], item_level, indent + 1, out);
        if (i + 1 < v.size()) out += ',';
        out += '\n';
      }
      out += pad;
      out += ']';
      return;
    }
    case ojson::value_t::string:
      out += '"';
      out += render::json_escape(v.get_ref<const std::string&>());
      out += '"';
      return;
    default:
      out += render::scalar_text(v);
      return;
  }
}

// ---- HCL (Terraform) -------------------------------------------------------

bool hcl_identifier(std::string_view k) {
  if (k.empty()) return false;
  const auto first = static_cast<unsigned char>(k[0]);
  if (!(std::isalpha(first) || first == '_')) return false;
  for (char c : k) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || u == '_' || u == '-')) return false;
  }
  return true;
}

std::string hcl_scalar(const ojson& v) {
  if (v.is_string()) return "\"" + render::hcl_escape(v.get_ref<const std::string&>()) + "\"";
  return render::scalar_text(v);
}

// A value as a single line, or "" when it needs several.
std::string hcl_inline(const ojson& v) {
  if (v.is_array()) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (v[i].is_structured()) return "";
      if (i) s += ", ";
      s += hcl_scalar(v[i]);
    }
    return s + "]";
  }
  if (v.is_object()) return v.empty() ? "{}" : "";
  return hcl_scalar(v);
}

struct HclLine {
  std::string key;     // already quoted when needed
  std::string inline_value;
  const ojson* value;  // when inline_value is empty
  Level level;
};

void write_hcl_value(const ojson& v, Level level, int indent, std::string& out);

// terraform fmt aligns "=" across consecutive single-line attributes.
void write_hcl_attributes(const std::vector<HclLine>& lines, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  std::size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].inline_value.empty()) {
      out += pad + lines[i].key + " = ";
      write_hcl_value(*lines[i].value, lines[i].level, indent, out);
      out += '\n';
      ++i;
      continue;
    }
    std::size_t j = i, width = 0;
    while (j < lines.size() && !lines[j].inline_value.empty()) width = std::max(width, lines[j++].key.size());
    for (; i < j; ++i)
      out += pad + lines[i].key + std::string(width - lines[i].key.size(), ' ') + " = " + lines[i].inline_value + '\n';
  }
}

void write_hcl_value(const ojson& v, Level level, int indent, std::string& out) {
  const std::string inl = hcl_inline(v);
  if (!inl.empty()) {
    out += inl;
    return;
  }
  const std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  const std::string pad_in(static_cast<std::size_t>(indent + 1) * 2, ' ');
  if (v.is_array()) {
    const Level item_level = level == Level::StatementList ? Level::Statement : Level::Other;
    out += "[\n";
    for (const auto& item : v) {
      out += pad_in;
      write_hcl_value(item, item_level, indent + 1, out);
      out += ",\n";
    }
    out += pad + "]";
    return;
  }
  std::vector<HclLine> lines;
  for (const auto* m : ordered_members(v, level)) {
    std::string key = hcl_identifier(m->first) ? m->first : "\"" + render::hcl_escape(m->first) + "\"";
    lines.push_back({key, hcl_inline(m->second), &m->second, child_level(level, m->first)});
  }
  out += "{\n";
  write_hcl_attributes(lines, indent + 1, out);
  out += pad + "}";
}

// Values of a policy element that is a string or a list of scalars, as strings.
bool string_list(const ojson& v, std::vector<std::string>& out) {
  out.clear();
  if (v.is_array()) {
    for (const auto& item : v) {
      if (item.is_structured()) return false;
      out.push_back(item.is_string() ? item.get<std::string>() : render::scalar_text(item));
    }
    return true;
  }
  if (v.is_structured()) return false;
  out.push_back(v.is_string() ? v.get<std::string>() : render::scalar_text(v));
  return true;
}

std::string hcl_list(const std::vector<std::string>& values) {
  std::string s = "[";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i) s += ", ";
    s += "\"" + render::hcl_escape(values[i]) + "\"";
  }
  return s + "]";
}

std::string hcl_str(std::string_view s) { return "\"" + render::hcl_escape(s) + "\""; }

bool write_principals_block(const ojson& p, std::string_view block, std::string& out, std::string& error) {
  std::vector<std::string> ids;
  if (p.is_string()) {
    // "Principal": "*" is written as type "*" with identifiers ["*"] in the data source.
    out += "    " + std::string(block) + " {\n      type        = " + hcl_str(p.get<std::string>()) +
           "\n      identifiers = " + hcl_list({p.get<std::string>()}) + "\n    }\n";
    return true;
  }
  if (!p.is_object()) {
    error = "A Principal that is neither \"*\" nor an object cannot be written as a principals block.";
    return false;
  }
  for (const auto& [type, value] : p.get_ref<const ojson::object_t&>()) {
    if (!string_list(value, ids)) {
      error = "A principal list with nested values cannot be written as a principals block.";
      return false;
    }
    out += "\n    " + std::string(block) + " {\n      type        = " + hcl_str(type) +
           "\n      identifiers = " + hcl_list(ids) + "\n    }\n";
  }
  return true;
}

RenderResult render_terraform_document(const ojson& policy, const RenderOptions& options) {
  RenderResult r;
  std::string& out = r.text;
  std::string label = options.name.empty() ? "assume_role" : options.name;
  out += "data \"aws_iam_policy_document\" " + hcl_str(label) + " {\n";
  std::vector<HclLine> top;
  for (const auto* m : ordered_members(policy, Level::Policy)) {
    if (m->first == "Version" && m->second.is_string()) top.push_back({"version", hcl_scalar(m->second), nullptr, Level::Other});
    else if (m->first == "Id" && m->second.is_string()) top.push_back({"policy_id", hcl_scalar(m->second), nullptr, Level::Other});
    else if (m->first != "Statement") {
      r.error = "The policy element \"" + render::json_escape(m->first) +
                "\" has no aws_iam_policy_document argument; use the jsonencode form.";
      return r;
    }
  }
  write_hcl_attributes(top, 1, out);
  ojson statements = ojson::array();
  if (policy.contains("Statement")) {
    const ojson& s = policy["Statement"];
    if (s.is_array()) statements = s;
    else statements.push_back(s);
  }
  for (const ojson& st : statements) {
    if (!st.is_object()) {
      r.error = "A statement that is not an object cannot be written as a statement block.";
      return r;
    }
    out += "\n  statement {\n";
    std::vector<HclLine> attrs;
    std::string blocks;
    std::vector<std::string> values;
    for (const auto* m : ordered_members(st, Level::Statement)) {
      const std::string& k = m->first;
      const ojson& v = m->second;
      static const std::vector<std::pair<std::string_view, std::string_view>> lists = {
          {"Action", "actions"}, {"NotAction", "not_actions"}, {"Resource", "resources"}, {"NotResource", "not_resources"}};
      auto list = std::find_if(lists.begin(), lists.end(), [&](const auto& p) { return p.first == k; });
      if ((k == "Sid" || k == "Effect") && v.is_string()) {
        attrs.push_back({k == "Sid" ? "sid" : "effect", hcl_scalar(v), nullptr, Level::Other});
      } else if (list != lists.end() && string_list(v, values)) {
        attrs.push_back({std::string(list->second), hcl_list(values), nullptr, Level::Other});
      } else if (k == "Principal" || k == "NotPrincipal") {
        if (!write_principals_block(v, k == "Principal" ? "principals" : "not_principals", blocks, r.error)) return r;
      } else if (k == "Condition" && v.is_object()) {
        for (const auto& [op, keys] : v.get_ref<const ojson::object_t&>()) {
          if (!keys.is_object()) {
            r.error = "A condition operator whose value is not an object cannot be written as a condition block.";
            return r;
          }
          for (const auto& [key, vals] : keys.get_ref<const ojson::object_t&>()) {
            if (!string_list(vals, values)) {
              r.error = "A condition with nested values cannot be written as a condition block.";
              return r;
            }
            blocks += "\n    condition {\n      test     = " + hcl_str(op) + "\n      variable = " + hcl_str(key) +
                      "\n      values   = " + hcl_list(values) + "\n    }\n";
          }
        }
      } else {
        r.error = "The statement element \"" + render::json_escape(k) +
                  "\" cannot be written in aws_iam_policy_document; use the jsonencode form.";
        return r;
      }
    }
    write_hcl_attributes(attrs, 2, out);
    out += blocks;
    out += "  }\n";
  }
  out += "}\n";
  return r;
}

// ---- YAML (CloudFormation) -------------------------------------------------

bool yaml_plain_ok(std::string_view s) {
  if (s.empty()) return false;
  const auto first = static_cast<unsigned char>(s[0]);
  if (!(std::isalpha(first) || first == '_')) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (!(std::isalnum(u) || u == '_' || u == '-' || u == '.' || u == '/')) return false;
  }
  // YAML 1.1 booleans and nulls (CloudFormation's parser honours them).
  std::string lower;
  for (char c : s) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::vector<std::string_view> reserved = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "nan", "inf"};
  return std::find(reserved.begin(), reserved.end(), lower) == reserved.end();
}

std::string yaml_string(std::string_view raw) {
  const std::string s = render::valid_utf8(raw);
  if (yaml_plain_ok(s)) return s;
  bool printable = true;
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) printable = false;
  if (printable) {
    std::string q = "'";
    for (char c : s) {
      if (c == '\'') q += "''";
      else q += c;
    }
    return q + "'";
  }
  // Double-quoted YAML accepts JSON's escapes.
  return "\"" + render::json_escape(s) + "\"";
}

std::string yaml_scalar(const ojson& v) {
  if (v.is_string()) return yaml_string(v.get_ref<const std::string&>());
  return render::scalar_text(v);
}

void write_yaml(const ojson& v, Level level, int indent, std::string& out);

// Writes the members of a mapping, each line starting at `indent` spaces. The first
// line's indent is omitted when `first_inline` (it follows "- ").
void write_yaml_mapping(const ojson& v, Level level, int indent, bool first_inline, std::string& out) {
  bool first = true;
  for (const auto* m : ordered_members(v, level)) {
    if (!(first && first_inline)) out += std::string(static_cast<std::size_t>(indent), ' ');
    first = false;
    out += yaml_string(m->first) + ":";
    const ojson& c = m->second;
    if (c.is_structured() && !c.empty()) {
      out += '\n';
      write_yaml(c, child_level(level, m->first), c.is_array() ? indent + 2 : indent + 2, out);
    } else {
      out += ' ';
      out += c.is_object() ? "{}" : c.is_array() ? "[]" : yaml_scalar(c);
      out += '\n';
    }
  }
}

void write_yaml(const ojson& v, Level level, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent), ' ');
  if (v.is_object()) {
    write_yaml_mapping(v, level, indent, false, out);
    return;
  }
  if (v.is_array()) {
    const Level item_level = level == Level::StatementList ? Level::Statement : Level::Other;
    for (const auto& item : v) {
      out += pad + "- ";
      if (item.is_object() && !item.empty()) {
        write_yaml_mapping(item, item_level, indent + 2, true, out);
      } else if (item.is_array() && !item.empty()) {
        out += '\n';
        write_yaml(item, Level::Other, indent + 2, out);
      } else {
        out += item.is_object() ? "{}" : item.is_array() ? "[]" : yaml_scalar(item);
        out += '\n';
      }
    }
    return;
  }
  out += pad + yaml_scalar(v) + '\n';
}

bool parse_policy(std::string_view text, ojson& out, std::string& error) {
  const std::string clean = render::valid_utf8(text);
  out = ojson::parse(clean, nullptr, /*allow_exceptions=*/false);
  if (out.is_discarded()) {
    error = "The policy is not valid JSON.";
    return false;
  }
  if (!out.is_object()) {
    error = "The policy must be a JSON object.";
    return false;
  }
  return true;
}

}  // namespace

bool parse_policy_format(std::string_view name, PolicyFormat& out) {
  if (name == "json") out = PolicyFormat::Json;
  else if (name == "terraform") out = PolicyFormat::TerraformDocument;
  else if (name == "terraform-jsonencode") out = PolicyFormat::TerraformJsonencode;
  else if (name == "cloudformation" || name == "cloudformation-yaml") out = PolicyFormat::CloudFormationYaml;
  else if (name == "cloudformation-json") out = PolicyFormat::CloudFormationJson;
  else return false;
  return true;
}

std::string render::canonical_json(const nlohmann::ordered_json& policy) {
  std::string out;
  write_json(policy, policy.is_object() ? Level::Policy : Level::Other, 0, out);
  return out + "\n";
}

std::string canonical_policy_json(std::string_view policy_json) {
  try {
    const std::string clean = render::valid_utf8(policy_json);
    ojson v = ojson::parse(clean, nullptr, false);
    if (v.is_discarded()) return "";
    std::string out;
    write_json(v, v.is_object() ? Level::Policy : Level::Other, 0, out);
    return out + "\n";
  } catch (...) {
    return "";
  }
}

RenderResult render_policy(std::string_view policy_json, PolicyFormat format, const RenderOptions& options) {
  RenderResult r;
  try {
    ojson policy;
    if (!parse_policy(policy_json, policy, r.error)) return r;
    switch (format) {
      case PolicyFormat::Json:
        write_json(policy, Level::Policy, 0, r.text);
        r.text += '\n';
        break;
      case PolicyFormat::TerraformDocument:
        return render_terraform_document(policy, options);
      case PolicyFormat::TerraformJsonencode:
        r.text = "assume_role_policy = jsonencode(";
        write_hcl_value(policy, Level::Policy, 0, r.text);
        r.text += ")\n";
        break;
      case PolicyFormat::CloudFormationYaml:
        r.text = "AssumeRolePolicyDocument:\n";
        if (policy.empty()) r.text = "AssumeRolePolicyDocument: {}\n";
        else write_yaml(policy, Level::Policy, 2, r.text);
        break;
      case PolicyFormat::CloudFormationJson: {
        ojson wrapper = ojson::object();
        wrapper["AssumeRolePolicyDocument"] = policy;
        // The wrapper's only member is the policy: write it at policy level, indented once.
        r.text = "{\n  \"AssumeRolePolicyDocument\": ";
        write_json(policy, Level::Policy, 1, r.text);
        r.text += "\n}\n";
        break;
      }
    }
  } catch (...) {
    r.text.clear();
    r.error = "The policy could not be rendered.";
  }
  return r;
}

}  // namespace stackengine
