// The built-in rule files, embedded at build time by cmake/embed_rules.cmake.
#pragma once

#include <cstddef>

namespace stackengine::detail {

struct EmbeddedRuleFile {
  const char* name;  // e.g. "aws.toml"
  const char* text;
  std::size_t size;
};

std::size_t embedded_rule_file_count();
const EmbeddedRuleFile& embedded_rule_file(std::size_t i);

}  // namespace stackengine::detail
