// Trust-policy lint. Each check below names the AWS rule behind it; semantics follow
// AWS-TRUST-SEMANTICS.md §1 (IAM User Guide) and the Access Analyzer checks in §2.
// Checks are conditions-aware: a grant narrowed by a condition that names who may
// assume (aws:PrincipalOrgID, aws:PrincipalArn, ...) is judged as narrowed.
#include "stackengine/lint.hpp"

#include "policy/arn.hpp"

#include <algorithm>
#include <array>
#include <exception>
#include <map>
#include <set>

namespace stackengine {
namespace {

// Fix ids, as policy_fix.hpp defines them (strings here so lint does not depend on fix).
constexpr const char* FIX_ADD_EXTERNAL_ID = "FIX_ADD_EXTERNAL_ID";
constexpr const char* FIX_STRENGTHEN_EXTERNAL_ID = "FIX_STRENGTHEN_EXTERNAL_ID";
constexpr const char* FIX_REPLACE_EXTERNAL_ID = "FIX_REPLACE_EXTERNAL_ID";
constexpr const char* FIX_FILL_EMPTY_CONDITION = "FIX_FILL_EMPTY_CONDITION";
constexpr const char* FIX_REMOVE_FORALLVALUES = "FIX_REMOVE_FORALLVALUES";
constexpr const char* FIX_ADD_GITHUB_SUB = "FIX_ADD_GITHUB_SUB";
constexpr const char* FIX_PIN_GITHUB_SUB = "FIX_PIN_GITHUB_SUB";
constexpr const char* FIX_ADD_OIDC_AUD = "FIX_ADD_OIDC_AUD";
constexpr const char* FIX_ADD_SAML_AUD = "FIX_ADD_SAML_AUD";
constexpr const char* FIX_ADD_SOURCE_CONDITION = "FIX_ADD_SOURCE_CONDITION";
constexpr const char* FIX_REMOVE_RESOURCE = "FIX_REMOVE_RESOURCE";
constexpr const char* FIX_REMOVE_NON_STS_ACTION = "FIX_REMOVE_NON_STS_ACTION";
constexpr const char* FIX_PIN_PRINCIPAL_ARN = "FIX_PIN_PRINCIPAL_ARN";
constexpr const char* FIX_SET_ACTION_FOR_PRINCIPAL = "FIX_SET_ACTION_FOR_PRINCIPAL";
constexpr const char* FIX_NARROW_ACTION = "FIX_NARROW_ACTION";
constexpr const char* FIX_ADD_VERSION = "FIX_ADD_VERSION";
constexpr const char* FIX_EFFECT_CASE = "FIX_EFFECT_CASE";
constexpr const char* FIX_TRIM_PRINCIPAL = "FIX_TRIM_PRINCIPAL";
constexpr const char* FIX_MERGE_DUPLICATE_KEYS = "FIX_MERGE_DUPLICATE_KEYS";
constexpr const char* NO_FIX = "";

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}
bool iequals(std::string_view a, std::string_view b) { return lower(a) == lower(b); }
bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool has_wildcard(std::string_view v) {
  // "${*}" and "${?}" are IAM's escapes for a literal * and ?.
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (v[i] == '$' && i + 3 < v.size() + 0 && v[i + 1] == '{' && (v[i + 2] == '*' || v[i + 2] == '?') &&
        v[i + 3] == '}') {
      i += 3;
      continue;
    }
    if (v[i] == '*' || v[i] == '?') return true;
  }
  return false;
}
// A template placeholder ("${Account}" from CloudFormation/Terraform, or an IAM policy
// variable): its final value is unknown, so format checks do not apply.
bool is_templated(std::string_view v) { return v.find("${") != std::string_view::npos; }
bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// CloudFormation pseudo parameters with a known meaning: the partition is "aws" for
// judging purposes, and ${AWS::AccountId} is the role's own account.
constexpr const char* kSelfAccount = "self";
std::string normalize(std::string v) {
  auto replace = [&](std::string_view from, std::string_view to) {
    for (auto p = v.find(from); p != std::string::npos; p = v.find(from, p + to.size())) v.replace(p, from.size(), to);
  };
  replace("${AWS::Partition}", "aws");
  replace("${AWS::URLSuffix}", "amazonaws.com");
  replace("${AWS::AccountId}", kSelfAccount);
  replace("${data.aws_partition.current.partition}", "aws");
  replace("${data.aws_caller_identity.current.account_id}", kSelfAccount);
  return v;
}

std::string account_of(std::string_view principal) {
  if (all_digits(principal) || principal == kSelfAccount) return std::string(principal);
  // arn:PARTITION:iam::ACCOUNT:... or arn:PARTITION:sts::ACCOUNT:...
  if (!starts_with(principal, "arn:")) return "";
  return policy_detail::arn_account_field(principal);
}

std::string statement_label(const Statement& s) {
  std::string out = "Statement " + std::to_string(s.index);
  if (s.has_sid && !s.sid.empty() && s.sid.size() <= 64) out += " (Sid \"" + s.sid + "\")";
  return out;
}

const std::array<std::string_view, 6> kTrustActions = {"sts:assumerole", "sts:assumerolewithsaml",
                                                       "sts:assumerolewithwebidentity", "sts:tagsession",
                                                       "sts:setsourceidentity", "sts:setcontext"};

