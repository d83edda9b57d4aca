// ARN fields, shared by lint and policy_fix; not public API.
#pragma once

#include <string>
#include <string_view>

namespace stackengine::policy_detail {

// The account field of "arn:PARTITION:SERVICE:REGION:ACCOUNT:..." (between the
// fourth and fifth colons), or "" when there is no fifth colon. Callers check the
// "arn:" prefix themselves.
inline std::string arn_account_field(std::string_view arn) {
  std::size_t pos = 0;
  for (int field = 0; field < 4; ++field) {
    pos = arn.find(':', pos);
    if (pos == std::string_view::npos) return "";
    ++pos;
  }
  const std::size_t end = arn.find(':', pos);
  if (end == std::string_view::npos) return "";
  return std::string(arn.substr(pos, end - pos));
}

}  // namespace stackengine::policy_detail
