// stackengine/aws_error.hpp — an AWS STS error, as the user pasted it, made structured.
//
//   stackengine::ErrorParseResult r = stackengine::parse_aws_error(pasted);
//   if (!r.ok()) show(r.input_error);                 // binary / invalid UTF-8 / too large
//   const stackengine::AwsError& e = r.error;
//   e.kind;                  // ErrorKind::AssumeRoleAccessDenied
//   error_kind_id(e.kind);   // "ERR_ASSUME_ROLE_ACCESS_DENIED"
//   e.caller.value;          // "arn:aws:iam::123456789012:user/dev"
//   e.caller.start.line;     // where it was in the paste (1-based)
//   e.resource.value;        // "arn:aws:iam::987654321098:role/cross-account-role"
//   e.denial;                // "classic" | "no-policy-allows" | "explicit-deny" | "generic" | ""
//
// What it accepts: the AWS message itself, and the same message wrapped by the AWS CLI
// ("An error occurred (Code) when calling the Op operation: ..."), boto3/botocore
// (ClientError reprs, "Parameter validation failed:"), the Go SDK v2 ("operation error
// STS: Op, https response error StatusCode: 403, ... api error Code: ..."), the Java SDK
// ("(Service: AWSSecurityTokenService; Status Code: 403; Error Code: ...)"), the Ruby
// SDK, Terraform diagnostics (box-drawing "│" margins, "cannot be assumed" preambles),
// GitHub Actions logs ("##[error]", timestamps, "Could not assume role with OIDC"),
// aws-vault, CloudTrail errorMessage fields, and log noise around them. Lines are
// joined before matching because terminals and Terraform wrap ARNs onto the next line
// ("User:\n│ arn:aws:sts::..."), and ANSI colour codes are dropped.
//
// Why the denial variants matter (AWS-TRUST-SEMANTICS.md §1.6): the classic cross-account
// text "User: X is not authorized to perform: sts:AssumeRole on resource: R" is the
// same whatever the cause, so diagnose.hpp has to enumerate causes; the newer wording
// "because no role trust policy allows ..." or "with an explicit deny in a(n) <type>
// policy" names the policy type that decided, which narrows them.
//
// Never throws; every field it found carries the byte range it came from in the
// original text (start/end), so a page can highlight it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "stackengine/text.hpp"

namespace stackengine {

// What went wrong, one value per failure family a user can act on. The ids
// (error_kind_id) are stable and never reused for another meaning.
enum class ErrorKind {
  Unknown,                  // ERR_UNKNOWN: text we cannot place (or no AWS error in it)
  AssumeRoleAccessDenied,   // ERR_ASSUME_ROLE_ACCESS_DENIED: "not authorized to perform: sts:AssumeRole"
  WebIdentityNotAuthorized, // ERR_WEB_IDENTITY_NOT_AUTHORIZED: "... sts:AssumeRoleWithWebIdentity"
  OidcProviderNotFound,     // ERR_OIDC_PROVIDER_NOT_FOUND: "No OpenIDConnect provider found ...",
                            //   also a provider whose thumbprint/keys cannot be verified
  OidcAudience,             // ERR_OIDC_AUDIENCE: "Incorrect token audience"
  ParameterValidation,      // ERR_PARAMETER_VALIDATION: "failed to satisfy constraint", botocore checks
  DurationExceedsMax,       // ERR_DURATION_EXCEEDS_MAX: "DurationSeconds exceeds the MaxSessionDuration"
  InvalidClientToken,       // ERR_INVALID_CLIENT_TOKEN: "The security token included in the request is invalid"
  ExpiredToken,             // ERR_EXPIRED_TOKEN: "... is expired", web identity "Token expired"
  RootCaller,               // ERR_ROOT_CALLER: "Roles may not be assumed by root accounts."
  TagSessionDenied,         // ERR_TAG_SESSION_DENIED: "not authorized to perform: sts:TagSession"
  SetSourceIdentityDenied,  // ERR_SET_SOURCE_IDENTITY_DENIED: "... sts:SetSourceIdentity"
  Mfa,                      // ERR_MFA: "MultiFactorAuthentication failed ..."
  MalformedPolicy,          // ERR_MALFORMED_POLICY: "MalformedPolicyDocument", "Has prohibited field", ...
  Saml,                     // ERR_SAML: AssumeRoleWithSAML denied or its assertion refused
};

const char* error_kind_id(ErrorKind kind);                 // "ERR_ASSUME_ROLE_ACCESS_DENIED", ...
bool parse_error_kind(std::string_view id, ErrorKind& out);  // inverse of error_kind_id
std::vector<ErrorKind> all_error_kinds();

// One piece of the error and where it was. `value` is normalised: line breaks and
// margins inside it are gone, so a wrapped ARN reads as one token. `start`/`end`
// span the original bytes (end is one past the last byte).
struct ErrorField {
  std::string value;
  SourceLocation start;
  SourceLocation end;
  bool present() const { return !value.empty(); }
};

struct AwsError {
  ErrorKind kind = ErrorKind::Unknown;
  ErrorField code;          // "AccessDenied", "ValidationError", "InvalidIdentityToken", ... as written
  ErrorField operation;     // "AssumeRole", "AssumeRoleWithWebIdentity", "GetCallerIdentity", ...
                            //   written, or implied by the wording (value only, no location)
  ErrorField caller;        // "User: <this> is not authorized" — an ARN, possibly redacted ("***")
  ErrorField action;        // "sts:AssumeRole", "sts:TagSession", ...
  ErrorField resource;      // "on resource: <this>", or the ARN in "role \"...\" cannot be assumed"
  ErrorField policy_type;   // "role trust", "identity-based", "service control", "permissions boundary", ...
  ErrorField parameter;     // validation errors: "externalId", "ExternalId", "DurationSeconds", ...
  ErrorField parameter_value;  // the rejected value as quoted by AWS ("%20", "XMode Social", "1")
  ErrorField constraint;    // "Member must have length greater than or equal to 2", "valid range: 2-inf"
  ErrorField oidc_provider; // "https://token.actions.githubusercontent.com" (provider not found)
  ErrorField status_code;   // "403"
  ErrorField request_id;
  ErrorField message;       // AWS's own sentence, unwrapped to one line
  std::string denial;       // AccessDenied shapes: "explicit-deny" | "no-policy-allows" |
                            //   "classic" (caller + resource, no reason) | "generic" (no caller) | ""
  bool explicit_deny = false;
  std::string source;       // the wrapper recognised: "aws-cli" | "boto3" | "go-sdk-v2" |
                            //   "go-sdk-v1" | "java-sdk" | "ruby-sdk" | "js-sdk" | "terraform" |
                            //   "github-actions" | "aws-vault" | "" (bare message)
};

struct ErrorParseResult {
  AwsError error;
  TextError input_error;    // set when the text was refused (binary, invalid UTF-8, too large)
  bool empty = false;       // the text held nothing but whitespace
  bool ok() const { return input_error.code.empty(); }
};

ErrorParseResult parse_aws_error(std::string_view text);

}  // namespace stackengine
