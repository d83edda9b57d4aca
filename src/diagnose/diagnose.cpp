#include "stackengine/diagnose.hpp"

#include <algorithm>
#include <cctype>
#include <exception>
#include <map>

#include "diagnose/internal.hpp"

namespace stackengine {

std::vector<std::string> all_cause_ids() {
  return {kCauseExternalIdMissing,     kCauseExternalIdMismatch,       kCausePrincipalNotTrusted,
          kCauseConditionNotMet,       kCauseExplicitDeny,             kCauseCallerPolicyMissing,
          kCauseRoleArnWrong,          kCauseRootCaller,               kCauseOidcSubMismatch,
          kCauseOidcAudMismatch,       kCauseOidcProviderMissing,      kCauseSamlAudMismatch,
          kCauseTagSessionNotAllowed,  kCauseSourceIdentityNotAllowed, kCauseMfaRequired,
          kCauseDurationTooLong,       kCauseParameterInvalid,         kCauseCredentialsInvalid,
          kCauseCredentialsExpired,    kCausePolicyMalformed};
}

namespace diagnose_detail {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_account_id(std::string_view s) {
  return s.size() == 12 &&
         std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
}

// arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE
ArnParts split_arn(std::string_view arn) {
  ArnParts p;
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (int i = 0; i < 5; ++i) {
    const std::size_t c = arn.find(':', start);
    if (c == std::string_view::npos) return p;
    parts.emplace_back(arn.substr(start, c - start));
    start = c + 1;
  }
  if (parts[0] != "arn") return p;
  p.ok = true;
  p.partition = parts[1];
  p.service = parts[2];
  p.region = parts[3];
  p.account = parts[4];
  p.resource = std::string(arn.substr(start));
  return p;
}

// Values that other tools or users put where an account id was: "***", "<REDACTED>",
// "OMITTED", "[IAMID]", "abc". They are not wrong ARNs; they were hidden before pasting.
bool looks_redacted(std::string_view s) {
  const std::string l = lower(s);
  for (std::string_view mark : {"*", "<", "[", "redacted", "omitted", "xxxx", "account", "acct", "{", "$"})
    if (l.find(mark) != std::string::npos) return true;
  return false;
}

}  // namespace diagnose_detail

using namespace diagnose_detail;

namespace {

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// How a field is spelled in each caller format, for sentences ("add --external-id ...").
std::string caller_label(std::string_view format, std::string_view field) {
  struct Row {
    std::string_view field, cli, config, terraform, gha, sdk;
  };
  static const Row rows[] = {
      {"external_id", "--external-id", "external_id", "external_id", "role-external-id", "ExternalId"},
      {"session_name", "--role-session-name", "role_session_name", "session_name", "role-session-name",
       "RoleSessionName"},
      {"duration_seconds", "--duration-seconds", "duration_seconds", "duration", "role-duration-seconds",
       "DurationSeconds"},
      {"mfa_serial", "--serial-number", "mfa_serial", "mfa_serial", "mfa_serial", "SerialNumber"},
      {"source_identity", "--source-identity", "source_identity", "source_identity", "source_identity",
       "SourceIdentity"},
      {"role_arn", "--role-arn", "role_arn", "role_arn", "role-to-assume", "RoleArn"},
      {"tags", "--tags", "tags", "tags", "session tags", "Tags"},
  };
  for (const Row& r : rows)
    if (r.field == field) {
      if (format == "aws-cli") return std::string(r.cli);
      if (format == "aws-config") return std::string(r.config);
      if (format == "terraform-provider") return std::string(r.terraform);
      if (format == "github-actions") return std::string(r.gha);
      if (!format.empty()) return std::string(r.sdk);
      return std::string(r.cli);
    }
  return std::string(field);
}

std::string caller_noun(std::string_view format) {
  if (format == "aws-cli") return "the command";
  if (format == "aws-config") return "the profile";
  if (format == "terraform-provider") return "the provider's assume_role block";
  if (format == "github-actions") return "the workflow step";
  if (format.empty()) return "the caller";
  return "the SDK call";
}

bool has_wildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

// STS: ExternalId 2..1224 of [\w+=,.@:/-]; RoleSessionName / SourceIdentity 2..64 of [\w+=,.@-].
bool sendable(std::string_view v, std::size_t max, bool allow_colon_slash) {
  if (v.size() < 2 || v.size() > max) return false;
  for (char c : v) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '+' || c == '=' ||
                    c == ',' || c == '.' || c == '@' || c == '-' ||
                    (allow_colon_slash && (c == ':' || c == '/'));
    if (!ok) return false;
  }
  return true;
}

bool key_is(const std::string& key_lower, std::string_view want) { return key_lower == want; }
bool key_ends(const std::string& key_lower, std::string_view suffix) {
  return key_lower.size() > suffix.size() && key_lower.compare(key_lower.size() - suffix.size(), suffix.size(), suffix) == 0;
}

class Diagnoser {
 public:
  explicit Diagnoser(const DiagnoseRequest& r) : req_(r) {}

  Diagnosis run() {
    err_ = req_.error;
    kind_ = err_ ? err_->kind : ErrorKind::Unknown;
    if (req_.policy && req_.policy->ok()) pol_ = &req_.policy->policy;
    caller_ = req_.caller;
    format_ = caller_ ? caller_->format : "";
    resolve();
    from_policy_parse();
    from_caller_problems();
    from_role_arn();
    from_root();
    simulate_if_possible();
    switch (kind_) {
      case ErrorKind::RootCaller: root_error(); break;
      case ErrorKind::InvalidClientToken: credentials_invalid(); break;
      case ErrorKind::ExpiredToken: credentials_expired(); break;
      case ErrorKind::MalformedPolicy: malformed_policy_error(); break;
      case ErrorKind::ParameterValidation: parameter_invalid(); break;
      case ErrorKind::DurationExceedsMax: duration(); break;
      case ErrorKind::Mfa: mfa_error(); break;
      case ErrorKind::TagSessionDenied: extra_action("sts:TagSession"); break;
      case ErrorKind::SetSourceIdentityDenied: extra_action("sts:SetSourceIdentity"); break;
      case ErrorKind::OidcProviderNotFound: oidc_provider(); break;
      case ErrorKind::OidcAudience: oidc_audience(); break;
      case ErrorKind::WebIdentityNotAuthorized: web_identity(); break;
      case ErrorKind::Saml: saml(); break;
      case ErrorKind::AssumeRoleAccessDenied: access_denied(); break;
      case ErrorKind::Unknown: no_error(); break;
    }
    finish();
    return std::move(d_);
  }

 private:
  // ---- evidence -------------------------------------------------------------------------
  Evidence ev_error(const char* name, const ErrorField& f, std::string text) const {
    return {kInputError, name, f.start, std::move(text)};
  }
  Evidence ev_policy(const std::string& pointer, const SourceLocation& at, std::string text) const {
    return {kInputPolicy, pointer, at, std::move(text)};
  }
  // A caller field where it is written, or the whole caller when it is absent.
  Evidence ev_caller(const std::string& field, std::string text) const {
    Evidence e{kInputCaller, field, {}, std::move(text)};
    if (!caller_) return e;
    if (const CallerField* f = caller_->field(field))
      e.location = f->key_span.start;
    else
      e.location = caller_->span.start;
    return e;
  }

  void add(Cause c) {
    c.confidence = std::clamp(c.confidence, 0.0, 1.0);
    for (Cause& have : d_.causes) {
      if (have.id != c.id) continue;
      // One entry per cause: keep the strongest reading, gather all evidence.
      if (c.confidence > have.confidence) {
        have.confidence = c.confidence;
        have.title = c.title;
        have.explanation = c.explanation;
        if (!c.fix.empty()) have.fix = c.fix;
      }
      for (Evidence& e : c.evidence) {
        const bool dup = std::any_of(have.evidence.begin(), have.evidence.end(), [&](const Evidence& h) {
          return h.input == e.input && h.pointer == e.pointer && h.text == e.text;
        });
        if (!dup) have.evidence.push_back(std::move(e));
      }
      if (have.fix.empty()) have.fix = c.fix;
      return;
    }
    d_.causes.push_back(std::move(c));
  }

  void error_evidence(Cause& c) const {
    if (!err_) return;
    if (err_->message.present())
      c.evidence.push_back(ev_error("message", err_->message, std::string("AWS said: ") + err_->message.value));
  }

