// Builds the TrustPolicy model from a located JSON value. The value's pointers are
// relative to the policy document; its locations are already in the pasted text.
#include <array>

#include "policy/internal.hpp"

namespace stackengine {
namespace {

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

// Non-string scalars and containers keep their JSON text so lint can quote them.
std::string literal_text(const json::Value& v) {
  switch (v.kind) {
    case json::Kind::String: return v.text;
    case json::Kind::Number: return v.text;
    case json::Kind::Bool: return v.boolean ? "true" : "false";
    case json::Kind::Null: return "null";
    default: return policy_detail::to_json(v, false);
  }
}

// `scalars_ok`: condition values may be numbers or booleans (Bool, Numeric*).
StringList make_list(const json::Value& v, bool scalars_ok) {
  StringList out;
  out.present = true;
  out.pointer = v.pointer;
  out.location = v.location;
  auto add = [&](const json::Value& item) {
    const bool ok = item.kind == json::Kind::String ||
                    (scalars_ok && (item.kind == json::Kind::Number || item.kind == json::Kind::Bool));
    if (!ok) out.valid = false;
    out.value_valid.push_back(ok);
    out.values.push_back(literal_text(item));
    out.locations.push_back(item.location);
    out.pointers.push_back(item.pointer);
  };
  if (v.kind == json::Kind::Array) {
    out.was_list = true;
    for (const auto& item : v.items) add(item);
  } else {
    add(v);
  }
  return out;
}

Principal make_principal(const json::Value& v) {
  Principal p;
  p.present = true;
  p.pointer = v.pointer;
  p.location = v.location;
  if (v.kind == json::Kind::String && v.text == "*") {
    p.wildcard_string = true;
  } else if (v.kind == json::Kind::Object) {
    for (const auto& m : v.members) p.entries.push_back({m.key, make_list(m.value, false)});
  } else {
    // "Principal": "arn:..." or a list: IAM rejects these; keep them for lint.
    p.entries.push_back({"", make_list(v, false)});
  }
  return p;
}

ConditionBlock make_conditions(const json::Value& v) {
  ConditionBlock block;
  block.present = true;
  block.pointer = v.pointer;
  block.location = v.location;
  if (v.kind != json::Kind::Object) {
    block.empty_operators.push_back("");
    return block;
  }
  for (const auto& op : v.members) {
    if (op.value.kind != json::Kind::Object || op.value.members.empty()) {
      block.empty_operators.push_back(op.key);
      continue;
    }
    const ConditionOperator parsed = split_condition_operator(op.key);
    for (const auto& key : op.value.members) {
      Condition c;
      c.op = parsed;
      c.key = key.key;
      c.values = make_list(key.value, true);
      c.pointer = key.value.pointer;
      c.location = key.key_location;
      block.conditions.push_back(std::move(c));
    }
  }
  return block;
}

Statement make_statement(const json::Value& v, std::size_t index) {
  Statement s;
  s.index = index;
  s.pointer = v.pointer;
  s.location = v.location;
  if (v.kind != json::Kind::Object) return s;  // effect "" -> lint reports it
  for (const auto& m : v.members) {
    const std::string& k = m.key;
    const json::Value& val = m.value;
    if (k == "Sid") {
      s.has_sid = true;
      s.sid = literal_text(val);
    } else if (k == "Effect") {
      s.effect = val.kind == json::Kind::String ? val.text : literal_text(val);
    } else if (k == "Principal") {
      s.principal = make_principal(val);
    } else if (k == "NotPrincipal") {
      s.not_principal = make_principal(val);
    } else if (k == "Action") {
      s.action = make_list(val, false);
    } else if (k == "NotAction") {
      s.not_action = make_list(val, false);
    } else if (k == "Resource") {
      s.resource = make_list(val, false);
    } else if (k == "NotResource") {
      s.not_resource = make_list(val, false);
    } else if (k == "Condition") {
      s.condition = make_conditions(val);
    }
  }
  return s;
}

}  // namespace

std::vector<std::string> Principal::values_of(std::string_view type) const {
  std::vector<std::string> out;
  for (const auto& e : entries)
    if (e.type == type) out.insert(out.end(), e.values.values.begin(), e.values.values.end());
  return out;
}

bool is_known_condition_operator(std::string_view base) {
  static constexpr std::array<std::string_view, 26> kOperators = {
      "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase",
      "StringLike", "StringNotLike", "NumericEquals", "NumericNotEquals", "NumericLessThan",
      "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "DateEquals",
      "DateNotEquals", "DateLessThan", "DateLessThanEquals", "DateGreaterThan",
      "DateGreaterThanEquals", "Bool", "BinaryEquals", "IpAddress", "NotIpAddress", "ArnEquals",
      "ArnLike", "ArnNotEquals", "ArnNotLike"};
  if (base == "Null") return true;
  for (auto op : kOperators)
    if (op == base) return true;
  return false;
}

ConditionOperator split_condition_operator(std::string_view written) {
  ConditionOperator op;
  op.written = std::string(written);
  std::string_view rest = written;
  const auto colon = rest.find(':');
  if (colon != std::string_view::npos) {
    const std::string_view q = rest.substr(0, colon);
    if (q == "ForAllValues" || q == "ForAnyValue") {
      op.set_qualifier = std::string(q);
      rest = rest.substr(colon + 1);
    }
  }
  constexpr std::string_view kIfExists = "IfExists";
  if (rest.size() > kIfExists.size() && rest.substr(rest.size() - kIfExists.size()) == kIfExists) {
    op.if_exists = true;
    rest = rest.substr(0, rest.size() - kIfExists.size());
  }
  op.base = std::string(rest);
  // IAM does not accept NullIfExists.
  op.known = is_known_condition_operator(op.base) && !(op.if_exists && op.base == "Null");
  return op;
}

namespace policy_detail {

bool keys_equal_ci(std::string_view a, std::string_view b) { return iequal(a, b); }

TrustPolicy build_policy(const json::Value& doc, std::vector<PolicyError>& errors) {
  TrustPolicy p;
  p.pointer = doc.pointer;
  if (doc.kind != json::Kind::Object) {
    errors.push_back({"POLICY_NOT_OBJECT", "A trust policy is a JSON object ({ ... }), but this is not an object.",
                      doc.location, doc.pointer});
    return p;
  }
  if (const json::Value* v = doc.find("Version")) {
    p.has_version = true;
    p.version = literal_text(*v);
  }
  if (const json::Value* id = doc.find("Id")) p.id = literal_text(*id);
  const json::Value* st = doc.find("Statement");
  if (!st) {
    errors.push_back({"POLICY_NO_STATEMENT",
                      "This JSON object has no \"Statement\" element, so it is not a policy document.",
                      doc.location, doc.pointer});
    return p;
  }
  if (st->kind == json::Kind::Array) {
    for (std::size_t i = 0; i < st->items.size(); ++i) p.statements.push_back(make_statement(st->items[i], i));
  } else {
    // A single statement object is valid IAM grammar (several linters crash on it).
    p.statement_was_object = true;
    p.statements.push_back(make_statement(*st, 0));
  }
  p.canonical_json = to_json(doc, true);
  return p;
}

}  // namespace policy_detail
}  // namespace stackengine
