// stackengine/policy_fix.hpp — rewrites a trust policy so lint's findings go away,
// without ever making it more permissive.
//
//   auto parsed = stackengine::parse_trust_policy(text);
//   stackengine::FixOptions o;
//   o.role_arn = "arn:aws:iam::222222222222:role/Target";         // what is cross-account
//   o.external_ids.push_back({"111111111111", "acme-7Hq2..."});   // per-account id, or
//   o.external_ids.push_back({"", "one-id-for-every-account"});   // account "" = all others
//   o.github_repo = "octo-org/app:ref:refs/heads/main";           // or "octo-org/app:main"
//   stackengine::FixResult r = stackengine::fix_trust_policy(parsed, o);
//   if (!r.ok()) show(r.errors.front());
//   for (const stackengine::AppliedFix& a : r.applied) std::cout << a.description << "\n";
//   std::cout << r.policy_json;                 // canonical JSON (render.hpp for the rest)
//   for (const auto& f : r.findings_after) ...  // lint() on the fixed policy
//
// Rules the fixer follows (the AWS reason is next to each fix in policy_fix.cpp):
//   * It only adds constraints, or replaces a construct with a strictly narrower one
//     ("StringLike sts:ExternalId *" -> "StringEquals sts:ExternalId <id>"). It never
//     drops or weakens an existing operator, key or Deny statement, never renames a
//     Sid and never reorders statements. A statement is split (the copy follows it)
//     only when its accounts need different external ids or conditions.
//   * Where no mechanical fix is right (NotPrincipal, duplicate Sids, an unknown
//     intent), it changes nothing and says why in `not_fixed`.
//   * Without an external id it generates one (generate_external_id(): 40 characters
//     from a cryptographic source) and says so in `applied` and `generated_external_id`.
//     An ExternalId is not a secret (anyone who can read the role sees it), so it is
//     printed.
//
// Never throws; bad input gives `errors` (with a location) and no policy.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "stackengine/lint.hpp"
#include "stackengine/policy.hpp"