  // ---- facts ----------------------------------------------------------------------------
  void resolve() {
    d_.role_arn = req_.role_arn;
    if (d_.role_arn.empty() && caller_) d_.role_arn = caller_->role_arn;
    if (d_.role_arn.empty() && err_ && err_->resource.present()) d_.role_arn = err_->resource.value;
    if (d_.role_arn.empty() && pol_) d_.role_arn = pol_->role_arn;
    d_.caller_arn = req_.caller_arn;
    if (d_.caller_arn.empty() && err_ && err_->caller.present()) d_.caller_arn = err_->caller.value;
    const ArnParts role = split_arn(d_.role_arn);
    if (role.ok && is_account_id(role.account)) role_account_ = role.account;
    if (!d_.caller_arn.empty()) {
      principal_ = parse_caller_principal(d_.caller_arn);
      if (is_account_id(principal_.account)) caller_account_ = principal_.account;
    }
    cross_account_ = !role_account_.empty() && !caller_account_.empty() && role_account_ != caller_account_;
    operation_ = caller_ && !caller_->operation.empty() ? caller_->operation
                 : err_ && err_->operation.present()   ? err_->operation.value
                                                       : std::string("AssumeRole");
    if (operation_ == "GetSessionToken" || operation_ == "GetCallerIdentity") operation_ = "AssumeRole";
  }

  const std::string& sent_external_id() const {
    static const std::string none;
    return caller_ ? caller_->external_id : none;
  }
  bool sends_external_id() const { return caller_ && caller_->field("external_id") != nullptr; }

  // ---- causes that any input alone can show -----------------------------------------------
  void from_policy_parse() {
    if (!req_.policy || req_.policy->ok()) return;
    const PolicyError& pe = req_.policy->errors.front();
    if (pe.code == "POLICY_NOT_FOUND" || pe.code.rfind("INPUT_", 0) == 0) return;  // not a policy at all
    Cause c;
    c.id = kCausePolicyMalformed;
    c.confidence = kind_ == ErrorKind::MalformedPolicy ? 0.95 : 0.5;
    c.title = "The trust policy is not valid JSON";
    c.explanation = "IAM refuses to save a policy it cannot parse (\"MalformedPolicyDocument\"), so the role "
                    "still has its previous trust policy. " + pe.message;
    c.evidence.push_back(ev_policy(pe.pointer, pe.location, pe.message));
    c.fix = "Correct the JSON at line " + std::to_string(pe.location.line) + ", column " +
            std::to_string(pe.location.column) + ", then save the policy again.";
    add(std::move(c));
  }

  void from_caller_problems() {
    if (!caller_) return;
    for (const CallerProblem& p : validate_caller(*caller_)) {
      Cause c;
      const bool duration = p.field == "duration_seconds";
      if (p.field == "role_arn") {
        // from_role_arn() explains these with the ARN's own words; add the caller's view.
        c.id = kCauseRoleArnWrong;
        c.confidence = 0.8;
        c.title = "The role ARN is wrong";
        c.explanation = p.message;
        Evidence e = ev_caller(p.field, p.message);
        if (p.location.line) e.location = p.location;
        c.evidence.push_back(std::move(e));
        c.fix = "Correct " + caller_label(format_, "role_arn") + " in " + caller_noun(format_) + ".";
        add(std::move(c));
        continue;
      }
      c.id = duration ? kCauseDurationTooLong : kCauseParameterInvalid;
      const bool matches_error = (duration && kind_ == ErrorKind::DurationExceedsMax) ||
                                 (!duration && kind_ == ErrorKind::ParameterValidation);
      c.confidence = matches_error ? 0.95 : 0.6;
      c.title = duration ? "The requested session is longer than STS allows"
                         : "The caller sends a value STS refuses";
      c.explanation = p.message;
      Evidence e = ev_caller(p.field, p.message);
      if (p.location.line) e.location = p.location;
      c.evidence.push_back(std::move(e));
      c.fix = fix_for_field(p.field);
      add(std::move(c));
    }
  }

  std::string fix_for_field(const std::string& field) {
    if (field == "external_id") {
      const std::string want = wanted_external_id_from_policy();
      if (!want.empty()) {
        set_external_id(want, "the trust policy requires this ExternalId");
        return "Send the ExternalId the trust policy requires: " + caller_label(format_, "external_id") + " " +
               quoted(want) + " (see the fixed caller).";
      }
      return "Use an ExternalId of 2 to 1224 characters from letters, digits and +=,.@:/_- (no spaces).";
    }
    if (field == "session_name") {
      const std::string fixed = sanitize_session_name(caller_ ? caller_->session_name : "");
      d_.caller_fix.session_name = fixed;
      d_.caller_fix_reasons.push_back("RoleSessionName must be 2-64 characters of letters, digits and +=,.@_-.");
      return "Use a session name of 2 to 64 characters from letters, digits and +=,.@_-: " + quoted(fixed) +
             " (see the fixed caller).";
    }
    if (field == "duration_seconds") {
      d_.caller_fix.duration_seconds = 3600;
      d_.caller_fix_reasons.push_back("3600 seconds is within every role's MaxSessionDuration and the 1-hour role-chaining limit.");
      return "Request at most 3600 seconds (see the fixed caller), or raise the role's MaxSessionDuration "
             "(aws iam update-role --max-session-duration) if you need longer.";
    }
    return "Correct " + caller_label(format_, field) + " in " + caller_noun(format_) + ".";
  }

  static std::string sanitize_session_name(std::string_view in) {
    std::string out;
    for (char c : in) {
      const bool ok = std::isalnum(static_cast<unsigned char>(c)) || std::string_view("_+=,.@-").find(c) != std::string_view::npos;
      out.push_back(ok ? c : '-');
      if (out.size() == 64) break;
    }
    if (out.size() < 2) out = "stackengine-session";
    return out;
  }

  void from_role_arn() {
    if (d_.role_arn.empty()) return;
    const std::string& arn = d_.role_arn;
    const ArnParts p = split_arn(arn);
    std::string problem;
    if (arn.find_first_of(" \t") != std::string::npos) {
      problem = "it contains a blank";
    } else if (!p.ok) {
      problem = "it is not an ARN (it should look like arn:aws:iam::123456789012:role/NAME)";
    } else if (p.service != "iam") {
      problem = "its service is \"" + p.service + "\", not \"iam\"";
    } else if (p.account.empty()) {
      problem = "the account id is missing (\"arn:" + p.partition + ":iam:::...\")";
    } else if (!is_account_id(p.account) && !looks_redacted(p.account)) {
      problem = "the account id \"" + p.account + "\" is not 12 digits";
    } else if (p.resource.rfind("role/", 0) != 0) {
      problem = "it names " + (p.resource.find('/') != std::string::npos
                                   ? "a " + p.resource.substr(0, p.resource.find('/'))
                                   : "\"" + p.resource + "\"") +
                ", not a role";
    } else if (arn.back() == '.' || arn.back() == '/') {
      problem = "it ends with \"" + std::string(1, arn.back()) + "\", which is almost certainly a typo";
    }
    if (!problem.empty()) {
      Cause c;
      c.id = kCauseRoleArnWrong;
      c.confidence = 0.85;
      c.title = "The role ARN is wrong";
      c.explanation = "The role ARN " + quoted(arn) + " cannot name a role: " + problem +
                      ". STS answers a call for a role that does not exist with the same AccessDenied text.";
      role_arn_evidence(c);
      c.fix = "Use the role's ARN exactly as `aws iam get-role --role-name NAME --query Role.Arn` prints it, "
              "in " + caller_noun(format_) + " (" + caller_label(format_, "role_arn") + ").";
      add(std::move(c));
    }
    // The error speaks of another role than the caller or the pasted policy.
    auto differs = [&](const std::string& other) {
      return !other.empty() && other != arn && !looks_redacted(other) && !looks_redacted(arn) &&
             split_arn(other).ok;
    };
    if (err_ && err_->resource.present() && caller_ && differs(caller_->role_arn) &&
        err_->resource.value != caller_->role_arn) {
      Cause c;
      c.id = kCauseRoleArnWrong;
      c.confidence = 0.6;
      c.title = "The error is about another role";
      c.explanation = "The error names " + quoted(err_->resource.value) + " but " + caller_noun(format_) +
                      " assumes " + quoted(caller_->role_arn) +
                      ": the failing call came from another profile, step or default.";
      c.evidence.push_back(ev_error("resource", err_->resource, "The error names " + err_->resource.value + "."));
      c.evidence.push_back(ev_caller("role_arn", "The caller assumes " + caller_->role_arn + "."));
      c.fix = "Check which profile or step actually ran (--profile, AWS_PROFILE, role-to-assume).";
      add(std::move(c));
    }
    if (pol_ && differs(pol_->role_arn) && pol_->role_arn != arn) {
      Cause c;
      c.id = kCauseRoleArnWrong;
      c.confidence = 0.6;
      c.title = "The pasted trust policy belongs to another role";
      c.explanation = "The trust policy comes from " + quoted(pol_->role_arn) + " but the call is for " +
                      quoted(arn) + ".";
      c.evidence.push_back(ev_policy(pol_->pointer, {}, "The policy is the trust policy of " + pol_->role_arn + "."));
      role_arn_evidence(c);
      c.fix = "Assume " + pol_->role_arn + ", or paste the trust policy of " + arn + ".";
      add(std::move(c));
    }
    // A session of role R asking to assume R again (aws-actions/configure-aws-credentials#1219).
    if (principal_.kind == CallerKind::AssumedRole && p.ok && p.resource.rfind("role/", 0) == 0) {
      const std::string role_name = p.resource.substr(p.resource.rfind('/') + 1);
      if (role_name == principal_.name && principal_.account == p.account) {
        Cause c;
        c.id = kCauseRoleArnWrong;
        c.confidence = 0.55;
        c.title = "The caller is already this role";
        c.explanation = "The caller is a session of " + role_name +
                        " and asks to assume the same role again. A role only trusts itself if its trust "
                        "policy names it, and usually you do not need to assume it a second time.";
        role_arn_evidence(c);
        c.fix = "Drop the second assume-role step (e.g. --role-arn in `aws eks update-kubeconfig`), or add the "
                "role's own ARN to its trust policy if the chaining is intended.";
        add(std::move(c));
      }
    }
  }