// Keys that carry several values in one request; every other key is single-valued,
// so ForAllValues on it passes vacuously when the key is absent (§1.3).
bool is_multi_valued_key(std::string_view key) {
  const std::string k = lower(key);
  static const std::array<std::string_view, 7> exact = {"aws:tagkeys",        "aws:principalorgpaths",
                                                        "sts:transitivetagkeys", "aws:calledvia",
                                                        "aws:principalservicenameslist", "aws:sourceorgpaths",
                                                        "cognito-identity.amazonaws.com:amr"};
  for (auto e : exact)
    if (k == e) return true;
  // SAML multi-valued attributes (eduPerson*, eduOrg*) and OIDC "amr"/"groups"-like claims.
  if (starts_with(k, "saml:edu")) return true;
  if (ends_with(k, ":amr") || ends_with(k, ":groups")) return true;
  return false;
}

bool is_negated(const ConditionOperator& op) {
  return op.base.find("Not") != std::string::npos;  // StringNot*, ArnNot*, NotIpAddress, NumericNotEquals
}

// A condition that actually restricts who can assume: positive operator, not IfExists,
// not ForAllValues (vacuous), and at least one value that is not a bare "*".
bool restricts(const Condition& c) {
  if (c.op.if_exists || c.op.set_qualifier == "ForAllValues" || is_negated(c.op) || c.op.base == "Null") return false;
  if (c.values.values.empty()) return false;
  for (const auto& v : c.values.values)
    if (v != "*") return true;
  return false;
}

bool statement_has_key(const Statement& s, std::string_view key, bool restricting_only) {
  for (const auto& c : s.condition.conditions)
    if (iequals(c.key, key) && (!restricting_only || restricts(c))) return true;
  return false;
}

bool key_has_suffix(std::string_view key, std::string_view suffix) { return ends_with(lower(key), suffix); }

struct FederatedKind {
  bool github = false, saml = false, oidc = false, cognito = false;
  std::string host;  // the condition-key prefix, e.g. "token.actions.githubusercontent.com"
};

FederatedKind classify_federated(std::string_view v) {
  FederatedKind k;
  const std::string l = lower(v);
  if (l.find(":saml-provider/") != std::string::npos) {
    k.saml = true;
    return k;
  }
  const auto oidc = l.find(":oidc-provider/");
  if (oidc != std::string::npos) {
    k.oidc = true;
    k.host = l.substr(oidc + 15);
  } else if (l == "cognito-identity.amazonaws.com" || l == "accounts.google.com" || l == "graph.facebook.com" ||
             l == "www.amazon.com") {
    k.oidc = true;
    k.host = l;
  }
  k.cognito = k.host == "cognito-identity.amazonaws.com";
  k.github = starts_with(k.host, "token.actions.githubusercontent.com");
  return k;
}

class Linter {
 public:
  Linter(const TrustPolicy& p, const LintOptions& o, std::string prefix, LintResult& out)
      : p_(p), prefix_(std::move(prefix)), out_(out) {
    own_account_ = account_of(o.role_arn);
    if (own_account_.empty()) own_account_ = account_of(p.role_arn);
  }

  void add(const char* id, Severity sev, int statement, const std::string& pointer, SourceLocation loc,
           std::string message, const char* fix) {
    out_.findings.push_back({id, sev, statement, pointer, loc, prefix_ + std::move(message), fix});
  }

  void run(const std::vector<json::DuplicateKey>& duplicates) {
    policy_checks(duplicates);
    std::map<std::string, std::size_t> sids;
    for (const auto& s : p_.statements) {
      statement(s);
      if (s.has_sid && !s.sid.empty()) {
        auto [it, inserted] = sids.emplace(s.sid, s.index);
        if (!inserted)
          add("TRUST_DUPLICATE_SID", Severity::Low, static_cast<int>(s.index), s.pointer + "/Sid", s.location,
              statement_label(s) + " reuses the Sid of statement " + std::to_string(it->second) +
                  "; IAM rejects a policy whose Sids are not unique.",
              NO_FIX);
      }
    }
  }

 private:
  void policy_checks(const std::vector<json::DuplicateKey>& duplicates) {
    if (!p_.has_version) {
      add("TRUST_VERSION_MISSING", Severity::Low, -1, "", p_.statements.empty() ? SourceLocation{} : p_.statements[0].location,
          "The policy has no \"Version\": IAM then uses 2008-10-17, where policy variables such as "
          "${aws:username} are plain text and never match.",
          FIX_ADD_VERSION);
    } else if (p_.version != "2012-10-17") {
      add("TRUST_VERSION_MISSING", Severity::Low, -1, "/Version", version_location(),
          p_.version == "2008-10-17"
              ? "The policy uses Version 2008-10-17, where policy variables such as ${aws:username} are plain "
                "text and never match; use 2012-10-17."
              : "The policy's Version is not one IAM accepts (2012-10-17 or 2008-10-17), so IAM rejects it.",
          FIX_ADD_VERSION);
    }
    for (const auto& d : duplicates) {
      const bool in_condition = d.pointer.find("/Condition") != std::string::npos;
      int statement = -1;
      const std::string pre = p_.statement_was_object ? "/Statement" : "/Statement/";
      if (starts_with(d.pointer, "/Statement")) {
        statement = 0;
        if (!p_.statement_was_object && d.pointer.size() > pre.size()) {
          statement = 0;
          for (std::size_t i = pre.size(); i < d.pointer.size() && d.pointer[i] >= '0' && d.pointer[i] <= '9'; ++i)
            statement = statement * 10 + (d.pointer[i] - '0');
        }
      }
      add("TRUST_DUPLICATE_JSON_KEY", in_condition ? Severity::Critical : Severity::High, statement,
          d.pointer + "/" + d.key, d.kept,
          "The key \"" + d.key + "\" appears twice in one object (first at line " + std::to_string(d.first.line) +
              "); IAM and JSON parsers keep only the last one, silently dropping " +
              (in_condition ? "the conditions in the first." : "the first value."),
          FIX_MERGE_DUPLICATE_KEYS);
    }
  }

