// Shared inside src/simulate only.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "stackengine/simulate.hpp"

namespace stackengine::simulate_detail {

bool iequals(std::string_view a, std::string_view b);
std::string lower(std::string_view s);
bool starts_with_ci(std::string_view s, std::string_view prefix);

// Keys whose request value is a set. Single-valued operators never match them (a set
// needs ForAllValues:/ForAnyValue:).
bool is_multivalued_key(std::string_view key);

// Keys the caller controls through the STS call, so a fix says "send ..." rather than
// "the request needs ...".
bool is_caller_sent_key(std::string_view key);

}  // namespace stackengine::simulate_detail
