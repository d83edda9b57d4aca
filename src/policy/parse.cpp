// parse_trust_policy(): recognises what the user pasted and finds the policy in it.
//
// Locations always point into the pasted text. When the policy is itself text inside
// the paste (a JSON string in get-role output or a Terraform plan, possibly
// URL-encoded), every decoded byte remembers the pasted byte it came from, so a
// finding in the inner policy still points at the right line:column of the paste.
#include <algorithm>
#include <exception>
#include <functional>
#include <map>

#include "policy/internal.hpp"

namespace stackengine {
namespace {

using policy_detail::build_policy;
using policy_detail::to_json;

std::string_view trim(std::string_view s) {
  std::size_t b = 0, e = s.size();
  while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
  while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r')) --e;
  return s.substr(b, e - b);
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// For a JSON string literal starting at `open` (the quote) in `text`: for each byte of
// the decoded value, the offset of the pasted byte it came from (plus one entry for
// the end). Mirrors json::parse's decoding; escapes map to their backslash.
std::vector<std::size_t> string_offsets(std::string_view text, std::size_t open, const std::string& decoded) {
  std::vector<std::size_t> map;
  map.reserve(decoded.size() + 1);
  std::size_t i = open + 1;
  while (i < text.size() && map.size() < decoded.size()) {
    const char c = text[i];
    if (c == '"') break;
    if (c != '\\') {
      map.push_back(i++);
      continue;
    }
    const std::size_t esc = i;
    if (i + 1 >= text.size()) break;
    const char e = text[i + 1];
    if (e != 'u') {
      map.push_back(esc);
      i += 2;
      continue;
    }
    // \uXXXX (maybe a surrogate pair): as many decoded bytes as its UTF-8 form has.
    unsigned cp = 0;
    for (std::size_t k = i + 2; k < i + 6 && k < text.size(); ++k) cp = (cp << 4) | static_cast<unsigned>(std::max(0, hex_value(text[k])));
    i += 6;
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < text.size() && text[i] == '\\' && text[i + 1] == 'u') {
      unsigned lo = 0;
      for (std::size_t k = i + 2; k < i + 6 && k < text.size(); ++k) lo = (lo << 4) | static_cast<unsigned>(std::max(0, hex_value(text[k])));
      if (lo >= 0xDC00 && lo <= 0xDFFF) {
        cp = 0x10000;
        i += 6;
      }
    }
    if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
    const std::size_t n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (std::size_t k = 0; k < n; ++k) map.push_back(esc);
  }
  while (map.size() < decoded.size()) map.push_back(i);  // defensive: never index past the end
  map.push_back(i);
  return map;
}

bool looks_url_encoded(std::string_view s) {
  s = trim(s);
  if (s.size() >= 3 && s[0] == '%' && (s.substr(1, 2) == "7B" || s.substr(1, 2) == "7b")) return true;
  return false;
}

// RFC 3986 percent-decoding ('+' stays '+': IAM encodes a plus as %2B).
std::string url_decode(std::string_view s, const std::vector<std::size_t>& in_map, std::vector<std::size_t>& out_map) {
  std::string out;
  out_map.clear();
  for (std::size_t i = 0; i < s.size();) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 &&
        hex_value(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2])));
      out_map.push_back(in_map[i]);
      i += 3;
    } else {
      out.push_back(s[i]);
      out_map.push_back(in_map[i]);
      ++i;
    }
  }
  out_map.push_back(in_map[s.size()]);
  return out;
}

void walk(json::Value& v, const std::function<void(SourceLocation&)>& f) {
  f(v.location);
  f(v.end);
  for (auto& item : v.items) walk(item, f);
  for (auto& m : v.members) {
    f(m.key_location);
    walk(m.value, f);
  }
}