  SourceLocation version_location() const {
    return p_.statements.empty() ? SourceLocation{} : p_.statements[0].location;
  }

  void statement(const Statement& s) {
    const int idx = static_cast<int>(s.index);
    const std::string label = statement_label(s);
    const bool allow = s.effect == "Allow";
    if (s.effect != "Allow" && s.effect != "Deny") {
      const bool case_only = iequals(s.effect, "allow") || iequals(s.effect, "deny");
      add("TRUST_EFFECT_INVALID", Severity::High, idx, s.pointer + "/Effect", s.location,
          label + (s.effect.empty() ? " has no \"Effect\"" : " has an Effect other than \"Allow\" or \"Deny\"") +
              " (the value is case-sensitive), so IAM rejects the policy.",
          case_only ? FIX_EFFECT_CASE : NO_FIX);
    }
    if (s.not_principal.present)
      add("TRUST_NOTPRINCIPAL", allow ? Severity::High : Severity::Medium, idx, s.not_principal.pointer,
          s.not_principal.location,
          label + " uses NotPrincipal, which role trust policies do not support" +
              (allow ? "; as an Allow it would trust everyone except the listed principals." : "."),
          NO_FIX);
    if (s.resource.present || s.not_resource.present) {
      const StringList& r = s.resource.present ? s.resource : s.not_resource;
      add("TRUST_RESOURCE_ELEMENT", Severity::Medium, idx, r.pointer, r.location,
          label + " has a Resource element; trust policies cannot contain one (IAM refuses to save it: "
                  "\"Has prohibited field Resource\"), and this may be an identity policy pasted by mistake.",
          FIX_REMOVE_RESOURCE);
    }
    if (!s.principal.present && !s.not_principal.present && allow)
      add("TRUST_INVALID_PRINCIPAL_FORMAT", Severity::High, idx, s.pointer, s.location,
          label + " allows without a Principal; a trust policy must name who may assume the role, so this "
                  "is probably an identity policy, which IAM rejects here.",
          NO_FIX);
    actions(s, label, idx, allow);
    principals(s, label, idx, allow);
    conditions(s, label, idx, allow);
  }

  void actions(const Statement& s, const std::string& label, int idx, bool allow) {
    const StringList& a = s.action.present ? s.action : s.not_action;
    for (std::size_t i = 0; i < a.values.size(); ++i) {
      const std::string l = lower(a.values[i]);
      if (is_templated(l)) continue;
      if (l == "*" || l == "sts:*" || (starts_with(l, "sts:") && has_wildcard(l))) {
        if (allow && s.action.present)
          add("TRUST_ACTION_WILDCARD", Severity::Medium, idx, a.pointers[i], a.locations[i],
              label + " allows a wildcard action; name the sts actions the callers need (sts:AssumeRole, "
                      "sts:TagSession, ...) so session tags and source identity are granted on purpose.",
              FIX_NARROW_ACTION);
        continue;
      }
      if (std::find(kTrustActions.begin(), kTrustActions.end(), l) == kTrustActions.end())
        add("TRUST_NON_STS_ACTION", Severity::Medium, idx, a.pointers[i], a.locations[i],
            label + " names an action that is not an sts: trust action; a trust policy only governs "
                    "sts:AssumeRole* and related actions, so this entry is invalid or belongs in an identity policy.",
            FIX_REMOVE_NON_STS_ACTION);
    }
  }

  bool narrowed_to_principals(const Statement& s) const {
    static const std::array<std::string_view, 8> keys = {"aws:principalorgid", "aws:principalorgpaths",
                                                         "aws:principalarn",   "aws:principalaccount",
                                                         "aws:userid",         "aws:sourcearn",
                                                         "aws:sourceaccount",  "aws:sourceorgid"};
    for (const auto& c : s.condition.conditions)
      for (auto k : keys)
        if (lower(c.key) == k && restricts(c)) return true;
    return false;
  }

  // Statements that allow only companion actions (sts:TagSession, SetSourceIdentity)
  // are not the gate: the statement allowing the AssumeRole* call is (§1.2).
  static bool grants_assume(const Statement& s) {
    if (s.not_action.present) return true;
    if (!s.action.present) return false;
    for (const auto& a : s.action.values) {
      const std::string l = lower(a);
      if (starts_with(l, "sts:assumerole") || l == "*" || l == "sts:*" || has_wildcard(l) || is_templated(l)) return true;
    }
    return false;
  }