  void role_arn_evidence(Cause& c) const {
    if (caller_ && caller_->field("role_arn"))
      c.evidence.push_back(ev_caller("role_arn", "The caller assumes " + caller_->role_arn + "."));
    if (err_ && err_->resource.present())
      c.evidence.push_back(ev_error("resource", err_->resource, "The error names " + err_->resource.value + "."));
  }

  void from_root() {
    const bool root = principal_.kind == CallerKind::Root ||
                      (!d_.caller_arn.empty() && d_.caller_arn.size() > 5 &&
                       d_.caller_arn.compare(d_.caller_arn.size() - 5, 5, ":root") == 0);
    if (!root || kind_ == ErrorKind::RootCaller) return;
    Cause c = root_cause();
    c.confidence = 0.9;
    if (err_ && err_->caller.present())
      c.evidence.push_back(ev_error("caller", err_->caller, "The caller is the root user " + err_->caller.value + "."));
    add(std::move(c));
  }

  Cause root_cause() const {
    Cause c;
    c.id = kCauseRootCaller;
    c.title = "Root user credentials cannot assume roles";
    c.explanation = "STS refuses AssumeRole from an account's root user before reading any policy "
                    "(\"Roles may not be assumed by root accounts.\"). `aws sts get-caller-identity` shows "
                    "...:root for such credentials.";
    c.fix = "Create an IAM user or use an IAM Identity Center / role session, and call from its credentials "
            "instead of the root user's access keys.";
    return c;
  }

  // ---- the simulator ----------------------------------------------------------------------
  void simulate_if_possible() {
    if (!pol_ || d_.caller_arn.empty() || principal_.kind == CallerKind::Unknown) return;
    if (looks_redacted(principal_.account) && !principal_.account.empty()) return;
    CallParameters call;
    if (caller_) {
      call = call_parameters(*caller_);
      // A profile with mfa_serial makes the CLI/SDK prompt for the code at run time.
      if (!call.mfa_serial.empty() && call.token_code.empty()) call.token_code = "000000";
    }
    call.action = "sts:" + operation_;
    SimulationInput in;
    in.trust_policy = *pol_;
    const RequestContext ctx = make_request_context(d_.caller_arn, d_.role_arn, call);
    d_.simulation = simulate(in, ctx);
    if (!d_.simulation.ok()) return;
    d_.simulated = true;
    d_.decision = decision_name(d_.simulation.decision);
  }

  // ---- per error kind ---------------------------------------------------------------------
  void root_error() {
    Cause c = root_cause();
    c.confidence = 0.98;
    error_evidence(c);
    add(std::move(c));
  }

  void credentials_invalid() {
    Cause c;
    c.id = kCauseCredentialsInvalid;
    c.confidence = 0.95;
    c.title = "The credentials that call STS are not valid";
    c.explanation = "STS did not accept the access key, session token or signature of the credentials making the "
                    "call, before looking at any policy. Common reasons: a deleted or deactivated access key, a "
                    "temporary key (ASIA...) without its session token, a stale AWS_* environment variable "
                    "overriding the profile, or a regional STS endpoint in a region not enabled for the account.";
    error_evidence(c);
    if (caller_) {
      if (caller_->field("aws_access_key_id") && !caller_->field("aws_session_token"))
        c.evidence.push_back(ev_caller("aws_access_key_id",
                                       "Static keys are set without aws_session_token; a temporary key needs one."));
      if (!caller_->source_profile.empty())
        c.evidence.push_back(ev_caller("source_profile", "The calling credentials come from profile " +
                                                             caller_->source_profile + "."));
    }
    c.fix = "Check `aws sts get-caller-identity` with the same profile/environment; rotate or re-enter the "
            "access key, add the session token for temporary keys, and unset stale AWS_ACCESS_KEY_ID / "
            "AWS_SESSION_TOKEN variables.";
    add(std::move(c));
  }

  void credentials_expired() {
    Cause c;
    c.id = kCauseCredentialsExpired;
    c.confidence = 0.95;
    const bool web = operation_ == "AssumeRoleWithWebIdentity";
    c.title = web ? "The web identity token has expired" : "The credentials that call STS have expired";
    c.explanation = web ? "The OIDC token passed to AssumeRoleWithWebIdentity is past its expiry; the token file "
                          "was not refreshed (or a CI token was reused after its lifetime)."
                        : "The session credentials making the AssumeRole call (an earlier role session, SSO or "
                          "GetSessionToken credentials) are past their expiry.";
    error_evidence(c);
    if (caller_ && caller_->field("web_identity_token_file"))
      c.evidence.push_back(ev_caller("web_identity_token_file", "The token is read from this file."));
    c.fix = web ? "Refresh the token before each call (request a new one from the identity provider, or let the "
                  "SDK re-read the token file)."
                : "Refresh the source credentials (aws sso login, a new session token) and retry; long jobs should "
                  "re-assume the role before the session ends.";
    add(std::move(c));
  }

  void malformed_policy_error() {
    Cause c;
    c.id = kCausePolicyMalformed;
    c.confidence = 0.95;
    c.title = "IAM refused the trust policy";
    c.explanation = "IAM did not save the trust policy, so the role keeps its old one. Trust policies cannot have "
                    "Resource/NotResource, and every principal must exist when the policy is saved.";
    error_evidence(c);
    if (d_.simulated)
      for (const std::string& p : d_.simulation.policy_problems) c.evidence.push_back({kInputPolicy, "", {}, p});
    if (pol_)
      for (const Statement& s : pol_->statements) {
        if (s.resource.present || s.not_resource.present) {
          const StringList& r = s.resource.present ? s.resource : s.not_resource;
          c.evidence.push_back(ev_policy(r.pointer, r.location, "Statement " + std::to_string(s.index) +
                                                                    " has a Resource element."));
        }
        for (const PrincipalEntry& e : s.principal.entries)
          for (std::size_t i = 0; i < e.values.values.size(); ++i) {
            const std::string& v = e.values.values[i];
            if (!v.empty() && (std::isspace(static_cast<unsigned char>(v.front())) ||
                               std::isspace(static_cast<unsigned char>(v.back()))))
              c.evidence.push_back(ev_policy(e.values.pointers[i], e.values.locations[i],
                                             "Principal " + quoted(v) + " has leading or trailing blanks."));
          }
      }
    if (err_ && err_->message.present() && err_->message.value.find("Invalid principal") != std::string::npos)
      c.explanation += " \"Invalid principal\" means a principal in the policy does not exist (deleted user or "
                       "role, wrong account id or a typo); IAM checks this on save.";
    c.fix = "Remove what IAM refuses (see the fixed policy), check that every principal ARN exists, and save again.";
    add(std::move(c));
  }

