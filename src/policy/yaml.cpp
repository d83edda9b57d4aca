#include "policy/internal.hpp"

namespace stackengine::policy_detail {

bool parse_yaml(std::string_view text, json::Value& out, PolicyError& error) {
  (void)text;
  (void)out;
  error = {"TRUST_MALFORMED_JSON", "The input is neither JSON nor a CloudFormation template.", {}, ""};
  return false;
}

}  // namespace stackengine::policy_detail