void rebase(json::Value& v, std::size_t prefix) {
  v.pointer.erase(0, prefix);
  for (auto& item : v.items) rebase(item, prefix);
  for (auto& m : v.members) rebase(m.value, prefix);
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text), index_(text) {}

  PolicyParseResult run() {
    const TextCheck check = check_text(text_);
    if (!check.ok()) {
      error(check.error.code, check.error.message, check.error.location, "");
      return std::move(result_);
    }
    const std::string_view body = trim(text_);
    if (body.empty()) {
      error("POLICY_EMPTY", "The input is empty; paste a trust policy.", {}, "");
      return std::move(result_);
    }
    const char first = body.front();
    json::ParseResult parsed = json::parse(text_);
    if (parsed.ok()) {
      outer_duplicates_ = std::move(parsed.duplicates);
      interpret(parsed.root, 0, &outer_duplicates_);
    } else if (first == '"' && parsed.errors.front().code == "JSON_TRAILING") {
      error("POLICY_FRAGMENT",
            "This is a fragment (\"Key\": value lines without the enclosing { }), not a policy document; paste "
            "the whole policy.",
            parsed.errors.front().location, "");
      return std::move(result_);
    } else if (first == '{' || first == '[' || first == '"') {
      const auto& e = parsed.errors.front();
      error("TRUST_MALFORMED_JSON", "The policy is not valid JSON: " + e.message, e.location, "");
      return std::move(result_);
    } else if (looks_like_hcl(body)) {
      error("POLICY_TERRAFORM_HCL",
            "This is Terraform configuration (HCL), which StackEngine does not evaluate; paste the rendered "
            "policy JSON or `terraform show -json` plan output instead.",
            index_.locate(static_cast<std::size_t>(body.data() - text_.data())), "");
    } else {
      json::Value root;
      PolicyError e;
      if (!policy_detail::parse_yaml(text_, root, e)) {
        result_.errors.push_back(std::move(e));
        return std::move(result_);
      }
      yaml_ = true;
      if (root.kind != json::Kind::Object) {
        error("POLICY_NOT_FOUND",
              "This is neither JSON nor a YAML CloudFormation template; paste the trust policy JSON.",
              index_.locate(static_cast<std::size_t>(body.data() - text_.data())), "");
        return std::move(result_);
      }
      interpret(root, 0, nullptr);
    }
    finish();
    return std::move(result_);
  }

 private:
  static bool looks_like_hcl(std::string_view body) {
    for (std::string_view kw : {"resource \"", "data \"", "module \"", "variable \"", "locals {", "provider \"",
                                "output \"", "terraform {"}) {
      if (starts_with(body, kw)) return true;
      std::string nl = "\n" + std::string(kw);
      if (body.find(nl) != std::string_view::npos) return true;
    }
    return false;
  }

  void error(std::string code, std::string message, SourceLocation loc, std::string pointer) {
    result_.errors.push_back({std::move(code), std::move(message), loc, std::move(pointer)});
  }

  void finish() {
    if (result_.all.empty() && result_.errors.empty() && !pending_errors_.empty())
      result_.errors.push_back(pending_errors_.front());
    if (result_.all.empty() && result_.errors.empty())
      error("POLICY_NOT_FOUND",
            "No trust policy found: expected a policy document, `aws iam get-role` output, a CloudFormation "
            "template with an AWS::IAM::Role, or a Terraform plan.",
            index_.locate(static_cast<std::size_t>(trim(text_).data() - text_.data())), "");
    if (!result_.errors.empty()) return;
    result_.policy = result_.all.front();
  }

  // Adds the policy `doc` (pointers relative to the pasted document).
  void add_policy(const json::Value& doc, PolicySource source, const std::vector<json::DuplicateKey>* dups,
                  std::string name, std::string role_arn) {
    json::Value copy = doc;
    const std::string prefix = doc.pointer;
    rebase(copy, prefix.size());
    std::vector<PolicyError> errors;
    TrustPolicy p = build_policy(copy, errors);
    if (!errors.empty()) {
      // Only fatal when nothing else in the paste is a policy (see finish()).
      for (auto& e : errors) {
        e.pointer = prefix + e.pointer;
        pending_errors_.push_back(std::move(e));
      }
      return;
    }
    p.source = source;
    p.pointer = prefix;
    p.name = std::move(name);
    p.role_arn = std::move(role_arn);
    if (dups) {
      for (const auto& d : *dups) {
        if (d.pointer == prefix || starts_with(d.pointer, prefix + "/") || prefix.empty()) {
          json::DuplicateKey r = d;
          r.pointer.erase(0, prefix.size());
          result_.duplicates.push_back(std::move(r));
        }
      }
    }
    result_.all.push_back(std::move(p));
  }

  // `v` is a JSON string whose content should be a policy (maybe URL-encoded).
  void add_embedded(const json::Value& v, PolicySource source, std::string name, std::string role_arn, int depth) {
    std::vector<std::size_t> map;
    if (yaml_) {
      // yaml-cpp gives no per-byte positions inside scalars: point at the scalar.
      map.assign(v.text.size() + 1, v.location.offset);
    } else {
      map = string_offsets(text_, v.location.offset, v.text);
    }
    std::string inner = v.text;
    if (looks_url_encoded(inner)) {
      std::vector<std::size_t> decoded_map;
      inner = url_decode(v.text, map, decoded_map);
      map = std::move(decoded_map);
    }
    json::ParseResult parsed = json::parse(inner);
    auto relocate = [&](SourceLocation& loc) { loc = index_.locate(map[std::min(loc.offset, map.size() - 1)]); };
    if (!parsed.ok()) {
      auto e = parsed.errors.front();
      relocate(e.location);
      pending_errors_.push_back({"TRUST_MALFORMED_JSON", "The embedded policy is not valid JSON: " + e.message,
                                 e.location, v.pointer});
      return;
    }
    walk(parsed.root, relocate);
    for (auto& d : parsed.duplicates) {
      relocate(d.first);
      relocate(d.kept);
    }
    if (parsed.root.kind == json::Kind::String && depth < 2) {
      add_embedded(parsed.root, source, std::move(name), std::move(role_arn), depth + 1);
      return;
    }
    add_policy(parsed.root, source, &parsed.duplicates, std::move(name), std::move(role_arn));
  }

  // CloudFormation intrinsics in places where a string is expected: keep a readable
  // template string so lint can still judge the value. A parameter with a Default is
  // judged with that default (what the template deploys when nobody overrides it);
  // other references stay as "${Name}", which lint treats as unknown.
  struct Parameter {
    std::vector<std::string> values;  // the Default (a list parameter: split at commas)
    bool list = false;
  };
  std::map<std::string, Parameter> parameters_;

  void read_parameters(const json::Value& root) {
    const json::Value* params = root.find("Parameters");
    if (!params || !params->is_object()) return;
    for (const auto& m : params->members) {
      if (!m.value.is_object()) continue;
      const json::Value* def = m.value.find("Default");
      if (!def || (def->kind != json::Kind::String && def->kind != json::Kind::Number)) continue;
      if (def->text.empty()) continue;  // "" = not set: unknown
      const json::Value* type = m.value.find("Type");
      Parameter p;
      p.list = type && type->is_string() &&
               (type->text == "CommaDelimitedList" || starts_with(type->text, "List<"));
      if (p.list) {
        std::size_t from = 0;
        while (from <= def->text.size()) {
          const auto comma = def->text.find(',', from);
          const auto part = trim(std::string_view(def->text).substr(from, comma == std::string::npos ? std::string::npos : comma - from));
          if (!part.empty()) p.values.emplace_back(part);
          if (comma == std::string::npos) break;
          from = comma + 1;
        }
        if (p.values.empty()) continue;
      } else {
        p.values.push_back(def->text);
      }
      parameters_[m.key] = std::move(p);
    }
  }

  std::string substitute(const std::string& tpl) const {
    std::string out;
    for (std::size_t i = 0; i < tpl.size();) {
      if (tpl.compare(i, 2, "${") == 0) {
        const auto close = tpl.find('}', i);
        if (close != std::string::npos) {
          const std::string name = tpl.substr(i + 2, close - i - 2);
          auto it = parameters_.find(name);
          if (it != parameters_.end() && !it->second.list) {
            out += it->second.values[0];
            i = close + 1;
            continue;
          }
        }
      }
      out.push_back(tpl[i++]);
    }
    return out;
  }

  static bool is_no_value(const json::Value& v) { return v.kind == json::Kind::Null && v.text == "AWS::NoValue"; }
  static bool is_bare_template(const json::Value& v) {
    return v.is_string() && starts_with(v.text, "${") && v.text.back() == '}' && v.text.find("${", 2) == std::string::npos;
  }

  void resolve_intrinsics(json::Value& v) const {
    if (v.kind == json::Kind::Object && v.members.size() == 1 && v.members[0].key == "Fn::If" &&
        v.members[0].value.is_array() && v.members[0].value.items.size() == 3) {
      // Judge the branch that adds trust or conditions (the "true" branch), unless it
      // is only an unknown reference and the other branch says more.
      json::Value arg = std::move(v.members[0].value);
      resolve_intrinsics(arg.items[1]);
      resolve_intrinsics(arg.items[2]);
      const bool take_else = (is_bare_template(arg.items[1]) || is_no_value(arg.items[1])) &&
                             arg.items[2].is_string() && !is_bare_template(arg.items[2]);
      v = std::move(arg.items[take_else ? 2 : 1]);
      return;
    }
    for (auto& item : v.items) resolve_intrinsics(item);
    for (auto& m : v.members) resolve_intrinsics(m.value);
    if (v.kind == json::Kind::Array) {
      std::vector<json::Value> kept;
      for (auto& item : v.items) {
        if (is_no_value(item)) continue;
        // A list parameter referenced as one element expands in place.
        if (item.kind == json::Kind::Array && item.text == "list-parameter") {
          for (auto& x : item.items) kept.push_back(std::move(x));
          continue;
        }
        kept.push_back(std::move(item));
      }
      v.items = std::move(kept);
    }
    if (v.kind == json::Kind::Object) {
      std::vector<json::Member> kept;
      for (auto& m : v.members) {
        if (is_no_value(m.value)) continue;
        if (m.value.kind == json::Kind::Array && m.value.text == "list-parameter") m.value.text.clear();
        kept.push_back(std::move(m));
      }
      v.members = std::move(kept);
    }
    if (v.kind != json::Kind::Object || v.members.size() != 1) return;
    const std::string key = v.members[0].key;
    json::Value arg = std::move(v.members[0].value);
    auto become_string = [&](std::string s) {
      v.members.clear();
      v.kind = json::Kind::String;
      v.text = std::move(s);
    };
    if (key == "Ref" && arg.is_string()) {
      if (arg.text == "AWS::NoValue") {
        v.members.clear();
        v.kind = json::Kind::Null;
        v.text = "AWS::NoValue";
        return;
      }
      auto it = parameters_.find(arg.text);
      if (it != parameters_.end() && it->second.list) {
        v.members.clear();
        v.kind = json::Kind::Array;
        v.text = "list-parameter";
        for (const auto& x : it->second.values) {
          json::Value item;
          item.kind = json::Kind::String;
          item.text = x;
          item.location = v.location;
          item.end = v.end;
          item.pointer = v.pointer;
          v.items.push_back(std::move(item));
        }
        return;
      }
      become_string(substitute("${" + arg.text + "}"));
    } else if (key == "Fn::Sub" && arg.is_string()) {
      become_string(substitute(arg.text));
    } else if (key == "Fn::Sub" && arg.is_array() && !arg.items.empty() && arg.items[0].is_string()) {
      become_string(substitute(arg.items[0].text));
    } else if (key == "Fn::GetAtt" && arg.is_array()) {
      std::string s;
      for (const auto& part : arg.items) s += (s.empty() ? "" : ".") + part.text;
      become_string("${" + s + "}");
    } else if (key == "Fn::GetAtt" && arg.is_string()) {
      become_string("${" + arg.text + "}");
    } else if (key == "Fn::Join" && arg.is_array() && arg.items.size() == 2 && arg.items[0].is_string() &&
               arg.items[1].is_array()) {
      std::string s;
      bool ok = true;
      for (std::size_t i = 0; i < arg.items[1].items.size(); ++i) {
        const auto& part = arg.items[1].items[i];
        if (!part.is_string()) ok = false;
        s += (i ? arg.items[0].text : "") + part.text;
      }
      if (ok) become_string(s);
      else v.members[0].value = std::move(arg);
    } else {
      v.members[0].value = std::move(arg);
    }
  }

  void interpret(json::Value& root, int depth, const std::vector<json::DuplicateKey>* dups) {
    if (root.kind == json::Kind::String) {
      if (depth < 2) add_embedded(root, PolicySource::JsonString, "", "", depth + 1);
      return;
    }
    if (root.kind != json::Kind::Object) {
      error("POLICY_NOT_FOUND",
            root.kind == json::Kind::Array
                ? "This is a JSON array; a trust policy is an object with \"Version\" and \"Statement\"."
                : "This JSON value is not a trust policy; expected an object with \"Version\" and \"Statement\".",
            root.location, root.pointer);
      return;
    }
    if (root.find("Statement") || root.find("Version")) {
      if (yaml_) {
        json::Value resolved = root;
        resolve_intrinsics(resolved);
        add_policy(resolved, PolicySource::CloudFormationYaml, dups, "", "");
      } else {
        add_policy(root, PolicySource::PolicyDocument, dups, "", "");
      }
    } else if (const json::Value* role = root.find("Role"); role && role->is_object() && role->find("AssumeRolePolicyDocument")) {
      read_role_object(*role, dups);
    } else if (root.find("AssumeRolePolicyDocument")) {
      read_role_object(root, dups);
    } else if (const json::Value* resources = root.find("Resources"); resources && resources->is_object()) {
      read_parameters(root);
      for (const auto& r : resources->members) {
        const json::Value* type = r.value.is_object() ? r.value.find("Type") : nullptr;
        if (!type || !type->is_string() || type->text != "AWS::IAM::Role") continue;
        const json::Value* props = r.value.find("Properties");
        const json::Value* doc = props && props->is_object() ? props->find("AssumeRolePolicyDocument") : nullptr;
        if (!doc) continue;
        const PolicySource src = yaml_ ? PolicySource::CloudFormationYaml : PolicySource::CloudFormationJson;
        if (doc->is_string()) {
          add_embedded(*doc, src, r.key, "", 1);
        } else {
          json::Value resolved = *doc;
          resolve_intrinsics(resolved);
          add_policy(resolved, src, dups, r.key, "");
        }
      }
      if (result_.all.empty() && pending_errors_.empty())
        error("POLICY_NOT_FOUND", "This CloudFormation template has no AWS::IAM::Role with an AssumeRolePolicyDocument.",
              resources->location, resources->pointer);
    } else if (const json::Value* changes = root.find("resource_changes"); changes && changes->is_array()) {
      for (const auto& rc : changes->items) {
        const json::Value* type = rc.is_object() ? rc.find("type") : nullptr;
        const json::Value* change = rc.is_object() ? rc.find("change") : nullptr;
        const json::Value* after = change && change->is_object() ? change->find("after") : nullptr;
        const json::Value* policy = after && after->is_object() ? after->find("assume_role_policy") : nullptr;
        if (!policy || !type || type->text != "aws_iam_role") continue;
        const json::Value* address = rc.find("address");
        const json::Value* arn = after->find("arn");
        const std::string name = address && address->is_string() ? address->text : "";
        const std::string role_arn = arn && arn->is_string() ? arn->text : "";
        if (policy->is_string()) add_embedded(*policy, PolicySource::TerraformPlan, name, role_arn, 1);
        else if (policy->is_object()) add_policy(*policy, PolicySource::TerraformPlan, dups, name, role_arn);
      }
      if (result_.all.empty() && pending_errors_.empty())
        error("POLICY_NOT_FOUND",
              "This Terraform plan has no aws_iam_role with a known assume_role_policy (values computed at apply "
              "time are not in the plan).",
              changes->location, changes->pointer);
    } else if (root.find("Effect") && (root.find("Principal") || root.find("Action"))) {
      error("POLICY_NOT_FOUND",
            "This is a single statement, not a policy document; wrap it as {\"Version\": \"2012-10-17\", "
            "\"Statement\": [ ... ]}.",
            root.location, root.pointer);
    } else if (root.find("Principal") || root.find("AWS") || root.find("Service") || root.find("Federated")) {
      error("POLICY_NOT_FOUND", "This is a fragment of a statement, not a policy document.", root.location,
            root.pointer);
    }
  }

  void read_role_object(const json::Value& role, const std::vector<json::DuplicateKey>* dups) {
    const json::Value* doc = role.find("AssumeRolePolicyDocument");
    const json::Value* arn = role.find("Arn");
    const json::Value* name = role.find("RoleName");
    const std::string role_arn = arn && arn->is_string() ? arn->text : "";
    const std::string role_name = name && name->is_string() ? name->text : "";
    const PolicySource src = yaml_ ? PolicySource::CloudFormationYaml : PolicySource::GetRoleOutput;
    if (doc->is_string()) {
      add_embedded(*doc, src, role_name, role_arn, 1);
    } else {
      json::Value resolved = *doc;
      if (yaml_) resolve_intrinsics(resolved);
      add_policy(resolved, src, dups, role_name, role_arn);
    }
  }

  std::string_view text_;
  LineIndex index_;
  bool yaml_ = false;
  PolicyParseResult result_;
  std::vector<json::DuplicateKey> outer_duplicates_;
  std::vector<PolicyError> pending_errors_;
};

}  // namespace

