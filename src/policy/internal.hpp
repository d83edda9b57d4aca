// Shared by the policy parser's files; not public API.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "stackengine/json.hpp"
#include "stackengine/policy.hpp"

namespace stackengine::policy_detail {

// JSON text of `v`, members in source order (duplicates kept). `pretty`: 2-space indent.
std::string to_json(const json::Value& v, bool pretty);

// Builds the model from a policy object whose pointers are relative to the policy
// and whose locations are in the pasted text.
TrustPolicy build_policy(const json::Value& doc, std::vector<PolicyError>& errors);

bool keys_equal_ci(std::string_view a, std::string_view b);

// CloudFormation YAML -> located JSON value (tags become {"Fn::X": ...} / {"Ref": ...}).
// Returns false with `error` set when the text is not YAML this reader handles.
bool parse_yaml(std::string_view text, json::Value& out, PolicyError& error);

}  // namespace stackengine::policy_detail