  void principals(const Statement& s, const std::string& label, int idx, bool allow_effect) {
    const Principal& p = s.principal;
    if (!p.present) return;
    const bool allow = allow_effect && grants_assume(s);
    const bool narrowed = narrowed_to_principals(s);
    bool has_wildcard_principal = p.wildcard_string;
    SourceLocation wildcard_loc = p.location;
    std::string wildcard_ptr = p.pointer;
    std::set<std::string> external;  // accounts outside the role's own
    bool has_saml = false, has_oidc = false, has_aws = false, has_service = false;
    std::set<std::string> role_arns;
    std::vector<std::pair<std::size_t, const PrincipalEntry*>> session_values;

    for (const auto& e : p.entries) {
      const StringList& vals = e.values;
      if (e.type.empty()) {
        add("TRUST_INVALID_PRINCIPAL_FORMAT", Severity::High, idx, p.pointer, p.location,
            label + "'s Principal must be \"*\" or an object such as {\"AWS\": ...} or {\"Service\": ...}; IAM "
                    "rejects any other form.",
            NO_FIX);
        continue;
      }
      if (e.type != "AWS" && e.type != "Service" && e.type != "Federated") {
        add("TRUST_INVALID_PRINCIPAL_FORMAT", Severity::High, idx, vals.pointer, vals.location,
            label + " uses principal type \"" + (e.type.size() <= 32 ? e.type : e.type.substr(0, 32)) + "\"" +
                (e.type == "CanonicalUser" ? ", which is for S3 only and means nothing in a trust policy."
                                           : "; a trust policy accepts AWS, Service or Federated (case-sensitive)."),
            NO_FIX);
        continue;
      }
      for (std::size_t i = 0; i < vals.values.size(); ++i) {
        const std::string v = normalize(vals.values[i]);
        const SourceLocation loc = vals.locations[i];
        const std::string& ptr = vals.pointers[i];
        if (i < vals.value_valid.size() && !vals.value_valid[i]) {
          add("TRUST_INVALID_PRINCIPAL_FORMAT", Severity::High, idx, ptr, loc,
              label + " has a principal that is not a string (IAM requires quoted strings, e.g. an account id "
                      "as \"123456789012\").",
              NO_FIX);
          continue;
        }
        if (!v.empty() && (v.front() == ' ' || v.back() == ' ' || v.front() == '\t' || v.back() == '\t' ||
                           v.front() == '\n' || v.back() == '\n')) {
          add("TRUST_INVALID_PRINCIPAL_FORMAT", Severity::High, idx, ptr, loc,
              label + " has a principal with leading or trailing whitespace; IAM rejects it as an invalid "
                      "principal.",
              FIX_TRIM_PRINCIPAL);
          continue;
        }
        if (e.type == "AWS") {
          has_aws = true;
          if (v == "*") {
            has_wildcard_principal = true;
            wildcard_loc = loc;
            wildcard_ptr = ptr;
            continue;
          }
          if (is_templated(v)) continue;
          if (has_wildcard(v)) {
            add("TRUST_PRINCIPAL_ARN_WILDCARD", Severity::High, idx, ptr, loc,
                label + " has a wildcard inside a principal ARN; IAM does not match partial principals (it "
                        "rejects the policy). Trust the account and narrow with ArnLike aws:PrincipalArn instead.",
                FIX_PIN_PRINCIPAL_ARN);
            continue;
          }
          const std::string acct = account_of(v) == kSelfAccount ? own_or_self() : account_of(v);
          if (!valid_aws_principal(v, account_of(v))) {
            add("TRUST_INVALID_PRINCIPAL_FORMAT", Severity::High, idx, ptr, loc,
                label + " has an AWS principal that is neither a 12-digit account id nor an IAM/STS ARN with "
                        "one; IAM rejects it (\"Invalid principal in policy\").",
                NO_FIX);
            continue;
          }
          if (v.find(":role/") != std::string::npos) role_arns.insert(role_key(v));
          if (v.find(":assumed-role/") != std::string::npos) session_values.push_back({i, &e});
          if (acct != own_or_self()) {
            external.insert(acct);
            const bool whole_account = all_digits(v) || ends_with(v, ":root");
            if (allow && !external_id_present(s) && !narrowed && !mfa_required(s)) {
              cross_account(s, label, idx, ptr, loc, whole_account);
            }
          }
        } else if (e.type == "Service") {
          has_service = true;
          if (is_templated(v)) continue;
          if (has_wildcard(v)) {
            add("TRUST_PRINCIPAL_ARN_WILDCARD", Severity::High, idx, ptr, loc,
                label + " has a wildcard in a service principal; IAM does not accept partial principals.", NO_FIX);
            continue;
          }
          if (!ends_with(v, ".amazonaws.com") && !ends_with(v, ".amazonaws.com.cn") && !ends_with(v, ".amazon.com"))
            add("TRUST_INVALID_PRINCIPAL_FORMAT", Severity::High, idx, ptr, loc,
                label + " has a Service principal that is not a service name such as ec2.amazonaws.com; IAM "
                        "rejects it.",
                NO_FIX);
          else if (allow)
            service_source(s, label, idx, ptr, loc, v);
        } else if (e.type == "Federated") {
          const FederatedKind k = classify_federated(v);
          if (is_templated(v) && !k.saml && !k.oidc) continue;
          if (k.saml) has_saml = true;
          if (k.oidc) has_oidc = true;
          if (!k.saml && !k.oidc) {
            add("TRUST_INVALID_PRINCIPAL_FORMAT", Severity::High, idx, ptr, loc,
                label + " has a Federated principal that is neither a saml-provider/oidc-provider ARN nor a "
                        "known web identity provider; IAM rejects it.",
                NO_FIX);
            continue;
          }
          if (allow && k.oidc) oidc(s, label, idx, ptr, loc, k);
          if (allow && k.saml && !statement_has_key(s, "SAML:aud", true))
            add("TRUST_SAML_NO_AUD", Severity::Medium, idx, ptr, loc,
                label + " trusts a SAML provider without a SAML:aud condition; pin it to "
                        "https://signin.aws.amazon.com/saml so assertions meant for other services are refused.",
                FIX_ADD_SAML_AUD);
        }
      }
    }
    if (has_wildcard_principal && allow_effect) {
      if (narrowed)
        add("TRUST_PRINCIPAL_WILDCARD_CONDITIONED", Severity::Info, idx, wildcard_ptr, wildcard_loc,
            label + " trusts every principal (\"*\"), narrowed by a condition on the caller's organization, "
                    "account or ARN; check that the condition value is specific.",
            NO_FIX);
      else
        add("TRUST_PRINCIPAL_WILDCARD_UNCONDITIONED", Severity::Critical, idx, wildcard_ptr, wildcard_loc,
            label + " lets any AWS principal in any account assume the role (\"*\" without a condition on "
                    "aws:PrincipalOrgID, aws:PrincipalArn or aws:PrincipalAccount).",
            FIX_PIN_PRINCIPAL_ARN);
    }
    for (const auto& [i, e] : session_values) {
      const std::string& v = e->values.values[i];
      // arn:aws:sts::A:assumed-role/ROLE/SESSION is covered by arn:aws:iam::A:role/ROLE.
      if (role_arns.count(role_key(v)))
        add("TRUST_REDUNDANT_SESSION_PRINCIPAL", Severity::Info, idx, e->values.pointers[i], e->values.locations[i],
            label + " lists an assumed-role session whose role is also trusted; the role ARN already matches "
                    "every session of that role.",
            NO_FIX);
    }
    if (allow) mismatched_actions(s, label, idx, has_saml, has_oidc, has_aws || has_wildcard_principal, has_service);
    (void)external;
  }