  void parameter_invalid() {
    const std::string param = err_ && err_->parameter.present() ? err_->parameter.value : "";
    const std::string p = lower(param);
    std::string field = p == "externalid"        ? "external_id"
                        : p == "rolesessionname" ? "session_name"
                        : p == "sourceidentity"  ? "source_identity"
                        : p == "serialnumber"    ? "mfa_serial"
                        : p == "tokencode"       ? "token_code"
                        : p == "durationseconds" ? "duration_seconds"
                        : p == "rolearn"         ? "role_arn"
                                                 : "";
    Cause c;
    c.id = kCauseParameterInvalid;
    c.confidence = 0.95;
    c.title = param.empty() ? "STS refused a parameter" : "STS refused " + param;
    c.explanation = "STS (or the SDK before sending) rejected the value of " +
                    (param.empty() ? std::string("a parameter") : param) +
                    (err_ && err_->constraint.present() ? ": " + err_->constraint.value : std::string()) + ".";
    if (field == "external_id")
      c.explanation += " An ExternalId must be 2-1224 characters of letters, digits and +=,.@:/_- (no spaces); "
                       "an empty one is refused too, so do not send the parameter at all if the role needs none.";
    if (err_ && err_->parameter.present())
      c.evidence.push_back(ev_error("parameter", err_->parameter, "The rejected parameter is " + param + "."));
    if (err_ && err_->constraint.present())
      c.evidence.push_back(ev_error("constraint", err_->constraint, err_->constraint.value));
    if (!field.empty() && caller_ && caller_->field(field))
      c.evidence.push_back(ev_caller(field, caller_label(format_, field) + " is set here."));
    c.fix = field.empty() ? "Correct the parameter named in the error." : fix_for_field(field);
    add(std::move(c));
  }

  void duration() {
    Cause c;
    c.id = kCauseDurationTooLong;
    c.confidence = 0.95;
    c.title = "The requested session is longer than the role allows";
    c.explanation = "DurationSeconds is above the role's MaxSessionDuration (1 hour unless raised, at most 12 "
                    "hours), or above 1 hour while role chaining (assuming a role from a role session).";
    error_evidence(c);
    if (caller_ && caller_->field("duration_seconds"))
      c.evidence.push_back(ev_caller("duration_seconds", "The caller asks for " +
                                                             std::to_string(caller_->duration_seconds) + " seconds."));
    c.fix = fix_for_field("duration_seconds");
    add(std::move(c));
  }

  void mfa_error() {
    Cause c;
    c.id = kCauseMfaRequired;
    c.confidence = 0.95;
    c.title = "The MFA code or device was refused";
    c.explanation = "STS could not validate the MFA code: a code already used (each TOTP code works once), a "
                    "clock out of sync, or a serial number that is not the MFA device of the calling user.";
    error_evidence(c);
    if (caller_ && caller_->field("mfa_serial")) {
      const std::string& serial = caller_->mfa_serial;
      std::string note = "The MFA device is " + serial + ".";
      if (serial.find(":user/") != std::string::npos) {
        note = "The serial " + serial + " is a user ARN; an MFA device ARN looks like arn:aws:iam::ACCOUNT:mfa/NAME.";
        c.confidence = 0.97;
        std::string fixed = serial;
        fixed.replace(fixed.find(":user/"), 6, ":mfa/");
        d_.caller_fix.mfa_serial = fixed;
        d_.caller_fix_reasons.push_back("An MFA serial number is the device ARN (:mfa/NAME), not the user ARN.");
      }
      c.evidence.push_back(ev_caller("mfa_serial", note));
    }
    c.fix = d_.caller_fix.mfa_serial.empty()
                ? "Wait for a fresh code and retry; check the device ARN with `aws iam list-mfa-devices`."
                : "Use the MFA device ARN " + d_.caller_fix.mfa_serial + " (see the fixed caller).";
    add(std::move(c));
  }

  // sts:TagSession / sts:SetSourceIdentity: the trust policy must allow the extra action
  // too (id_session-tags.md, id_credentials_temp_control-access_monitor.md).
  void extra_action(const std::string& action) {
    const bool tag = action == "sts:TagSession";
    Cause c;
    c.id = tag ? kCauseTagSessionNotAllowed : kCauseSourceIdentityNotAllowed;
    c.confidence = 0.9;
    c.title = tag ? "Session tags are sent but the trust policy does not allow sts:TagSession"
                  : "A source identity is sent but the trust policy does not allow sts:SetSourceIdentity";
    c.explanation = std::string("Passing ") + (tag ? "session tags" : "a source identity") +
                    " makes STS also check " + action + " against the role's trust policy" +
                    (tag ? " (aws-actions/configure-aws-credentials tags sessions by default; aws-vault and "
                           "profiles with tags do too)"
                         : " (with role chaining, a source identity set earlier is passed on automatically)") +
                    ".";
    error_evidence(c);
    int statement = -1;
    bool allowed_somewhere = false;
    if (pol_) {
      for (const Statement& s : pol_->statements) {
        if (s.effect != "Allow") continue;
        const bool has = std::any_of(s.action.values.begin(), s.action.values.end(), [&](const std::string& a) {
          const std::string l = lower(a);
          return l == lower(action) || l == "sts:*" || l == "*";
        });
        if (has) {
          allowed_somewhere = true;
          c.evidence.push_back(ev_policy(s.action.pointer, s.action.location,
                                         "Statement " + std::to_string(s.index) + " allows " + action +
                                             (s.condition.present ? " under conditions." : ".")));
        }
      }
      statement = statement_granting_caller();
      if (!allowed_somewhere && statement >= 0) {
        const Statement& s = pol_->statements[static_cast<std::size_t>(statement)];
        c.evidence.push_back(ev_policy(s.action.pointer, s.action.location,
                                       "Statement " + std::to_string(statement) + " allows " +
                                           join(s.action.values) + " but not " + action + "."));
        d_.policy_edits.push_back({"add-action", statement, "", action,
                                   "Statement " + std::to_string(statement) + ": added " + action + " to Action."});
        c.confidence = 0.97;
      } else if (allowed_somewhere) {
        c.confidence = 0.5;
        Cause cond;
        cond.id = kCauseConditionNotMet;
        cond.confidence = 0.6;
        cond.title = "The statement allowing " + action + " has a condition the call does not meet";
        cond.explanation = "The trust policy allows " + action + ", but only under conditions (for example "
                           "aws:RequestTag or sts:SourceIdentity values) that this call does not satisfy.";
        cond.fix = "Compare the tags / source identity the caller sends with the statement's conditions.";
        add(std::move(cond));
      }
    }
    if (caller_ && tag && !caller_->tags.empty())
      c.evidence.push_back(ev_caller("tags", "The caller sends " + std::to_string(caller_->tags.size()) + " session tag(s)."));
    if (caller_ && !tag && caller_->field("source_identity"))
      c.evidence.push_back(ev_caller("source_identity", "The caller sends a source identity."));
    if (tag && format_ == "github-actions")
      c.fix = "Add sts:TagSession to the trust statement (see the fixed policy), or set "
              "role-skip-session-tagging: true in the workflow step if nothing uses the tags.";
    else
      c.fix = "Add " + action + " to the Action of the statement that trusts the caller (see the fixed policy), "
              "or stop sending " + (tag ? "session tags." : "a source identity.");
    add(std::move(c));
  }

  void oidc_provider() {
    Cause c;
    c.id = kCauseOidcProviderMissing;
    c.confidence = 0.95;
    c.title = "The account has no IAM OIDC provider for this issuer";
    const std::string url = err_ && err_->oidc_provider.present() ? err_->oidc_provider.value : "";
    c.explanation = "STS looks up an IAM OpenID Connect provider whose URL equals the token's issuer" +
                    (url.empty() ? std::string() : " (" + url + ")") +
                    " in the role's account, and found none (or could not verify its keys/thumbprint). The URL "
                    "must match exactly, path included (GitHub Enterprise uses https://HOST/_services/token).";
    if (err_ && err_->oidc_provider.present())
      c.evidence.push_back(ev_error("oidc_provider", err_->oidc_provider, "The token's issuer is " + url + "."));
    if (pol_)
      for (const Statement& s : pol_->statements)
        for (const PrincipalEntry& e : s.principal.entries)
          if (e.type == "Federated")
            for (std::size_t i = 0; i < e.values.values.size(); ++i)
              c.evidence.push_back(ev_policy(e.values.pointers[i], e.values.locations[i],
                                             "The trust policy trusts " + e.values.values[i] + "."));
    std::string host = url;
    if (host.rfind("https://", 0) == 0) host = host.substr(8);
    c.fix = "Create the provider in the role's account: aws iam create-open-id-connect-provider --url " +
            (url.empty() ? std::string("https://ISSUER") : url) +
            " --client-id-list sts.amazonaws.com, and make the trust policy's Federated principal "
            "arn:aws:iam::ACCOUNT:oidc-provider/" + (host.empty() ? std::string("ISSUER") : host) + ".";
    add(std::move(c));
  }