namespace policy_detail {

namespace {
void write_json(const json::Value& v, bool pretty, int indent, std::string& out) {
  auto newline = [&](int level) {
    if (!pretty) return;
    out.push_back('\n');
    out.append(static_cast<std::size_t>(level) * 2, ' ');
  };
  switch (v.kind) {
    case json::Kind::Null: out += "null"; break;
    case json::Kind::Bool: out += v.boolean ? "true" : "false"; break;
    case json::Kind::Number: out += v.text; break;
    case json::Kind::String:
      out.push_back('"');
      out += json::escape(v.text);
      out.push_back('"');
      break;
    case json::Kind::Array:
      if (v.items.empty()) {
        out += "[]";
        break;
      }
      out.push_back('[');
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i) out.push_back(',');
        newline(indent + 1);
        write_json(v.items[i], pretty, indent + 1, out);
      }
      newline(indent);
      out.push_back(']');
      break;
    case json::Kind::Object:
      if (v.members.empty()) {
        out += "{}";
        break;
      }
      out.push_back('{');
      for (std::size_t i = 0; i < v.members.size(); ++i) {
        if (i) out.push_back(',');
        newline(indent + 1);
        out.push_back('"');
        out += json::escape(v.members[i].key);
        out += pretty ? "\": " : "\":";
        write_json(v.members[i].value, pretty, indent + 1, out);
      }
      newline(indent);
      out.push_back('}');
      break;
  }
}
}  // namespace

std::string to_json(const json::Value& v, bool pretty) {
  std::string out;
  write_json(v, pretty, 0, out);
  return out;
}

}  // namespace policy_detail

PolicyParseResult parse_trust_policy(std::string_view text) {
  try {
    return Reader(text).run();
  } catch (const std::exception&) {
    PolicyParseResult r;
    r.errors.push_back({"POLICY_RESOURCE", "The input is too large to analyse in the available memory.", {}, ""});
    return r;
  }
}

}  // namespace stackengine