  // "arn:aws:iam::A:role/path/name" and "arn:aws:sts::A:assumed-role/name/session" -> "A/name".
  static std::string role_key(std::string_view v) {
    const std::string acct = account_of(v);
    std::string_view rest;
    if (auto p = v.find(":assumed-role/"); p != std::string_view::npos) {
      rest = v.substr(p + 14);
      rest = rest.substr(0, rest.find('/'));
    } else if (auto q = v.find(":role/"); q != std::string_view::npos) {
      rest = v.substr(q + 6);
      if (auto slash = rest.rfind('/'); slash != std::string_view::npos) rest = rest.substr(slash + 1);
    }
    return acct + "/" + std::string(rest);
  }

  std::string own_or_self() const { return own_account_.empty() ? std::string(kSelfAccount) : own_account_; }

  static bool valid_aws_principal(std::string_view v, const std::string& acct) {
    if (all_digits(v)) return v.size() == 12;
    if (v == kSelfAccount) return true;
    if (acct != kSelfAccount && (acct.size() != 12 || !all_digits(acct))) return false;
    if (!starts_with(v, "arn:aws:") && !starts_with(v, "arn:aws-cn:") && !starts_with(v, "arn:aws-us-gov:") &&
        !starts_with(v, "arn:aws-iso"))
      return false;
    return v.find(":iam::") != std::string_view::npos || v.find(":sts::") != std::string_view::npos;
  }

  bool external_id_present(const Statement& s) const {
    // Any check on the id counts (its quality is TRUST_EXTERNAL_ID_WEAK's job), except
    // Null = true, which requires that NO ExternalId is sent.
    for (const auto& c : s.condition.conditions)
      if (iequals(c.key, "sts:ExternalId") &&
          !(c.op.base == "Null" && c.values.values.size() == 1 && iequals(c.values.values[0], "true")))
        return true;
    return false;
  }

  // Bool aws:MultiFactorAuthPresent = true (not IfExists): a human with MFA, the other
  // accepted protection for cross-account trust.
  bool mfa_required(const Statement& s) const {
    for (const auto& c : s.condition.conditions)
      if (iequals(c.key, "aws:MultiFactorAuthPresent") && c.op.base == "Bool" && !c.op.if_exists &&
          c.values.values.size() == 1 && iequals(c.values.values[0], "true"))
        return true;
      else if (iequals(c.key, "aws:MultiFactorAuthAge") && restricts(c))
        return true;
    return false;
  }

  void cross_account(const Statement& s, const std::string& label, int idx, const std::string& ptr,
                     SourceLocation loc, bool whole_account) {
    (void)s;
    const std::string who = whole_account ? "every principal of another account (whose own policies allow it)"
                                          : "a principal in another account";
    std::string msg = label + " trusts " + who +
                      " with no sts:ExternalId, MFA or aws:PrincipalArn/aws:PrincipalOrgID condition; a third "
                      "party acting for several customers can be tricked into using this role (confused deputy).";
    if (own_account_.empty())
      msg = label + " trusts " + (whole_account ? "a whole account" : "an account's principal") +
            " that is possibly external: the role's own account is unknown (pass --role-arn). If it is another "
            "account, it can assume the role with no sts:ExternalId, MFA or aws:PrincipalArn condition "
            "(confused deputy).";
    // A whole account delegates to every principal there: high even when only possibly
    // external. A named user or role is usually an internal cross-account link.
    const Severity sev = whole_account ? Severity::High : own_account_.empty() ? Severity::Low : Severity::Medium;
    add("TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID", sev, idx, ptr, loc, msg, FIX_ADD_EXTERNAL_ID);
  }