  void oidc_audience() {
    Cause c;
    c.id = kCauseOidcAudMismatch;
    c.confidence = 0.95;
    c.title = "The token's audience is not a client id of the OIDC provider";
    c.explanation = "STS compares the token's aud claim with the IAM OIDC provider's client id list. GitHub's "
                    "configure-aws-credentials requests aud = sts.amazonaws.com (note: .amazonaws.com, not "
                    ".amazon.com); EKS IRSA uses sts.amazonaws.com too.";
    error_evidence(c);
    for (const auto& [pointer, at, value] : condition_values(":aud"))
      c.evidence.push_back(ev_policy(pointer, at, "The trust policy expects aud = " + value + "."));
    c.fix = "Add the token's audience to the provider: aws iam add-client-id-to-open-id-connect-provider "
            "--open-id-connect-provider-arn ARN --client-id sts.amazonaws.com, and keep the policy's :aud "
            "condition equal to it.";
    add(std::move(c));
  }

  struct CondValue {
    std::string pointer;
    SourceLocation location;
    std::string value;
  };
  // Every value of every condition whose key ends with `suffix` (case-insensitive).
  std::vector<CondValue> condition_values(std::string_view suffix) const {
    std::vector<CondValue> out;
    if (!pol_) return out;
    for (const Statement& s : pol_->statements)
      for (const Condition& c : s.condition.conditions)
        if (key_ends(lower(c.key), suffix))
          for (std::size_t i = 0; i < c.values.values.size(); ++i)
            out.push_back({i < c.values.pointers.size() ? c.values.pointers[i] : c.pointer,
                           i < c.values.locations.size() ? c.values.locations[i] : c.location, c.values.values[i]});
    return out;
  }

  void web_identity() {
    federated_common("sts:AssumeRoleWithWebIdentity", "oidc-provider/");
    // Which claim conditions the policy has, and how suspicious they look.
    double sub = 0.55, aud = 0.3;
    Cause s;
    s.id = kCauseOidcSubMismatch;
    s.title = "The token's sub claim does not match the trust policy";
    s.explanation = "The sub claim must match the policy's :sub condition exactly (case-sensitive: "
                    "repo:Org/Repo differs from repo:org/repo). For GitHub it is repo:ORG/REPO:ref:refs/heads/"
                    "BRANCH, repo:ORG/REPO:environment:NAME when the job uses an environment, or "
                    "repo:ORG/REPO:pull_request; repositories created after 2026-07-15 use the immutable form "
                    "repo:ORG@ORG_ID/REPO@REPO_ID:... . Check: print the token's claims in the job and compare.";
    if (pol_)
      for (const Statement& st : pol_->statements)
        for (const Condition& c : st.condition.conditions) {
          const std::string k = lower(c.key);
          if (!key_ends(k, ":sub")) continue;
          const std::string base = c.op.base;
          for (std::size_t i = 0; i < c.values.values.size(); ++i) {
            const std::string& v = c.values.values[i];
            const std::string ptr = i < c.values.pointers.size() ? c.values.pointers[i] : c.pointer;
            const SourceLocation at = i < c.values.locations.size() ? c.values.locations[i] : c.location;
            if (base.find("Like") == std::string::npos && has_wildcard(v)) {
              sub = std::max(sub, 0.9);
              s.evidence.push_back(ev_policy(ptr, at, c.op.written + " treats \"*\" in " + quoted(v) +
                                                          " as a literal character, so no token matches; use StringLike."));
            } else {
              s.evidence.push_back(ev_policy(ptr, at, "The policy expects sub " + c.op.written + " " + quoted(v) + "."));
            }
          }
          if (c.op.set_qualifier == "ForAllValues" || c.op.set_qualifier == "ForAnyValue")
            s.evidence.push_back(ev_policy(c.pointer, c.location, c.op.written +
                                                                      " on the single-valued sub claim: use the operator without the set qualifier."));
        }
    Cause a;
    a.id = kCauseOidcAudMismatch;
    a.title = "The token's aud claim does not match the trust policy";
    a.explanation = "The policy's :aud condition must equal the audience the token was requested for "
                    "(sts.amazonaws.com for GitHub's official action and EKS).";
    const std::vector<CondValue> auds = condition_values(":aud");
    // Without an :aud condition the policy cannot reject the audience; only the provider's
    // client id list can, and that fails with "Incorrect token audience" instead.
    if (pol_ && auds.empty()) aud = 0.1;
    for (const CondValue& v : auds) {
      if (v.value != "sts.amazonaws.com") aud = std::max(aud, 0.6);
      a.evidence.push_back(ev_policy(v.pointer, v.location, "The policy expects aud = " + quoted(v.value) + "."));
    }
    s.confidence = sub;
    s.fix = "Set the :sub condition to the exact claim (StringLike with * only where you mean any value), "
            "e.g. repo:ORG/REPO:ref:refs/heads/main; see the fixed policy.";
    a.confidence = aud;
    a.fix = "Make the :aud condition sts.amazonaws.com (and the provider's client id list contain it).";
    error_evidence(s);
    add(std::move(s));
    add(std::move(a));
    Cause p;
    p.id = kCauseOidcProviderMissing;
    p.confidence = 0.1;
    p.title = "The Federated principal is not the provider the token comes from";
    p.explanation = "The trust policy's Federated principal must be the provider ARN of the token's issuer in "
                    "this account (a missing provider usually gives \"No OpenIDConnect provider found\").";
    p.fix = "Check `aws iam list-open-id-connect-providers` against the policy's Federated principal.";
    add(std::move(p));
  }

  void saml() {
    federated_common("sts:AssumeRoleWithSAML", "saml-provider/");
    Cause a;
    a.id = kCauseSamlAudMismatch;
    a.confidence = 0.45;
    a.title = "SAML:aud does not match the assertion's recipient";
    a.explanation = "For console sign-in the assertion's audience is https://signin.aws.amazon.com/saml; the "
                    "trust policy's SAML:aud must equal it (regional sign-in endpoints differ).";
    for (const CondValue& v : condition_values("saml:aud")) {
      if (v.value != "https://signin.aws.amazon.com/saml") a.confidence = 0.75;
      a.evidence.push_back(ev_policy(v.pointer, v.location, "The policy expects SAML:aud = " + quoted(v.value) + "."));
    }
    a.fix = "Set SAML:aud to https://signin.aws.amazon.com/saml (or the regional endpoint the IdP posts to).";
    error_evidence(a);
    add(std::move(a));
    Cause c;
    c.id = kCauseConditionNotMet;
    c.confidence = 0.3;
    c.title = "Another SAML attribute condition fails";
    c.explanation = "Conditions on SAML:sub, SAML:iss or custom attributes must match the assertion; check the "
                    "assertion's attributes (browser SAML tracer) against the policy.";
    c.fix = "Align the statement's SAML:* conditions with the assertion.";
    add(std::move(c));
  }