namespace stackengine {

// Fix ids: what Finding::fix names (lint.hpp). Stable; never reused for another meaning.
inline constexpr const char* kFixAddExternalId = "FIX_ADD_EXTERNAL_ID";                // TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID
inline constexpr const char* kFixStrengthenExternalId = "FIX_STRENGTHEN_EXTERNAL_ID";  // TRUST_EXTERNAL_ID_WEAK
inline constexpr const char* kFixReplaceExternalId = "FIX_REPLACE_EXTERNAL_ID";        // TRUST_EXTERNAL_ID_INVALID_VALUE
inline constexpr const char* kFixFillEmptyCondition = "FIX_FILL_EMPTY_CONDITION";      // TRUST_CONDITION_EMPTY
inline constexpr const char* kFixRemoveForAllValues = "FIX_REMOVE_FORALLVALUES";       // TRUST_FORALLVALUES_SINGLE_VALUED
inline constexpr const char* kFixAddGithubSub = "FIX_ADD_GITHUB_SUB";                  // TRUST_OIDC_GITHUB_NO_SUB
inline constexpr const char* kFixPinGithubSub = "FIX_PIN_GITHUB_SUB";                  // TRUST_OIDC_GITHUB_SUB_WILDCARD
inline constexpr const char* kFixAddOidcAud = "FIX_ADD_OIDC_AUD";                      // TRUST_OIDC_NO_AUD
inline constexpr const char* kFixAddSamlAud = "FIX_ADD_SAML_AUD";                      // TRUST_SAML_NO_AUD
inline constexpr const char* kFixAddSourceCondition = "FIX_ADD_SOURCE_CONDITION";      // TRUST_SERVICE_NO_SOURCE
inline constexpr const char* kFixRemoveResource = "FIX_REMOVE_RESOURCE";               // TRUST_RESOURCE_ELEMENT
inline constexpr const char* kFixRemoveNonStsAction = "FIX_REMOVE_NON_STS_ACTION";     // TRUST_NON_STS_ACTION
inline constexpr const char* kFixPinPrincipalArn = "FIX_PIN_PRINCIPAL_ARN";            // TRUST_PRINCIPAL_ARN_WILDCARD,
                                                                                       // TRUST_PRINCIPAL_WILDCARD_UNCONDITIONED
inline constexpr const char* kFixSetActionForPrincipal = "FIX_SET_ACTION_FOR_PRINCIPAL";  // TRUST_MISMATCHED_ACTION_FOR_PRINCIPAL
inline constexpr const char* kFixNarrowAction = "FIX_NARROW_ACTION";                   // TRUST_ACTION_WILDCARD
inline constexpr const char* kFixAddVersion = "FIX_ADD_VERSION";                       // TRUST_VERSION_MISSING
inline constexpr const char* kFixEffectCase = "FIX_EFFECT_CASE";                       // TRUST_EFFECT_INVALID ("allow" -> "Allow")
inline constexpr const char* kFixTrimPrincipal = "FIX_TRIM_PRINCIPAL";                 // TRUST_INVALID_PRINCIPAL_FORMAT (whitespace)
inline constexpr const char* kFixMergeDuplicateKeys = "FIX_MERGE_DUPLICATE_KEYS";      // TRUST_DUPLICATE_JSON_KEY (two "StringEquals"
                                                                                       // objects: both kept, merged)
// No fix id (report only): TRUST_NOTPRINCIPAL, TRUST_DUPLICATE_SID, TRUST_DUPLICATE_KEY_CASE,
// TRUST_WILDCARD_WITHOUT_LIKE (StringLike would widen it),
// TRUST_REDUNDANT_SESSION_PRINCIPAL, TRUST_MFA_BAD_PATTERN, TRUST_MALFORMED_JSON,
// TRUST_PRINCIPAL_WILDCARD_CONDITIONED (already narrowed).

// "--external-id [ACCOUNT=]VALUE". `account` "" applies to every external account
// that has no id of its own.
struct ExternalIdOption {
  std::string account;  // 12 digits, or ""
  std::string value;
};

struct FixOptions {
  std::string role_arn;                     // the role's own ARN: its account is not external
  std::vector<ExternalIdOption> external_ids;
  std::string trusted_principal_arn;        // pinned with ArnEquals aws:PrincipalArn on "*" / account grants
  std::string github_repo;                  // "ORG/REPO", "ORG/REPO:BRANCH", "ORG/REPO:ref:refs/tags/v1",
                                            // "ORG/REPO:environment:prod", "ORG/REPO:pull_request"
  std::string saml_audience;                // default https://signin.aws.amazon.com/saml
  std::string source_account;               // aws:SourceAccount for service principals
  std::string source_arn;                   // aws:SourceArn for service principals
};

// Parses "--external-id" text: "VALUE" or "123456789012=VALUE".
ExternalIdOption parse_external_id_option(std::string_view text);

// One change the fixer made, in one sentence.
struct AppliedFix {
  std::string fix;          // FIX_* id
  int statement = -1;       // index in the ORIGINAL Statement[], -1 for the whole policy
  std::string pointer;      // JSON pointer in the fixed policy
  std::string description;  // e.g. "Statement 0 (Sid \"Audit\"): added StringEquals sts:ExternalId = \"...\"."
};

// A finding the fixer left alone, and why.
struct SkippedFix {
  std::string finding;      // TRUST_* id, or "" for option problems
  int statement = -1;
  std::string reason;       // a sentence: what the user must decide or pass
};

struct FixResult {
  std::vector<PolicyError> errors;        // non-empty: nothing was fixed
  bool changed = false;
  std::string original_json;              // the input policy, canonical JSON (render.hpp)
  std::string policy_json;                // the fixed policy, canonical JSON
  std::vector<AppliedFix> applied;
  std::vector<SkippedFix> not_fixed;
  std::vector<Finding> findings_after;    // lint() of the fixed policy, same role_arn
  std::string generated_external_id;      // set when the fixer had to make one up
  bool ok() const { return errors.empty(); }
};

FixResult fix_trust_policy(const PolicyParseResult& parsed, const FixOptions& options = {});
// Convenience: parse_trust_policy(text), then fix.
FixResult fix_trust_policy(std::string_view text, const FixOptions& options = {});

// A fresh ExternalId: `length` (clamped to 32..1224) characters of [A-Za-z0-9_-], a
// 64-symbol subset of what STS accepts that needs no quoting in a shell, YAML or HCL.
// Each character takes 6 bits from std::random_device, so every character is equally
// likely (40 characters = 240 bits). Natively libstdc++ reads getrandom(); under
// Emscripten 3.1.6 libc++ calls getentropy(), which is crypto.getRandomValues (browsers,
// workers, Node >= 19) or Node's crypto.randomBytes. Returns "" if no source works.
std::string generate_external_id(std::size_t length = 40);

// True when `value` can be sent as sts:ExternalId: 2..1224 characters of [\w+=,.@:/-].
bool is_valid_external_id(std::string_view value);

}  // namespace stackengine
