// Bindings only: caller.hpp as JS. No logic here.
//
//   const r = se.parseCaller(text);                 // CallerParseResult (plain object)
//   r.callers.get(r.primary).roleArn;
//   const req = new se.CallerFixRequest();
//   req.externalId = '7f3c2a'; req.addTag('team', 'red');
//   const f = se.fixCaller(text, req); req.delete();
//   f.text; f.changes.get(0).span.start.offsetUtf16;
#include <emscripten/bind.h>

#include "stackengine/caller.hpp"

using namespace emscripten;
using namespace stackengine;

namespace {
CallerParseResult parse_caller_text(const std::string& text) { return parse_caller(text); }
CallerParseResult parse_caller_text_as(const std::string& text, const std::string& format) {
  return parse_caller_as(text, format);
}
CallerFixResult fix_caller_text(const std::string& text, const CallerFixRequest& request) {
  return fix_caller(text, request);
}
std::string detect_caller_text(const std::string& text) { return detect_caller_format(text); }
std::vector<CallerProblem> validate_value(const std::string& field, const std::string& value,
                                          bool role_chaining) {
  return validate_caller_value(field, value, {}, role_chaining);
}
void add_tag(CallerFixRequest& r, const std::string& key, const std::string& value) {
  r.tags.push_back({key, value});
}
}  // namespace

EMSCRIPTEN_BINDINGS(stackengine_caller) {
  value_object<CallerSpan>("CallerSpan").field("start", &CallerSpan::start).field("end", &CallerSpan::end);
  value_object<CallerField>("CallerField")
      .field("name", &CallerField::name)
      .field("value", &CallerField::value)
      .field("secret", &CallerField::secret)
      .field("literal", &CallerField::literal)
      .field("span", &CallerField::span)
      .field("keySpan", &CallerField::key_span);
  register_vector<CallerField>("VectorCallerField");
  value_object<CallerTag>("CallerTag").field("key", &CallerTag::key).field("value", &CallerTag::value);
  register_vector<CallerTag>("VectorCallerTag");
  value_object<CallerConfig>("CallerConfig")
      .field("format", &CallerConfig::format)
      .field("operation", &CallerConfig::operation)
      .field("name", &CallerConfig::name)
      .field("roleArn", &CallerConfig::role_arn)
      .field("sessionName", &CallerConfig::session_name)
      .field("externalId", &CallerConfig::external_id)
      .field("mfaSerial", &CallerConfig::mfa_serial)
      .field("tokenCode", &CallerConfig::token_code)
      .field("durationSeconds", &CallerConfig::duration_seconds)
      .field("sourceIdentity", &CallerConfig::source_identity)
      .field("tags", &CallerConfig::tags)
      .field("transitiveTagKeys", &CallerConfig::transitive_tag_keys)
      .field("sourceProfile", &CallerConfig::source_profile)
      .field("credentialSource", &CallerConfig::credential_source)
      .field("webIdentityTokenFile", &CallerConfig::web_identity_token_file)
      .field("region", &CallerConfig::region)
      .field("partition", &CallerConfig::partition)
      .field("profile", &CallerConfig::profile)
      .field("roleChaining", &CallerConfig::role_chaining)
      .field("sourceChain", &CallerConfig::source_chain)
      .field("fields", &CallerConfig::fields)
      .field("span", &CallerConfig::span);
  register_vector<CallerConfig>("VectorCallerConfig");
  value_object<CallerProblem>("CallerProblem")
      .field("code", &CallerProblem::code)
      .field("field", &CallerProblem::field)
      .field("message", &CallerProblem::message)
      .field("location", &CallerProblem::location);
  register_vector<CallerProblem>("VectorCallerProblem");
  value_object<CallerParseResult>("CallerParseResult")
      .field("error", &CallerParseResult::error)
      .field("format", &CallerParseResult::format)
      .field("callers", &CallerParseResult::callers)
      .field("primary", &CallerParseResult::primary)
      .field("problems", &CallerParseResult::problems);
  class_<CallerFixRequest>("CallerFixRequest")
      .constructor<>()
      .property("externalId", &CallerFixRequest::external_id)
      .property("sessionName", &CallerFixRequest::session_name)
      .property("durationSeconds", &CallerFixRequest::duration_seconds)
      .property("mfaSerial", &CallerFixRequest::mfa_serial)
      .property("tokenCode", &CallerFixRequest::token_code)
      .property("sourceIdentity", &CallerFixRequest::source_identity)
      .property("callerIndex", &CallerFixRequest::caller_index)
      .property("format", &CallerFixRequest::format)
      .function("addTag", &add_tag);
  value_object<CallerChange>("CallerChange")
      .field("field", &CallerChange::field)
      .field("action", &CallerChange::action)
      .field("message", &CallerChange::message)
      .field("span", &CallerChange::span);
  register_vector<CallerChange>("VectorCallerChange");
  value_object<CallerFixResult>("CallerFixResult")
      .field("error", &CallerFixResult::error)
      .field("format", &CallerFixResult::format)
      .field("text", &CallerFixResult::text)
      .field("changes", &CallerFixResult::changes)
      .field("problems", &CallerFixResult::problems);
  function("parseCaller", &parse_caller_text);
  function("parseCallerAs", &parse_caller_text_as);
  function("fixCaller", &fix_caller_text);
  function("detectCallerFormat", &detect_caller_text);
  function("validateCallerValue", &validate_value);
}
