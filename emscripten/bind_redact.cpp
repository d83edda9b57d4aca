// Bindings only: redact.hpp as JS. No logic here.
#include <emscripten/bind.h>

#include "stackengine/redact.hpp"

using namespace emscripten;
using namespace stackengine;

namespace {
RedactResult redact_with(Vault& vault, const std::string& text) { return redact(text, vault); }
std::string restore_with(const Vault& vault, const std::string& text) { return restore(text, vault); }
std::size_t vault_size(const Vault& vault) { return vault.size(); }
}  // namespace

EMSCRIPTEN_BINDINGS(stackengine_redact) {
  value_object<RedactFinding>("RedactFinding")
      .field("rule", &RedactFinding::rule)
      .field("category", &RedactFinding::category)
      .field("severity", &RedactFinding::severity)
      .field("start", &RedactFinding::start)
      .field("end", &RedactFinding::end)
      .field("placeholder", &RedactFinding::placeholder);
  register_vector<RedactFinding>("VectorRedactFinding");
  value_object<RedactResult>("RedactResult")
      .field("error", &RedactResult::error)
      .field("redacted", &RedactResult::redacted)
      .field("findings", &RedactResult::findings);
  class_<Vault>("Vault")
      .constructor<>()
      .function("redact", &redact_with)
      .function("restore", &restore_with)
      .function("size", &vault_size);
}