  // Shared by web identity and SAML: is there a Federated statement for this action at all?
  void federated_common(const std::string& action, const std::string& arn_marker) {
    if (!pol_) return;
    bool federated = false, allows_action = false;
    int first = -1;
    for (const Statement& s : pol_->statements) {
      if (s.effect != "Allow") continue;
      bool fed = false;
      for (const PrincipalEntry& e : s.principal.entries)
        if (e.type == "Federated")
          for (const std::string& v : e.values.values)
            if (arn_marker == "saml-provider/" ? v.find(arn_marker) != std::string::npos
                                               : v.find("saml-provider/") == std::string::npos)
              fed = true;
      if (!fed) continue;
      federated = true;
      if (first < 0) first = static_cast<int>(s.index);
      const bool has = std::any_of(s.action.values.begin(), s.action.values.end(), [&](const std::string& a) {
        const std::string l = lower(a);
        return l == lower(action) || l == "sts:*" || l == "*";
      });
      if (has) allows_action = true;
    }
    if (!federated) {
      Cause c;
      c.id = kCausePrincipalNotTrusted;
      c.confidence = 0.85;
      c.title = "The trust policy does not trust an identity provider";
      c.explanation = "No Allow statement has a Federated principal for " +
                      std::string(arn_marker == "saml-provider/" ? "a SAML provider" : "an OIDC provider") +
                      ", so " + action + " can never be allowed.";
      c.fix = "Add a statement with Principal {\"Federated\": \"arn:aws:iam::ACCOUNT:" + arn_marker +
              "...\"} and Action " + action + ".";
      add(std::move(c));
    } else if (!allows_action && first >= 0) {
      const Statement& s = pol_->statements[static_cast<std::size_t>(first)];
      Cause c;
      c.id = kCausePrincipalNotTrusted;
      c.confidence = 0.85;
      c.title = "The federated statement does not allow " + action;
      c.explanation = "Statement " + std::to_string(first) + " trusts the identity provider but its Action is " +
                      join(s.action.values) + ".";
      c.evidence.push_back(ev_policy(s.action.pointer, s.action.location, c.explanation));
      d_.policy_edits.push_back({"add-action", first, "", action,
                                 "Statement " + std::to_string(first) + ": added " + action + " to Action."});
      c.fix = "Add " + action + " to statement " + std::to_string(first) + "'s Action (see the fixed policy).";
      add(std::move(c));
    }
  }

  // The classic AccessDenied, and the "no role trust policy" / "explicit deny" variants.
  void access_denied() {
    const std::string denial = err_ ? err_->denial : "";
    const std::string type = err_ && err_->policy_type.present() ? lower(err_->policy_type.value) : "";
    if (denial == "explicit-deny" && type != "role trust") {
      Cause c;
      c.id = kCauseExplicitDeny;
      c.confidence = 0.95;
      c.title = "An explicit Deny in a " + err_->policy_type.value + " policy";
      c.explanation = "AWS says a Deny statement in a " + err_->policy_type.value +
                      " policy matched. A Deny wins over every Allow; nothing in the trust policy can override "
                      "it. (SCP denials may be reported as explicit even when no SCP allows the action.)";
      c.evidence.push_back(ev_error("policy_type", err_->policy_type, "The error names a " + err_->policy_type.value + " policy."));
      c.fix = "Find the Deny in the caller's " + err_->policy_type.value +
              " policy (for SCPs: the organization's policies on the caller's account/OU) and exempt this call.";
      add(std::move(c));
      return;
    }
    if (denial == "no-policy-allows" && type != "role trust" && !type.empty()) {
      Cause c = caller_policy_cause();
      c.confidence = 0.9;
      c.evidence.push_back(ev_error("policy_type", err_->policy_type, "AWS says no " + err_->policy_type.value +
                                                                          " policy allows the call."));
      add(std::move(c));
      return;
    }
    if (d_.simulated) {
      from_simulation(denial == "explicit-deny", denial == "no-policy-allows");
    } else {
      enumerate_without_policy(denial);
    }
  }

  Cause caller_policy_cause() const {
    Cause c;
    c.id = kCauseCallerPolicyMissing;
    c.title = "The caller's own policies do not allow sts:AssumeRole on the role";
    c.explanation = "Cross-account (or when the trust policy names only the account), the caller's identity "
                    "policies must also allow sts:AssumeRole on the role ARN, and no SCP or permissions boundary "
                    "may block it. We cannot see those policies: check with `aws iam simulate-principal-policy "
                    "--policy-source-arn " +
                    (d_.caller_arn.empty() ? std::string("CALLER_ARN") : d_.caller_arn) +
                    " --action-names sts:AssumeRole --resource-arns " +
                    (d_.role_arn.empty() ? std::string("ROLE_ARN") : d_.role_arn) +
                    "` (for a role session use the role's ARN).";
    c.fix = "Attach to the caller an identity policy allowing \"sts:AssumeRole\" on \"" +
            (d_.role_arn.empty() ? std::string("ROLE_ARN") : d_.role_arn) + "\".";
    return c;
  }

  // Which Allow statement would admit the caller if only its conditions held.
  int statement_granting_caller() const {
    if (d_.simulated) {
      for (const StatementReason& r : d_.simulation.reasons)
        if (r.policy == std::string(kPolicyTrust) && r.effect == "Allow" && !r.principal_match.empty())
          return static_cast<int>(r.statement);
    }
    if (!pol_) return -1;
    for (const Statement& s : pol_->statements)
      if (s.effect == "Allow") return static_cast<int>(s.index);
    return -1;
  }

  void from_simulation(bool explicit_in_trust, bool trust_says_no_allow) {
    const SimulationResult& sim = d_.simulation;
    const std::string action = "sts:" + operation_;
    std::vector<const StatementReason*> near, denies;
    for (const StatementReason& r : sim.reasons) {
      if (r.policy != std::string(kPolicyTrust)) continue;
      if (lower(r.action) != lower(action)) continue;
      if (r.effect == "Deny" && r.matched) denies.push_back(&r);
      if (r.effect == "Allow" && !r.matched && r.failed_element == "condition") near.push_back(&r);
    }
    const double base = kind_ == ErrorKind::Unknown ? 0.9 : 0.95;
    if (sim.trust_decision == Decision::ExplicitlyDenied || explicit_in_trust) {
      Cause c;
      c.id = kCauseExplicitDeny;
      c.confidence = denies.empty() ? 0.7 : base;
      c.title = "A Deny statement in the trust policy matches the call";
      c.explanation = "A Deny wins over every Allow.";
      for (const StatementReason* r : denies) c.evidence.push_back(ev_policy(r->pointer, r->location, r->message));
      c.fix = "Narrow the Deny statement's conditions so they do not cover this caller (we do not remove Deny "
              "statements automatically).";
      add(std::move(c));
    }
    if (sim.trust_decision == Decision::Allowed) {
      trust_allows();
      return;
    }
    if (sim.trust_decision == Decision::ExplicitlyDenied) return;
    if (!near.empty()) {
      for (const StatementReason* r : near)
        for (const ConditionOutcome& o : r->conditions)
          if (!o.matched) condition_cause(*r, o, base);
    } else {
      principal_not_trusted(base, trust_says_no_allow);
    }
    // The classic text cannot rule out the caller's side; say so, lower.
    if (sim.caller_side_required && err_ && err_->denial != "no-policy-allows") {
      Cause c = caller_policy_cause();
      c.confidence = 0.25;
      c.explanation = "Once the trust policy admits the call, the caller's side must allow it too. " + c.explanation;
      add(std::move(c));
    }
    role_arn_alternative(0.1);
  }

  void role_arn_alternative(double confidence) {
    if (!err_ || kind_ != ErrorKind::AssumeRoleAccessDenied) return;
    Cause c;
    c.id = kCauseRoleArnWrong;
    c.confidence = confidence;
    c.title = "The role may not exist under this ARN";
    c.explanation = "STS gives the same AccessDenied for a role that does not exist (a typo, the wrong account, "
                    "or a role deleted and re-created). Check with `aws iam get-role --role-name NAME` in the "
                    "role's account.";
    role_arn_evidence(c);
    c.fix = "Compare the ARN with `aws iam get-role --role-name NAME --query Role.Arn`.";
    add(std::move(c));
  }

