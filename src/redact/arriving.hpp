// What the helper thread found in an ArrivingText (redact.hpp) before redact() was
// called: the prescan and the keyword occurrences of the text's first
// prescan.done() bytes.
#pragma once

#include <vector>

#include "redact/keywords.hpp"
#include "redact/prescan.hpp"

namespace stackengine::detail {

struct Arrived {
  PrescanParts prescan;
  std::vector<KeywordAutomaton::Hit> hits;  // those that end in [0, prescan.done())
  bool keywords = true;  // false: the automaton has no table for find_range, find_all runs
};

}  // namespace stackengine::detail
