// stackengine/caller.hpp — parse and fix whatever assumes the role.
//
//   // What did the user paste, and what does it send to STS?
//   stackengine::CallerParseResult p = stackengine::parse_caller(text);   // auto-detects
//   if (!p.ok()) return p.error;            // located error: refused input or no caller found
//   const stackengine::CallerConfig& c = *p.caller();
//   c.format;                               // "aws-cli", "aws-config", "terraform-provider", ...
//   c.role_arn; c.external_id;              // "" when the caller does not send it
//   if (const auto* f = c.field("external_id")) f->span.start.line;   // where it is written
//   for (const auto& problem : p.problems) ...   // values STS would refuse, explained
//
//   // The trust policy wants an ExternalId: add it, in the caller's own format.
//   stackengine::CallerFixRequest want;
//   want.external_id = "7f3c2a";
//   stackengine::CallerFixResult f = stackengine::fix_caller(text, want);
//   if (f.ok()) std::cout << f.text;        // same quoting, continuations, indentation, comments
//   for (const auto& ch : f.changes) ...    // what was added or replaced, located in f.text
//   for (const auto& problem : f.problems) ...   // requested values STS would refuse (not applied)
//
// Formats (the `format` ids are stable):
//   aws-cli             `aws sts assume-role` / `assume-role-with-web-identity` /
//                       `assume-role-with-saml` (also `get-session-token`) command lines; POSIX
//                       shell, PowerShell (backtick) and cmd (^) quoting and continuations,
//                       `--opt value` and `--opt=value`, `--cli-input-json '{...}'`, `--profile`,
//                       `--region`, `AWS_PROFILE=... aws ...` prefixes. One caller per command.
//   aws-config          ~/.aws/config and ~/.aws/credentials; one caller per profile, with the
//                       source_profile chain followed (`source_chain`).
//   terraform-provider  provider "aws" { assume_role { ... } } and assume_role_with_web_identity.
//   github-actions      aws-actions/configure-aws-credentials steps; one caller per step.
//   boto3, js-sdk-v3, go-sdk-v2, java-sdk-v2   SDK snippets as pasted.
//
// Field names (CallerField::name, CallerProblem::field, CallerChange::field) are stable ids:
//   role_arn session_name external_id mfa_serial token_code duration_seconds source_identity
//   tags transitive_tag_keys source_profile credential_source web_identity_token
//   web_identity_token_file saml_assertion principal_arn provider_id policy policy_arns
//   region profile role_chaining cli_input_json sso_start_url sso_account_id sso_role_name
//   sso_session sso_region credential_process aws_access_key_id aws_secret_access_key
//   aws_session_token
// Secret-bearing fields (tokens, assertions, keys) are located but their value is never
// copied: CallerField::secret is true and CallerField::value is empty.
//
// Nothing here throws and nothing aborts: binary, invalid UTF-8, huge or deeply nested input
// yields an error value with a location.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "stackengine/text.hpp"

namespace stackengine {

// Where a value is written, quotes included: [start.offset, end.offset) in bytes.
struct CallerSpan {
  SourceLocation start;
  SourceLocation end;
};

struct CallerField {
  std::string name;   // stable id, see the list above
  std::string value;  // unquoted and unescaped, as STS would receive it; "" for secrets
  bool secret = false;
  // False when the value is an expression evaluated at run time (a variable, `${{ secrets.X }}`,
  // `var.x`, `$(cat f)`): `value` then holds the expression as written and is not validated.
  bool literal = true;
  CallerSpan span;      // the value as written
  CallerSpan key_span;  // the key or option naming it ("--external-id", "external_id = ");
                        // equal to span when the value is positional
};

struct CallerTag {
  std::string key;
  std::string value;
};

struct CallerConfig {
  std::string format;     // format id
  std::string operation;  // "AssumeRole" | "AssumeRoleWithWebIdentity" | "AssumeRoleWithSAML" |
                          // "GetSessionToken" | "" when the caller does not assume a role
  std::string name;       // profile name, step name, or "" (commands, blocks, calls)