  void trust_allows() {
    const SimulationResult& sim = d_.simulation;
    const bool aws_blames_trust = err_ && err_->policy_type.present() && lower(err_->policy_type.value) == "role trust";
    if (aws_blames_trust) {
      // AWS says the role's trust policy refused, yet the pasted one admits the call: the
      // role evaluated is not this policy (another role, or an unsaved/older version).
      Cause c;
      c.id = kCauseRoleArnWrong;
      c.confidence = 0.6;
      c.title = "The role's trust policy is not the one pasted";
      c.explanation = "AWS says no role trust policy allows the call, but the pasted policy does (" + sim.summary +
                      "). Either the call goes to another role, or the role's saved trust policy differs. Check "
                      "with `aws iam get-role --role-name NAME --query Role.AssumeRolePolicyDocument`.";
      error_evidence(c);
      role_arn_evidence(c);
      c.fix = "Paste the output of `aws iam get-role` for the role in the error, or save this policy on it.";
      add(std::move(c));
      Cause k;
      k.id = kCauseConditionNotMet;
      k.confidence = 0.3;
      k.title = "A condition may depend on request values we cannot see";
      k.explanation = "Keys such as aws:SourceIp, aws:PrincipalOrgID, aws:PrincipalTag/* or aws:CurrentTime come "
                      "from the request, not from what was pasted.";
      k.fix = "Compare the statement's conditions with the request's real context.";
      add(std::move(k));
      return;
    }
    if (sim.caller_side_required || (err_ && err_->denial == "no-policy-allows")) {
      Cause c = caller_policy_cause();
      c.confidence = 0.7;
      c.explanation = "The trust policy allows this call (" + sim.summary + "), so the refusal comes from the "
                      "caller's side. " + c.explanation;
      add(std::move(c));
    } else {
      Cause c;
      c.id = kCauseExplicitDeny;
      c.confidence = 0.45;
      c.title = "An SCP or permissions boundary blocks the call";
      c.explanation = "The trust policy names the caller directly, which is enough in the same account; only a "
                      "Deny (or a missing Allow) in an SCP or the caller's permissions boundary can still block it.";
      c.fix = "Check the SCPs on the caller's account and the caller's permissions boundary.";
      add(std::move(c));
    }
    role_arn_alternative(0.35);
    if (!pol_->role_arn.empty()) return;
    Cause c;
    c.id = kCausePolicyMalformed;
    c.confidence = 0.15;
    c.title = "The pasted policy may not be the role's current trust policy";
    c.explanation = "If this policy was edited but never saved (or IAM refused it), the role still has its old one. "
                    "Check with `aws iam get-role --role-name NAME --query Role.AssumeRolePolicyDocument`.";
    c.fix = "Paste the output of `aws iam get-role` to compare.";
    add(std::move(c));
  }

  void principal_not_trusted(double base, bool aws_says_trust) {
    Cause c;
    c.id = kCausePrincipalNotTrusted;
    c.confidence = aws_says_trust ? 0.95 : base - 0.07;
    c.title = "The trust policy does not name the caller";
    c.explanation = "No Allow statement for " + ("sts:" + operation_) + " has a Principal that matches " +
                    d_.caller_arn + ".";
    if (principal_.kind == CallerKind::AssumedRole)
      c.explanation += " The caller is a role session: a trust policy matches it through the role ARN "
                       "(arn:aws:iam::" + principal_.account + ":role/" + principal_.name +
                       ") or the account, not through the session ARN's path.";
    if (principal_.kind == CallerKind::User)
      c.explanation += " User names in ARNs are case-sensitive.";
    int target = -1;
    bool action_missing_only = false;
    for (const StatementReason& r : d_.simulation.reasons) {
      if (r.policy != std::string(kPolicyTrust) || r.effect != "Allow") continue;
      if (lower(r.action) != lower("sts:" + operation_)) continue;
      c.evidence.push_back(ev_policy(r.pointer, r.location, r.message));
      if (r.failed_element == "action" && !r.principal_match.empty()) {
        action_missing_only = true;
        if (target < 0) target = static_cast<int>(r.statement);
      }
      if (target < 0 && r.failed_element == "principal") target = static_cast<int>(r.statement);
    }
    if (err_ && err_->caller.present())
      c.evidence.push_back(ev_error("caller", err_->caller, "The caller is " + err_->caller.value + "."));
    if (action_missing_only) {
      c.title = "The statement trusting the caller does not allow sts:" + operation_;
      d_.policy_edits.push_back({"add-action", target, "", "sts:" + operation_,
                                 "Statement " + std::to_string(target) + ": added sts:" + operation_ + " to Action."});
      c.fix = "Add sts:" + operation_ + " to statement " + std::to_string(target) + "'s Action (see the fixed policy).";
    } else if (target >= 0 && !principal_.principal_arn.empty() && is_account_id(principal_.account)) {
      const std::string who = principal_.principal_arn;
      d_.policy_edits.push_back({"add-principal", target, "AWS", who,
                                 "Statement " + std::to_string(target) + ": added " + who + " to Principal.AWS."});
      c.fix = "Add " + who + " to statement " + std::to_string(target) +
              "'s Principal (see the fixed policy); its conditions still apply to the caller.";
    } else {
      c.fix = "Add the caller's ARN (for a role session, the role's ARN) to the Principal of the trust statement.";
    }
    add(std::move(c));
  }

  // A failed condition of an Allow statement that otherwise matches the caller.
  void condition_cause(const StatementReason& r, const ConditionOutcome& o, double base) {
    const std::string k = lower(o.key);
    const std::string stmt = "Statement " + std::to_string(r.statement) + (r.sid.empty() ? "" : " (" + r.sid + ")");
    Cause c;
    c.evidence.push_back(ev_policy(o.pointer, o.location, stmt + ": " + o.op + " " + o.key + " " +
                                                              join_quoted(o.policy_values) + ". " + o.message));
    if (key_is(k, "sts:externalid")) {
      const std::string want = single_literal(o.policy_values);
      if (!o.key_present) {
        c.id = kCauseExternalIdMissing;
        c.confidence = base;
        c.title = "The caller does not send the ExternalId the trust policy requires";
        c.explanation = stmt + " only admits the call when sts:ExternalId " + o.op + " " +
                        join_quoted(o.policy_values) + ", and " + caller_noun(format_) + " sends no " +
                        caller_label(format_, "external_id") + ".";
        c.evidence.push_back(ev_caller("external_id", caller_noun(format_) + " has no " +
                                                          caller_label(format_, "external_id") + "."));
      } else {
        c.id = kCauseExternalIdMismatch;
        c.confidence = base;
        c.title = "The caller sends a different ExternalId";
        c.explanation = stmt + " requires sts:ExternalId " + o.op + " " + join_quoted(o.policy_values) +
                        " but the caller sends " + join_quoted(o.request_values) +
                        " (ExternalId comparison is case-sensitive).";
        c.evidence.push_back(ev_caller("external_id", "The caller sends " + join_quoted(o.request_values) + "."));
      }
      if (!want.empty() && sendable(want, 1224, true)) {
        set_external_id(want, "the trust policy requires this ExternalId");
        c.fix = (o.key_present ? "Replace the ExternalId with " : "Add ") + caller_label(format_, "external_id") +
                " " + quoted(want) + " to " + caller_noun(format_) + " (see the fixed caller).";
      } else if (!want.empty()) {
        c.fix = "The policy's ExternalId " + quoted(want) + " cannot be sent (STS allows 2-1224 characters of "
                "letters, digits and +=,.@:/_-): replace it in the policy and the caller (see the fixed policy).";
      } else {
        c.fix = "Send an ExternalId that satisfies " + o.op + " " + join_quoted(o.policy_values) + ".";
      }
    } else if (key_is(k, "aws:multifactorauthpresent") || key_is(k, "aws:multifactorauthage")) {
      c.id = kCauseMfaRequired;
      c.confidence = base;
      c.title = "The trust policy requires MFA";
      c.explanation = stmt + " requires " + o.key + " " + join_quoted(o.policy_values) +
                      ", and the call carries no MFA (long-term keys never do; AssumeRole gets MFA from "
                      "--serial-number and --token-code).";
      c.evidence.push_back(ev_caller("mfa_serial", caller_noun(format_) + " sends no MFA serial number and code."));
      if (caller_ && caller_->mfa_serial.empty() && principal_.kind == CallerKind::User &&
          is_account_id(principal_.account)) {
        const std::string serial = "arn:" + (principal_.partition.empty() ? std::string("aws") : principal_.partition) +
                                   ":iam::" + principal_.account + ":mfa/" + principal_.name;
        d_.caller_fix.mfa_serial = serial;
        d_.caller_fix_reasons.push_back("MFA serial " + serial +
                                        " is the console's default name for this user's virtual MFA device; check it "
                                        "with `aws iam list-mfa-devices`.");
        c.fix = "Send the MFA device and a current code: " + caller_label(format_, "mfa_serial") + " " + serial +
                (format_ == "aws-cli" ? " --token-code CODE" : "") + " (see the fixed caller).";
      } else {
        c.fix = "Send " + caller_label(format_, "mfa_serial") + " and a current token code.";
      }
    } else if (key_ends(k, ":sub") && k != "saml:sub") {
      c.id = kCauseOidcSubMismatch;
      c.confidence = base - 0.1;
      c.title = "The token's sub claim does not match";
      c.explanation = stmt + " requires " + o.key + " " + o.op + " " + join_quoted(o.policy_values) + ".";
      c.fix = "Align the :sub condition with the token's sub claim.";
    } else if (key_ends(k, ":aud") && k != "saml:aud") {
      c.id = kCauseOidcAudMismatch;
      c.confidence = base - 0.1;
      c.title = "The token's aud claim does not match";
      c.explanation = stmt + " requires " + o.key + " " + o.op + " " + join_quoted(o.policy_values) + ".";
      c.fix = "Use sts.amazonaws.com as the audience in the token request and the condition.";
    } else if (key_is(k, "saml:aud")) {
      c.id = kCauseSamlAudMismatch;
      c.confidence = base - 0.1;
      c.title = "SAML:aud does not match";
      c.explanation = stmt + " requires SAML:aud " + join_quoted(o.policy_values) + ".";
      c.fix = "Set SAML:aud to https://signin.aws.amazon.com/saml.";
    } else if (key_is(k, "aws:principalarn") || key_is(k, "aws:principalaccount") ||
               key_is(k, "aws:principaltype") || key_is(k, "aws:userid") || key_is(k, "aws:username")) {
      c.id = o.key_present ? kCausePrincipalNotTrusted : kCauseConditionNotMet;
      c.confidence = o.key_present ? base - 0.05 : 0.5;
      c.title = "The statement's " + o.key + " condition excludes the caller";
      c.explanation = stmt + " names the caller's account but narrows it with " + o.op + " " + o.key + " " +
                      join_quoted(o.policy_values) + "; " + o.message;
      c.fix = "Add the caller to that condition's values, or call from a principal it lists.";
    } else {
      c.id = kCauseConditionNotMet;
      c.confidence = o.key_present ? base - 0.1 : 0.55;
      c.title = "A condition of the trust policy is not met: " + o.key;
      c.explanation = stmt + " requires " + o.op + " " + o.key + " " + join_quoted(o.policy_values) + "; " +
                      o.message;
      if (!o.key_present)
        c.explanation += " We cannot see this value from what was pasted: check what your request carries.";
      if ((key_is(k, "sts:rolesessionname") || key_is(k, "sts:sourceidentity"))) {
        const bool session = key_is(k, "sts:rolesessionname");
        const std::string want = single_literal(o.policy_values);
        const std::string field = session ? "session_name" : "source_identity";
        c.evidence.push_back(ev_caller(field, caller_label(format_, field) + " is " +
                                                  (o.request_values.empty() ? std::string("not sent") : join_quoted(o.request_values)) + "."));
        if (!want.empty() && sendable(want, 64, false)) {
          (session ? d_.caller_fix.session_name : d_.caller_fix.source_identity) = want;
          d_.caller_fix_reasons.push_back(stmt + " requires " + o.key + " = " + quoted(want) + ".");
          c.fix = "Send " + caller_label(format_, field) + " " + quoted(want) + " (see the fixed caller).";
        }
      }
      if (c.fix.empty()) c.fix = o.satisfy.empty() ? "Meet the condition or relax it." : "To satisfy it: " + o.satisfy + ".";
    }
    error_evidence(c);
    add(std::move(c));
  }

