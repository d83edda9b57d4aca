// Bindings only: policy.hpp's value types as JS (bind_policy_fix.cpp returns them too).
#include <emscripten/bind.h>

#include "stackengine/policy.hpp"

using namespace emscripten;
using namespace stackengine;

EMSCRIPTEN_BINDINGS(stackengine_policy) {
  value_object<PolicyError>("PolicyError")
      .field("code", &PolicyError::code)
      .field("message", &PolicyError::message)
      .field("location", &PolicyError::location)
      .field("pointer", &PolicyError::pointer);
  register_vector<PolicyError>("VectorPolicyError");
}
