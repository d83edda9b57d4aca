// Bindings only: lint.hpp's value types as JS (bind_policy_fix.cpp returns them too).
#include <emscripten/bind.h>

#include "stackengine/lint.hpp"

using namespace emscripten;
using namespace stackengine;

EMSCRIPTEN_BINDINGS(stackengine_lint) {
  enum_<Severity>("Severity")
      .value("Info", Severity::Info)
      .value("Low", Severity::Low)
      .value("Medium", Severity::Medium)
      .value("High", Severity::High)
      .value("Critical", Severity::Critical);
  value_object<Finding>("Finding")
      .field("id", &Finding::id)
      .field("severity", &Finding::severity)
      .field("statement", &Finding::statement)
      .field("pointer", &Finding::pointer)
      .field("location", &Finding::location)
      .field("message", &Finding::message)
      .field("fix", &Finding::fix);
  register_vector<Finding>("VectorFinding");
}
