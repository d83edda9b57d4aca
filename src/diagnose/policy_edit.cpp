// Edits diagnose() proposes when the user's intent is to let this caller in: add the
// caller to a statement's Principal, or an action (sts:TagSession, ...) to its Action.
// They widen the policy on purpose, which is why they live here and not in policy_fix.
#include <exception>
#include <nlohmann/json.hpp>

#include "diagnose/internal.hpp"
#include "stackengine/diagnose.hpp"

namespace stackengine {
namespace {

using Json = nlohmann::ordered_json;

// "a" -> ["a", v]; ["a"] -> ["a", v]; absent -> v. Nothing when v is already there.
void add_value(Json& slot, const std::string& value, bool case_insensitive) {
  auto same = [&](const Json& j) {
    if (!j.is_string()) return false;
    const std::string s = j.get<std::string>();
    return case_insensitive ? diagnose_detail::lower(s) == diagnose_detail::lower(value) : s == value;
  };
  if (slot.is_null()) {
    slot = value;
    return;
  }
  if (slot.is_string()) {
    if (same(slot)) return;
    slot = Json::array({slot, value});
    return;
  }
  if (slot.is_array()) {
    for (const Json& j : slot)
      if (same(j)) return;
    slot.push_back(value);
  }
}

}  // namespace

std::string apply_policy_edits(std::string_view policy_json, const std::vector<PolicyEdit>& edits) {
  try {
    Json doc = Json::parse(policy_json.begin(), policy_json.end(), nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) return "";
    Json* statements = doc.contains("Statement") ? &doc["Statement"] : nullptr;
    if (!statements) return doc.dump(2);
    for (const PolicyEdit& e : edits) {
      Json* s = nullptr;
      if (statements->is_array() && e.statement >= 0 && static_cast<std::size_t>(e.statement) < statements->size())
        s = &(*statements)[static_cast<std::size_t>(e.statement)];
      else if (statements->is_object() && e.statement == 0)
        s = statements;
      if (!s || !s->is_object()) continue;
      if (e.kind == "add-action") {
        // Action names are case-insensitive in IAM.
        add_value((*s)["Action"], e.value, true);
      } else if (e.kind == "add-principal") {
        Json& p = (*s)["Principal"];
        if (p.is_string()) continue;  // "*" already admits everyone
        if (p.is_null()) p = Json::object();
        if (!p.is_object()) continue;
        add_value(p[e.principal_type.empty() ? "AWS" : e.principal_type], e.value, false);
      }
    }
    return doc.dump(2, ' ', false, Json::error_handler_t::replace);
  } catch (const std::exception&) {
    return "";
  }
}

}  // namespace stackengine
