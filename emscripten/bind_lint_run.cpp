// Bindings only: lint() as JS. Finding / PolicyError / Severity are registered in
// bind_lint.cpp and bind_policy.cpp (shared with bind_policy_fix.cpp).
//
//   const r = se.lintPolicy(text, 'arn:aws:iam::222222222222:role/Target');  // role ARN may be ''
//   for (let i = 0; i < r.findings.size(); ++i) r.findings.get(i).id;         // "TRUST_..."
//   r.findings.delete(); r.errors.delete();
#include <emscripten/bind.h>

#include "stackengine/lint.hpp"

using namespace emscripten;
using namespace stackengine;

namespace {
LintResult lint_policy_text(const std::string& text, const std::string& role_arn) {
  LintOptions o;
  o.role_arn = role_arn;
  return lint(parse_trust_policy(text), o);
}
std::string severity_label(Severity s) { return severity_name(s); }
}  // namespace

EMSCRIPTEN_BINDINGS(stackengine_lint_run) {
  value_object<LintResult>("LintResult").field("findings", &LintResult::findings).field("errors", &LintResult::errors);
  function("lintPolicy", &lint_policy_text);
  function("severityName", &severity_label);
}
