// Bindings only: simulate.hpp as JS. Results are typed value_objects; the request is a
// plain JS object read field by field into SimulateTextRequest (JS arrays and maps in,
// no logic here):
//
//   const r = Module.simulate({
//     policy, principal, action, roleArn,
//     identityPolicies: [text, ...], scps: [text, ...], permissionsBoundary: text,
//     callerPoliciesKnown: true,
//     call: { externalId, sessionName, sourceIdentity, tags: [{key, value}], transitiveTagKeys: [],
//             mfaSerial, tokenCode, durationSeconds },
//     context: { 'aws:PrincipalOrgID': 'o-...', 'aws:TagKeys': ['a', 'b'] },
//   });
//   r.decision; r.reasons.get(0).conditions.get(0).satisfy;   // vectors: .size()/.get()/.delete()
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include "stackengine/simulate.hpp"

using namespace emscripten;
using namespace stackengine;

namespace {

bool has(const val& o, const char* key) {
  if (o.isUndefined() || o.isNull() || o.typeOf().as<std::string>() != "object") return false;
  const val v = o[key];
  return !v.isUndefined() && !v.isNull();
}

std::string str(const val& o, const char* key) {
  if (!has(o, key)) return "";
  const val v = o[key];
  return v.isString() ? v.as<std::string>() : val::global("String")(v).as<std::string>();
}

std::vector<std::string> strings_of(const val& v) {
  std::vector<std::string> out;
  if (v.isString()) {
    out.push_back(v.as<std::string>());
  } else if (v.isArray()) {
    const unsigned n = v["length"].as<unsigned>();
    for (unsigned i = 0; i < n; ++i) out.push_back(val::global("String")(v[i]).as<std::string>());
  } else if (!v.isUndefined() && !v.isNull()) {
    out.push_back(val::global("String")(v).as<std::string>());
  }
  return out;
}

std::vector<std::string> strings(const val& o, const char* key) {
  return has(o, key) ? strings_of(o[key]) : std::vector<std::string>{};
}

SimulationResult simulate_js(const val& request) {
  SimulateTextRequest r;
  r.policy = str(request, "policy");
  r.principal = str(request, "principal");
  r.action = str(request, "action");
  r.role_arn = str(request, "roleArn");
  r.identity_policies = strings(request, "identityPolicies");
  r.scps = strings(request, "scps");
  r.permissions_boundary = str(request, "permissionsBoundary");
  r.caller_policies_known = has(request, "callerPoliciesKnown") && request["callerPoliciesKnown"].as<bool>();
  if (has(request, "call")) {
    const val c = request["call"];
    r.call.action = str(c, "action");
    r.call.external_id = str(c, "externalId");
    r.call.external_id_sent = has(c, "externalId");
    r.call.session_name = str(c, "sessionName");
    r.call.source_identity = str(c, "sourceIdentity");
    r.call.mfa_serial = str(c, "mfaSerial");
    r.call.token_code = str(c, "tokenCode");
    r.call.transitive_tag_keys = strings(c, "transitiveTagKeys");
    if (has(c, "durationSeconds")) r.call.duration_seconds = c["durationSeconds"].as<int>();
    if (has(c, "tags") && c["tags"].isArray()) {
      const val tags = c["tags"];
      const unsigned n = tags["length"].as<unsigned>();
      for (unsigned i = 0; i < n; ++i) r.call.tags.push_back({str(tags[i], "key"), str(tags[i], "value")});
    }
  }
  if (has(request, "context")) {
    const val ctx = request["context"];
    const val keys = val::global("Object").call<val>("keys", ctx);
    const unsigned n = keys["length"].as<unsigned>();
    for (unsigned i = 0; i < n; ++i) {
      const std::string k = keys[i].as<std::string>();
      r.context.push_back({k, strings_of(ctx[k])});
    }
  }
  return simulate_text(r);
}

template <typename T, Decision T::*M>
std::string get_decision(const T& t) {
  return decision_name(t.*M);
}
template <typename T, Decision T::*M>
void set_decision(T&, std::string) {}

}  // namespace

EMSCRIPTEN_BINDINGS(stackengine_simulate) {
  value_object<ConditionOutcome>("ConditionOutcome")
      .field("op", &ConditionOutcome::op)
      .field("key", &ConditionOutcome::key)
      .field("policyValues", &ConditionOutcome::policy_values)
      .field("requestValues", &ConditionOutcome::request_values)
      .field("keyPresent", &ConditionOutcome::key_present)
      .field("matched", &ConditionOutcome::matched)
      .field("message", &ConditionOutcome::message)
      .field("satisfy", &ConditionOutcome::satisfy)
      .field("pointer", &ConditionOutcome::pointer)
      .field("location", &ConditionOutcome::location);
  register_vector<ConditionOutcome>("VectorConditionOutcome");
  value_object<StatementReason>("StatementReason")
      .field("policy", &StatementReason::policy)
      .field("policyIndex", &StatementReason::policy_index)
      .field("statement", &StatementReason::statement)
      .field("sid", &StatementReason::sid)
      .field("effect", &StatementReason::effect)
      .field("action", &StatementReason::action)
      .field("matched", &StatementReason::matched)
      .field("failedElement", &StatementReason::failed_element)
      .field("principalMatch", &StatementReason::principal_match)
      .field("conditions", &StatementReason::conditions)
      .field("message", &StatementReason::message)
      .field("satisfy", &StatementReason::satisfy)
      .field("pointer", &StatementReason::pointer)
      .field("location", &StatementReason::location);
  register_vector<StatementReason>("VectorStatementReason");
  value_object<ExtraCheck>("ExtraCheck")
      .field("action", &ExtraCheck::action)
      .field("decision", &get_decision<ExtraCheck, &ExtraCheck::decision>,
             &set_decision<ExtraCheck, &ExtraCheck::decision>);
  register_vector<ExtraCheck>("VectorExtraCheck");
  value_object<SimulationError>("SimulationError")
      .field("input", &SimulationError::input)
      .field("index", &SimulationError::index)
      .field("code", &SimulationError::code)
      .field("message", &SimulationError::message)
      .field("location", &SimulationError::location);
  register_vector<SimulationError>("VectorSimulationError");
  value_object<SimulationResult>("SimulationResult")
      .field("decision", &get_decision<SimulationResult, &SimulationResult::decision>,
             &set_decision<SimulationResult, &SimulationResult::decision>)
      .field("trustDecision", &get_decision<SimulationResult, &SimulationResult::trust_decision>,
             &set_decision<SimulationResult, &SimulationResult::trust_decision>)
      .field("trustGrant", &SimulationResult::trust_grant)
      .field("callerDecision", &get_decision<SimulationResult, &SimulationResult::caller_decision>,
             &set_decision<SimulationResult, &SimulationResult::caller_decision>)
      .field("callerEvaluated", &SimulationResult::caller_evaluated)
      .field("callerSideRequired", &SimulationResult::caller_side_required)
      .field("sameAccount", &SimulationResult::same_account)
      .field("rootCaller", &SimulationResult::root_caller)
      .field("decidedBy", &SimulationResult::decided_by)
      .field("summary", &SimulationResult::summary)
      .field("reasons", &SimulationResult::reasons)
      .field("extraChecks", &SimulationResult::extra_checks)
      .field("policyProblems", &SimulationResult::policy_problems)
      .field("errors", &SimulationResult::errors);
  function("simulate", &simulate_js);
}
