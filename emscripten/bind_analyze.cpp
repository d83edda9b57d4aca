// Bindings only: analyze.hpp as JS. `Module.analyze(request)` takes a plain object with
// every field of AnalyzeRequest (camelCase) and returns plain objects; lists are Embind
// vectors (size()/get()/delete()). No logic here.
#include <emscripten/bind.h>

#include "stackengine/analyze.hpp"

using namespace emscripten;
using namespace stackengine;

EMSCRIPTEN_BINDINGS(stackengine_analyze) {
  value_object<AnalyzeRequest>("AnalyzeRequest")
      .field("policy", &AnalyzeRequest::policy)
      .field("caller", &AnalyzeRequest::caller)
      .field("error", &AnalyzeRequest::error)
      .field("roleArn", &AnalyzeRequest::role_arn)
      .field("callerArn", &AnalyzeRequest::caller_arn)
      .field("externalId", &AnalyzeRequest::external_id)
      .field("redact", &AnalyzeRequest::redact);

  value_object<InputError>("InputError")
      .field("input", &InputError::input)
      .field("code", &InputError::code)
      .field("message", &InputError::message)
      .field("location", &InputError::location);
  register_vector<InputError>("VectorInputError");

  value_object<DetectedInputs>("DetectedInputs")
      .field("policyKind", &DetectedInputs::policy_kind)
      .field("callerFormat", &DetectedInputs::caller_format)
      .field("errorKind", &DetectedInputs::error_kind);

  value_object<Evidence>("Evidence")
      .field("input", &Evidence::input)
      .field("pointer", &Evidence::pointer)
      .field("location", &Evidence::location)
      .field("text", &Evidence::text);
  register_vector<Evidence>("VectorEvidence");

  value_object<Cause>("Cause")
      .field("id", &Cause::id)
      .field("confidence", &Cause::confidence)
      .field("title", &Cause::title)
      .field("explanation", &Cause::explanation)
      .field("evidence", &Cause::evidence)
      .field("fix", &Cause::fix);
  register_vector<Cause>("VectorCause");

  value_object<PolicyFinding>("PolicyFinding")
      .field("id", &PolicyFinding::id)
      .field("severity", &PolicyFinding::severity)
      .field("statement", &PolicyFinding::statement)
      .field("pointer", &PolicyFinding::pointer)
      .field("location", &PolicyFinding::location)
      .field("message", &PolicyFinding::message)
      .field("fix", &PolicyFinding::fix);
  register_vector<PolicyFinding>("VectorPolicyFinding");

  value_object<FixedPolicy>("FixedPolicy")
      .field("changed", &FixedPolicy::changed)
      .field("json", &FixedPolicy::json)
      .field("terraform", &FixedPolicy::terraform)
      .field("terraformJsonencode", &FixedPolicy::terraform_jsonencode)
      .field("cloudformationYaml", &FixedPolicy::cloudformation_yaml)
      .field("cloudformationJson", &FixedPolicy::cloudformation_json)
      .field("diff", &FixedPolicy::diff)
      .field("applied", &FixedPolicy::applied)
      .field("findingsAfter", &FixedPolicy::findings_after);

  value_object<FixedCaller>("FixedCaller")
      .field("changed", &FixedCaller::changed)
      .field("format", &FixedCaller::format)
      .field("text", &FixedCaller::text)
      .field("diff", &FixedCaller::diff)
      .field("applied", &FixedCaller::applied)
      .field("problems", &FixedCaller::problems);

  value_object<RedactedInputs>("RedactedInputs")
      .field("policy", &RedactedInputs::policy)
      .field("caller", &RedactedInputs::caller)
      .field("error", &RedactedInputs::error)
      .field("replaced", &RedactedInputs::replaced);

  value_object<AnalyzeResult>("AnalyzeResult")
      .field("detected", &AnalyzeResult::detected)
      .field("inputErrors", &AnalyzeResult::input_errors)
      .field("decision", &AnalyzeResult::decision)
      .field("causes", &AnalyzeResult::causes)
      .field("findings", &AnalyzeResult::findings)
      .field("fixedPolicy", &AnalyzeResult::fixed_policy)
      .field("fixedCaller", &AnalyzeResult::fixed_caller)
      .field("redacted", &AnalyzeResult::redacted);

  function("analyze", &analyze);
}