  std::string role_arn;
  std::string session_name;
  std::string external_id;
  std::string mfa_serial;
  std::string token_code;
  int duration_seconds = 0;  // 0 when absent or not a literal number
  std::string source_identity;
  std::vector<CallerTag> tags;
  std::vector<std::string> transitive_tag_keys;
  std::string source_profile;
  std::string credential_source;
  std::string web_identity_token_file;
  std::string region;
  std::string partition;  // from the role ARN: "aws", "aws-cn", "aws-us-gov", ...
  std::string profile;    // the named profile the caller runs as (--profile, AWS_PROFILE, ...)
  bool role_chaining = false;  // the credentials that call STS are themselves a role session
  // aws-config: the profiles followed from this one through source_profile, in order.
  std::vector<std::string> source_chain;

  std::vector<CallerField> fields;  // every field found, in text order
  CallerSpan span;                  // the whole caller (command, profile section, step, block, call)

  // The last field with that name (the one that takes effect), or nullptr.
  const CallerField* field(std::string_view field_name) const;
};

// A value STS would refuse, or a caller that cannot work, explained in a sentence.
// Messages name the field and the rule, never secret values.
struct CallerProblem {
  std::string code;   // stable id, e.g. "CALLER_EXTERNAL_ID_CHARSET"
  std::string field;  // field id, or "" for the whole caller
  std::string message;
  SourceLocation location;  // in the text the problem was found in
};

struct CallerParseResult {
  TextError error;  // input refused (INPUT_*), CALLER_NOT_FOUND, CALLER_SYNTAX, CALLER_UNSUPPORTED
  std::string format;                   // the detected (or requested) format id
  std::vector<CallerConfig> callers;    // every caller in the text, in text order
  int primary = -1;                     // index of the caller that matters (first that assumes a role)
  std::vector<CallerProblem> problems;  // STS limits the parsed values break (all callers)

  bool ok() const { return error.code.empty(); }
  const CallerConfig* caller() const {
    return primary >= 0 && static_cast<std::size_t>(primary) < callers.size() ? &callers[primary]
                                                                               : nullptr;
  }
};

// The format id of a pasted blob, or "" when it is none of the known formats.
std::string detect_caller_format(std::string_view text);

// Detects the format, then parses. Never throws.
CallerParseResult parse_caller(std::string_view text);
// Parses as `format` (a format id) without detection.
CallerParseResult parse_caller_as(std::string_view text, std::string_view format);

// What to set. Empty strings, 0 and empty vectors leave a field as it is.
struct CallerFixRequest {
  std::string external_id;
  std::string session_name;
  int duration_seconds = 0;
  std::string mfa_serial;
  std::string token_code;
  std::string source_identity;
  std::vector<CallerTag> tags;  // added, or replaced when the key is already sent
  int caller_index = -1;        // which of CallerParseResult::callers; -1 = the primary one
  std::string format;           // "" = detect
};

struct CallerChange {
  std::string field;    // field id
  std::string action;   // "added" | "replaced" | "unchanged" (already had that value)
  std::string message;  // a sentence for the user
  CallerSpan span;      // the new value as written in CallerFixResult::text
};

struct CallerFixResult {
  TextError error;   // input refused, no caller, or nothing could be applied
  std::string format;
  std::string text;  // the fixed text; every byte outside the changes is the input's
  std::vector<CallerChange> changes;
  // Requested values that break STS limits (not applied), fields this format or operation
  // cannot carry, and what still breaks STS limits in the fixed caller.
  std::vector<CallerProblem> problems;

  bool ok() const { return error.code.empty(); }
};

// Rewrites the caller with minimal edits: replaces a value in place keeping its quoting, or adds
// the parameter in the caller's own style (continuation, indentation, alignment, quote char).
// An empty request returns the input unchanged.
CallerFixResult fix_caller(std::string_view text, const CallerFixRequest& request);

// STS limits (AWS-TRUST-SEMANTICS §1.5): ExternalId 2–1224 of [\w+=,.@:/-], RoleSessionName and
// SourceIdentity 2–64 of [\w+=,.@-], SerialNumber 9–256 of [\w+=/:,.@-], TokenCode 6 digits,
// DurationSeconds 900–43200 and at most 3600 when role chaining.
std::vector<CallerProblem> validate_caller(const CallerConfig& caller);
// One value of one field; `location` is copied into each problem.
std::vector<CallerProblem> validate_caller_value(std::string_view field, std::string_view value,
                                                 const SourceLocation& location = {},
                                                 bool role_chaining = false);

}  // namespace stackengine
