// The JSON form of a lint Finding, shared by `stackengine lint` and `stackengine fix`
// (whose "findings_after" uses the same shape). Json is nlohmann::json or ordered_json,
// so each command keeps its own key order.
#pragma once

#include "stackengine/lint.hpp"

namespace stackengine::cli {

template <typename Json>
Json finding_json(const Finding& f) {
  return Json{{"id", f.id},
              {"severity", severity_name(f.severity)},
              {"statement", f.statement},
              {"pointer", f.pointer},
              {"line", f.location.line},
              {"column", f.location.column},
              {"message", f.message},
              {"fix", f.fix}};
}

}  // namespace stackengine::cli
