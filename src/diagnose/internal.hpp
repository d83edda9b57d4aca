// Helpers shared by diagnose.cpp, policy_edit.cpp and analyze.cpp. Not public API.
#pragma once

#include <string>
#include <string_view>

namespace stackengine::diagnose_detail {

struct ArnParts {
  bool ok = false;
  std::string partition, service, region, account, resource;
};

std::string lower(std::string_view s);
bool is_account_id(std::string_view s);
ArnParts split_arn(std::string_view arn);
bool looks_redacted(std::string_view s);

}  // namespace stackengine::diagnose_detail