  // The classic text and no simulation: enumerate, ranked by what the inputs show.
  void enumerate_without_policy(const std::string& denial) {
    const bool trust_named = denial == "no-policy-allows";  // "because no role trust policy allows"
    const bool cross = cross_account_;
    const std::string why_unsure =
        " The AccessDenied text is the same for every cause below; paste the role's trust policy (aws iam "
        "get-role --role-name NAME --query Role.AssumeRolePolicyDocument) to decide.";
    {
      Cause c;
      c.id = kCauseExternalIdMissing;
      const bool sends = sends_external_id();
      c.id = sends ? kCauseExternalIdMismatch : kCauseExternalIdMissing;
      c.confidence = sends ? 0.25 : (cross ? 0.45 : 0.25);
      if (trust_named) c.confidence += 0.05;
      c.title = sends ? "The ExternalId may not be the one the role expects"
                      : "The role may require an ExternalId the caller does not send";
      c.explanation = std::string(cross ? "Cross-account roles for third parties usually require sts:ExternalId. " : "") +
                      (caller_ ? caller_noun(format_) + (sends ? " sends an ExternalId; check it matches the policy's exactly."
                                                               : " sends none.")
                               : "Check whether the caller sends one.") +
                      why_unsure;
      if (caller_) c.evidence.push_back(ev_caller("external_id", sends ? "The caller sends an ExternalId." : "The caller sends no ExternalId."));
      if (!req_.external_id.empty()) {
        set_external_id(req_.external_id, "the ExternalId given");
        c.fix = "Send " + caller_label(format_, "external_id") + " " + quoted(req_.external_id) + " (see the fixed caller).";
      } else {
        c.fix = "Ask the role's owner for the ExternalId and send it with " + caller_label(format_, "external_id") + ".";
      }
      add(std::move(c));
    }
    {
      Cause c;
      c.id = kCausePrincipalNotTrusted;
      c.confidence = trust_named ? 0.6 : 0.35;
      c.title = "The trust policy may not name the caller";
      c.explanation = "The role's trust policy must name " +
                      (d_.caller_arn.empty() ? std::string("the caller") : d_.caller_arn) +
                      " (or its role, or its account)." + why_unsure;
      if (err_ && err_->caller.present())
        c.evidence.push_back(ev_error("caller", err_->caller, "The caller is " + err_->caller.value + "."));
      c.fix = "Add the caller's ARN (for a session, its role's ARN) to the trust policy's Principal.";
      add(std::move(c));
    }
    if (!trust_named) {
      Cause c = caller_policy_cause();
      c.confidence = cross ? 0.4 : 0.25;
      add(std::move(c));
    }
    {
      Cause c;
      c.id = caller_ && caller_->mfa_serial.empty() ? kCauseMfaRequired : kCauseConditionNotMet;
      c.confidence = 0.15;
      c.title = c.id == std::string(kCauseMfaRequired) ? "The role may require MFA"
                                                       : "A condition of the trust policy may not be met";
      c.explanation = "Trust statements often require aws:MultiFactorAuthPresent, a session name, source IP or "
                      "organization." + why_unsure;
      c.fix = "Compare the statement's Condition with what the call sends.";
      add(std::move(c));
    }
    role_arn_alternative(0.12);
  }

  void no_error() {
    // Without an error text, the simulator alone speaks (a policy check before deploying).
    if (!d_.simulated) return;
    if (d_.simulation.decision == Decision::Allowed) return;
    from_simulation(false, false);
  }

  // ---- fixes ------------------------------------------------------------------------------
  std::string wanted_external_id_from_policy() const {
    if (!pol_) return "";
    for (const Statement& s : pol_->statements) {
      if (s.effect != "Allow") continue;
      for (const Condition& c : s.condition.conditions)
        if (lower(c.key) == "sts:externalid" && c.op.base.rfind("StringEquals", 0) == 0 && c.values.values.size() == 1 &&
            sendable(c.values.values.front(), 1224, true))
          return c.values.values.front();
    }
    return "";
  }

  void set_external_id(const std::string& value, const std::string& why) {
    if (!d_.caller_fix.external_id.empty()) return;
    d_.caller_fix.external_id = value;
    d_.external_id = value;
    d_.caller_fix_reasons.push_back("ExternalId " + quoted(value) + ": " + why + ".");
  }

  static std::string single_literal(const std::vector<std::string>& values) {
    if (values.size() != 1 || has_wildcard(values.front()) || values.front().find("${") != std::string::npos) return "";
    return values.front();
  }
  static std::string join(const std::vector<std::string>& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
    return out.empty() ? "(none)" : out;
  }
  static std::string join_quoted(const std::vector<std::string>& v) {
    if (v.size() == 1) return quoted(v.front());
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + quoted(v[i]);
    return out + "]";
  }

  void finish() {
    if (d_.external_id.empty()) d_.external_id = !req_.external_id.empty() ? req_.external_id : wanted_external_id_from_policy();
    std::stable_sort(d_.causes.begin(), d_.causes.end(),
                     [](const Cause& a, const Cause& b) { return a.confidence > b.confidence; });
  }

  const DiagnoseRequest& req_;
  Diagnosis d_;
  const AwsError* err_ = nullptr;
  ErrorKind kind_ = ErrorKind::Unknown;
  const TrustPolicy* pol_ = nullptr;
  const CallerConfig* caller_ = nullptr;
  std::string format_;
  CallerPrincipal principal_;
  std::string role_account_, caller_account_, operation_;
  bool cross_account_ = false;
};

}  // namespace

Diagnosis diagnose(const DiagnoseRequest& request) {
  try {
    return Diagnoser(request).run();
  } catch (const std::exception&) {
    // Allocation failure only: an empty diagnosis is honest, a guess would not be.
    return Diagnosis{};
  }
}

}  // namespace stackengine