  void service_source(const Statement& s, const std::string& label, int idx, const std::string& ptr,
                      SourceLocation loc, const std::string& service) {
    // Services that assume a role as the identity of one compute resource in this
    // account (an instance, a function, a task) never act for another account's
    // resources, so the confused-deputy keys do not apply to them.
    static const std::array<std::string_view, 8> compute = {
        "ec2.amazonaws.com", "lambda.amazonaws.com", "edgelambda.amazonaws.com", "ecs-tasks.amazonaws.com",
        "eks.amazonaws.com", "eks-fargate-pods.amazonaws.com", "pods.eks.amazonaws.com", "ec2.amazonaws.com.cn"};
    for (auto c : compute)
      if (service == c) return;
    for (const auto& c : s.condition.conditions) {
      const std::string k = lower(c.key);
      if ((k == "aws:sourceaccount" || k == "aws:sourcearn" || k == "aws:sourceorgid" || k == "aws:sourceorgpaths") &&
          restricts(c))
        return;
    }
    const bool anywhere = service == "rolesanywhere.amazonaws.com";
    add("TRUST_SERVICE_NO_SOURCE", anywhere ? Severity::High : Severity::Low, idx, ptr, loc,
        anywhere ? label + " trusts IAM Roles Anywhere with no aws:SourceArn (trust anchor) or "
                           "aws:PrincipalTag/x509 condition: any trust anchor and certificate in the account can "
                           "use the role."
                 : label + " trusts an AWS service without aws:SourceAccount or aws:SourceArn; the service can "
                           "then be made to use this role on behalf of another account (confused deputy).",
        FIX_ADD_SOURCE_CONDITION);
  }

  void oidc(const Statement& s, const std::string& label, int idx, const std::string& ptr, SourceLocation loc,
            const FederatedKind& k) {
    // Condition keys of a web identity provider are "<host[/path]>:<claim>".
    auto key_for = [&](std::string_view claim) {
      for (const auto& c : s.condition.conditions) {
        const std::string lk = lower(c.key);
        if (lk == k.host + ":" + std::string(claim) && restricts(c)) return &c;
      }
      return static_cast<const Condition*>(nullptr);
    };
    auto any_key_for = [&](std::string_view claim) {
      for (const auto& c : s.condition.conditions)
        if (key_has_suffix(c.key, ":" + std::string(claim))) return &c;
      return static_cast<const Condition*>(nullptr);
    };
    const Condition* sub = key_for("sub");
    if (!sub) sub = any_key_for("sub");
    if (k.github) {
      if (!sub) {
        add("TRUST_OIDC_GITHUB_NO_SUB", Severity::High, idx, ptr, loc,
            label + " trusts GitHub Actions OIDC without a token.actions.githubusercontent.com:sub condition: "
                    "a workflow in any GitHub repository can assume the role.",
            FIX_ADD_GITHUB_SUB);
      } else {
        for (std::size_t i = 0; i < sub->values.values.size(); ++i) {
          const std::string& v = sub->values.values[i];
          const bool like = sub->op.base == "StringLike";
          if (!like || !has_wildcard(v)) continue;
          // repo:ORG/REPO:... — a wildcard before the second ':' spans repositories or owners.
          const auto repo_end = v.find(':', 5);
          const std::string_view repo_part = std::string_view(v).substr(0, repo_end);
          const bool spans_repos = !starts_with(v, "repo:") || has_wildcard(repo_part);
          add("TRUST_OIDC_GITHUB_SUB_WILDCARD", spans_repos ? Severity::High : Severity::Medium, idx,
              sub->values.pointers[i], sub->values.locations[i],
              label + (spans_repos ? " matches the GitHub OIDC sub with a wildcard across repositories or owners: "
                                     "other repositories (even other owners sharing the prefix) can assume the role."
                                   : " matches the GitHub OIDC sub with a wildcard after the repository: every "
                                     "branch, tag, pull request and environment of it can assume the role."),
              FIX_PIN_GITHUB_SUB);
        }
      }
    }
    const bool has_aud = key_for("aud") || any_key_for(":aud") || any_key_for("aud") || key_for("app_id") ||
                         key_for("oaud") || any_key_for("azp");
    if (!has_aud) {
      Severity sev = sub ? Severity::Low : Severity::Medium;
      if (k.cognito) sev = Severity::High;
      add("TRUST_OIDC_NO_AUD", sev, idx, ptr, loc,
          label + (k.cognito ? " trusts Cognito identities without a cognito-identity.amazonaws.com:aud "
                               "condition: identities from any identity pool can assume the role."
                             : " trusts an OIDC provider without an :aud condition; tokens issued to other "
                               "clients of the same provider are accepted (GitHub's is sts.amazonaws.com)."),
          FIX_ADD_OIDC_AUD);
    }
  }

  void mismatched_actions(const Statement& s, const std::string& label, int idx, bool saml, bool oidc, bool aws,
                          bool service) {
    if (!s.action.present) return;
    bool assume = false, saml_action = false, web = false, wildcard = false;
    for (const auto& a : s.action.values) {
      const std::string l = lower(a);
      if (l == "sts:assumerole") assume = true;
      else if (l == "sts:assumerolewithsaml") saml_action = true;
      else if (l == "sts:assumerolewithwebidentity") web = true;
      else if (l == "*" || l == "sts:*" || has_wildcard(l) || is_templated(l)) wildcard = true;
    }
    if (wildcard) return;
    std::string problem;
    if (saml && !saml_action) problem = "a SAML provider but does not allow sts:AssumeRoleWithSAML";
    else if (oidc && !web) problem = "an OIDC provider but does not allow sts:AssumeRoleWithWebIdentity";
    else if ((aws || service) && !saml && !oidc && !assume && (saml_action || web))
      problem = "AWS or service principals but allows only the federated assume actions";
    if (problem.empty()) return;
    add("TRUST_MISMATCHED_ACTION_FOR_PRINCIPAL", Severity::Medium, idx, s.action.pointer, s.action.location,
        label + " trusts " + problem + ", so these callers can never assume the role.", FIX_SET_ACTION_FOR_PRINCIPAL);
  }

  void conditions(const Statement& s, const std::string& label, int idx, bool allow) {
    const ConditionBlock& b = s.condition;
    if (!b.present) return;
    for (const auto& op : b.empty_operators)
      add("TRUST_CONDITION_EMPTY", Severity::Medium, idx, op.empty() ? b.pointer : b.pointer + "/" + op, b.location,
          label + (op.empty() ? "'s Condition is not an object" : " has an empty \"" + op.substr(0, 64) + "\" operator") +
              ": the check the author meant to add does not exist.",
          FIX_FILL_EMPTY_CONDITION);
    if (b.conditions.empty() && b.empty_operators.empty())
      add("TRUST_CONDITION_EMPTY", Severity::Low, idx, b.pointer, b.location,
          label + " has an empty Condition block, which restricts nothing.", FIX_FILL_EMPTY_CONDITION);
    // Same key twice under one operator with different case: IAM rejects it.
    std::map<std::string, std::map<std::string, const Condition*>> seen;
    for (const auto& c : b.conditions) {
      const std::string op = c.op.written;
      auto& keys = seen[op];
      const std::string lk = lower(c.key);
      auto it = keys.find(lk);
      if (it != keys.end() && it->second->key != c.key)
        add("TRUST_DUPLICATE_KEY_CASE", Severity::Medium, idx, c.pointer, c.location,
            label + " names the same condition key twice under " + op.substr(0, 64) +
                " with different case; keys are case-insensitive, and IAM rejects the duplicate.",
            NO_FIX);
      else
        keys.emplace(lk, &c);
      condition(s, c, label, idx, allow);
    }
  }

  void condition(const Statement& s, const Condition& c, const std::string& label, int idx, bool allow) {
    (void)s;
    const std::string lk = lower(c.key);
    const bool string_equals = c.op.base == "StringEquals" || c.op.base == "StringNotEquals" ||
                               c.op.base == "StringEqualsIgnoreCase" || c.op.base == "StringNotEqualsIgnoreCase";
    if (c.values.values.empty())
      add("TRUST_CONDITION_EMPTY", Severity::Medium, idx, c.pointer, c.location,
          label + " lists no values for " + c.key.substr(0, 64) + "; a key with no values never matches.",
          FIX_FILL_EMPTY_CONDITION);
    if (string_equals) {
      for (std::size_t i = 0; i < c.values.values.size(); ++i)
        if (has_wildcard(c.values.values[i]) && !is_templated(c.values.values[i]))
          add("TRUST_WILDCARD_WITHOUT_LIKE", Severity::Medium, idx, c.values.pointers[i], c.values.locations[i],
              label + " uses a wildcard under " + c.op.base +
                  ", where \"*\" and \"?\" are literal characters: this value only matches text containing them "
                  "(use StringLike only if a pattern is really meant).",
              NO_FIX);
    }
    if (c.op.set_qualifier == "ForAllValues" && allow && !is_multi_valued_key(c.key))
      add("TRUST_FORALLVALUES_SINGLE_VALUED", Severity::High, idx, c.pointer, c.location,
          label + " applies ForAllValues to the single-valued key " + c.key.substr(0, 80) +
              "; ForAllValues is also true when the key is absent, so this check can pass vacuously.",
          FIX_REMOVE_FORALLVALUES);
    if (lk == "sts:externalid") external_id(c, label, idx, allow);
    if (lk == "aws:multifactorauthpresent") mfa(c, label, idx, s.effect);
  }

  void external_id(const Condition& c, const std::string& label, int idx, bool allow) {
    if (!allow) return;
    std::string weak;
    const bool negated = is_negated(c.op);
    if (c.op.if_exists) weak = "IfExists makes it optional: a caller that sends no ExternalId passes";
    else if (c.op.base == "Null") {
      const bool requires_absence = c.values.values.size() == 1 && iequals(c.values.values[0], "true");
      if (requires_absence) return;  // "no ExternalId may be sent": a deliberate choice, not a weak check
      weak = "Null false only tests presence: any ExternalId value passes";
    }
    else if (c.op.set_qualifier == "ForAnyValue") weak = "ForAnyValue on a single-valued key is a disguised equality test and hides intent";
    else if (c.op.set_qualifier == "ForAllValues") weak = "ForAllValues is true when the key is absent, so a caller that sends no ExternalId passes";
    else if (c.op.base.find("IgnoreCase") != std::string::npos) weak = "IgnoreCase widens the match to other spellings of the id";
    else if (negated) weak = "a negated operator accepts every other value and a missing ExternalId";
    else if (c.op.base == "StringLike") {
      for (const auto& v : c.values.values)
        if (has_wildcard(v)) weak = "a wildcard under StringLike accepts ExternalIds nobody agreed on";
    }
    if (!weak.empty()) {
      add("TRUST_EXTERNAL_ID_WEAK", Severity::High, idx, c.pointer, c.location,
          label + "'s sts:ExternalId check is weak: " + weak + ". Use StringEquals with the exact id.",
          FIX_STRENGTHEN_EXTERNAL_ID);
      return;
    }
    if (c.op.base != "StringEquals" && c.op.base != "StringLike") return;
    for (std::size_t i = 0; i < c.values.values.size(); ++i) {
      const std::string& v = c.values.values[i];
      if (is_templated(v)) continue;
      bool ok = v.size() >= 2 && v.size() <= 1224;
      for (char ch : v) {
        const bool word = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
        if (!word && std::string_view("+=,.@:/-").find(ch) == std::string_view::npos) ok = false;
      }
      if (c.op.base == "StringLike" && has_wildcard(v)) continue;
      if (!ok)
        add("TRUST_EXTERNAL_ID_INVALID_VALUE", Severity::High, idx, c.values.pointers[i], c.values.locations[i],
            label + " requires an ExternalId that STS can never receive (it must be 2-1224 characters of letters, "
                    "digits and +=,.@:/-_), so no caller can assume the role through this statement.",
            FIX_REPLACE_EXTERNAL_ID);
    }
  }

  void mfa(const Condition& c, const std::string& label, int idx, const std::string& effect) {
    // aws:MultiFactorAuthPresent is absent for long-term access keys (§1.3/1.4).
    const bool has_false =
        std::any_of(c.values.values.begin(), c.values.values.end(), [](const std::string& v) { return iequals(v, "false"); });
    const bool has_true =
        std::any_of(c.values.values.begin(), c.values.values.end(), [](const std::string& v) { return iequals(v, "true"); });
    if (effect == "Deny" && c.op.base == "Bool" && !c.op.if_exists && has_false)
      add("TRUST_MFA_BAD_PATTERN", Severity::Medium, idx, c.pointer, c.location,
          label + " denies when aws:MultiFactorAuthPresent is false, but the key is absent for long-term access "
                  "keys, so those callers are not denied; use BoolIfExists.",
          NO_FIX);
    else if (effect == "Allow" && c.op.base == "Bool" && c.op.if_exists && has_true)
      add("TRUST_MFA_BAD_PATTERN", Severity::Medium, idx, c.pointer, c.location,
          label + " allows with BoolIfExists aws:MultiFactorAuthPresent true, which is also true when the key is "
                  "absent: callers using long-term access keys without MFA pass.",
          NO_FIX);
  }

  const TrustPolicy& p_;
  std::string prefix_;
  LintResult& out_;
  std::string own_account_;
};

}  // namespace

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Info: return "info";
    case Severity::Low: return "low";
    case Severity::Medium: return "medium";
    case Severity::High: return "high";
    case Severity::Critical: return "critical";
  }
  return "info";
}

bool parse_severity(std::string_view name, Severity& out) {
  const std::string l = lower(name);
  static const std::array<Severity, 5> all = {Severity::Info, Severity::Low, Severity::Medium, Severity::High,
                                              Severity::Critical};
  for (Severity s : all)
    if (l == severity_name(s)) {
      out = s;
      return true;
    }
  return false;
}

LintResult lint(const PolicyParseResult& parsed, const LintOptions& options) {
  LintResult out;
  try {
    out.errors = parsed.errors;
    for (const auto& e : parsed.errors)
      if (e.code == "TRUST_MALFORMED_JSON")
        out.findings.push_back({"TRUST_MALFORMED_JSON", Severity::High, -1, e.pointer, e.location,
                                e.message + " IAM rejects it (\"This policy contains invalid Json\").", NO_FIX});
    if (!parsed.ok()) return out;
    if (parsed.all.size() <= 1) {
      Linter(parsed.policy, options, "", out).run(parsed.duplicates);
    } else {
      // Several roles (a template or a plan): lint each; duplicates are located by line.
      // A duplicate belongs to the last policy that starts before it.
      std::vector<std::vector<json::DuplicateKey>> mine(parsed.all.size());
      for (const auto& d : parsed.duplicates) {
        std::size_t owner = 0;
        for (std::size_t i = 0; i < parsed.all.size(); ++i)
          if (!parsed.all[i].statements.empty() && parsed.all[i].statements[0].location.offset <= d.kept.offset)
            owner = i;
        mine[owner].push_back(d);
      }
      for (std::size_t i = 0; i < parsed.all.size(); ++i) {
        const TrustPolicy& p = parsed.all[i];
        const std::string prefix = p.name.empty() ? "" : "Role " + p.name.substr(0, 120) + ": ";
        Linter(p, options, prefix, out).run(mine[i]);
      }
    }
    std::stable_sort(out.findings.begin(), out.findings.end(), [](const Finding& a, const Finding& b) {
      if (a.severity != b.severity) return a.severity > b.severity;
      return a.location.offset < b.location.offset;
    });
  } catch (const std::exception&) {
    out.errors.push_back({"LINT_RESOURCE", "The policy is too large to lint in the available memory.", {}, ""});
  }
  return out;
}

}  // namespace stackengine
