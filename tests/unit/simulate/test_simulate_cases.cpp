// The simulator end to end: the documented oracle cases (../shared/oracle/cases, expectations
// written from the AWS docs), the issue's seed scenario, and the evaluation rules one by one.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "stackengine/simulate.hpp"

using namespace stackengine;
using Json = nlohmann::json;

namespace {

std::filesystem::path shared_dir() {
  if (const char* env = std::getenv("STACKENGINE_SHARED")) return env;
  return std::filesystem::path(SE_SOURCE_DIR) / ".." / "shared";
}

// An oracle case (see ../shared/oracle/README.md) as a text request.
SimulateTextRequest from_case(const Json& c) {
  SimulateTextRequest r;
  r.policy = c.at("trustPolicy").dump();
  r.principal = c.at("principal").get<std::string>();
  r.role_arn = c.value("resource", "");
  r.action = c.value("action", "");
  r.caller_policies_known = true;
  auto texts = [](const Json& list) {
    std::vector<std::string> out;
    for (const auto& p : list) out.push_back((p.is_object() && p.contains("policy") && !p.contains("Statement")) ? p["policy"].dump() : p.dump());
    return out;
  };
  if (c.contains("identityPolicies")) r.identity_policies = texts(c["identityPolicies"]);
  if (c.contains("scps")) r.scps = texts(c["scps"]);
  if (c.contains("permissionBoundaries") && !c["permissionBoundaries"].empty())
    r.permissions_boundary = texts(c["permissionBoundaries"]).front();
  if (c.contains("context"))
    for (const auto& [k, v] : c["context"].items()) {
      ContextEntry e{k, {}};
      if (v.is_array())
        for (const auto& x : v) e.values.push_back(x.is_string() ? x.get<std::string>() : x.dump());
      else
        e.values.push_back(v.is_string() ? v.get<std::string>() : v.dump());
      r.context.push_back(e);
    }
  return r;
}

std::string outcome(const SimulationResult& r) {
  if (!r.ok()) return "Error";
  if (!r.policy_problems.empty()) return "InvalidPolicy";
  return decision_name(r.decision);
}

const std::string kPolicyExternalId = R"({
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
    "Action": "sts:AssumeRole",
    "Condition": {"StringEquals": {"sts:ExternalId": "acme-prod-pipeline-x7f2"}}
  }]
})";

const std::string kAllowAssume = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]})";

SimulationResult run(const std::string& policy, const std::string& principal, const std::string& role_arn,
                     std::vector<ContextEntry> ctx = {}, std::vector<std::string> identity = {}, bool known = false,
                     CallParameters call = {}) {
  SimulateTextRequest r;
  r.policy = policy;
  r.principal = principal;
  r.role_arn = role_arn;
  r.context = std::move(ctx);
  r.identity_policies = std::move(identity);
  r.caller_policies_known = known;
  r.call = std::move(call);
  return simulate_text(r);
}

}  // namespace

TEST_CASE("all documented oracle cases agree with their AWS-documented expectation") {
  const auto dir = shared_dir() / "oracle" / "cases";
  if (!std::filesystem::exists(dir)) {
    MESSAGE("skipped: ../shared/oracle/cases not found (set STACKENGINE_SHARED)");
    return;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().extension() == ".json") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  CHECK(files.size() == 35);
  for (const auto& f : files) {
    std::ifstream in(f);
    const Json c = Json::parse(in);
    const SimulationResult r = simulate_text(from_case(c));
    CAPTURE(f.filename().string());
    CAPTURE(r.summary);
    CHECK(outcome(r) == c.at("expect").at("decision").get<std::string>());
  }
}

TEST_CASE("seed scenario: the missing ExternalId is named, with the value to send") {
  const SimulationResult r = run(kPolicyExternalId, "arn:aws:iam::123456789012:user/dev",
                                 "arn:aws:iam::987654321098:role/cross-account-role");
  REQUIRE(r.ok());
  CHECK(r.decision == Decision::ImplicitlyDenied);
  CHECK(r.decided_by == "trust-policy");
  CHECK_FALSE(r.same_account);
  REQUIRE(r.reasons.size() == 1);
  const StatementReason& s = r.reasons[0];
  CHECK(s.policy == "trust");
  CHECK(s.principal_match == "account");
  CHECK(s.failed_element == "condition");
  REQUIRE(s.conditions.size() == 1);
  CHECK_FALSE(s.conditions[0].key_present);
  CHECK(s.conditions[0].satisfy == "send sts:ExternalId = acme-prod-pipeline-x7f2");
  CHECK(s.conditions[0].pointer == "/Statement/0/Condition/StringEquals/sts:ExternalId");
  CHECK(s.conditions[0].location.line == 7);
  CHECK(s.satisfy == "send sts:ExternalId = acme-prod-pipeline-x7f2");
  CHECK(r.summary.find("sts:ExternalId") != std::string::npos);

  CallParameters call;
  call.external_id = "acme-prod-pipeline-x7f2";
  const SimulationResult ok = run(kPolicyExternalId, "arn:aws:iam::123456789012:user/dev",
                                  "arn:aws:iam::987654321098:role/cross-account-role", {}, {}, false, call);
  CHECK(ok.decision == Decision::Allowed);
  CHECK(ok.trust_grant == "account");
  CHECK_FALSE(ok.caller_evaluated);  // identity policies unknown: assumed to allow
}

TEST_CASE("cross-account needs both sides; same account depends on how the trust names the caller") {
  const std::string role = "arn:aws:iam::222222222222:role/Target";
  const std::string by_account = R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"222222222222"},"Action":"sts:AssumeRole"}]})";
  const std::string by_user = R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:user/bob"},"Action":"sts:AssumeRole"}]})";
  const std::string by_xuser = R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/alice"},"Action":"sts:AssumeRole"}]})";
  struct Row {
    const std::string* policy;
    const char* principal;
    std::vector<std::string> identity;
    Decision expected;
    const char* decided_by;
  };
  const std::vector<Row> rows = {
      {&by_account, "arn:aws:iam::222222222222:user/bob", {}, Decision::ImplicitlyDenied, "identity-policy"},
      {&by_account, "arn:aws:iam::222222222222:user/bob", {kAllowAssume}, Decision::Allowed, "identity-policy"},
      {&by_user, "arn:aws:iam::222222222222:user/bob", {}, Decision::Allowed, "trust-policy"},
      {&by_xuser, "arn:aws:iam::111111111111:user/alice", {}, Decision::ImplicitlyDenied, "identity-policy"},
      {&by_xuser, "arn:aws:iam::111111111111:user/alice", {kAllowAssume}, Decision::Allowed, "identity-policy"},
      {&by_user, "arn:aws:iam::222222222222:user/eve", {kAllowAssume}, Decision::ImplicitlyDenied, "trust-policy"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.principal);
    CAPTURE(*row.policy);
    const SimulationResult r = run(*row.policy, row.principal, role, {}, row.identity, true);
    CHECK(r.decision == row.expected);
    CHECK(r.decided_by == row.decided_by);
  }
}

TEST_CASE("principal forms") {
  const std::string role = "arn:aws:iam::222222222222:role/Target";
  auto trust = [](const std::string& principal, const std::string& action = "sts:AssumeRole") {
    return R"({"Statement":[{"Effect":"Allow","Principal":)" + principal + R"(,"Action":")" + action + R"("}]})";
  };
  struct Row {
    std::string principal_json;
    const char* caller;
    bool allowed;
    const char* match;
  };
  const std::vector<Row> rows = {
      {R"("*")", "arn:aws:iam::111111111111:user/a", true, "wildcard"},
      {R"({"AWS":"*"})", "arn:aws:iam::111111111111:user/a", true, "wildcard"},
      {R"({"AWS":"111111111111"})", "arn:aws:iam::111111111111:user/a", true, "account"},
      {R"({"AWS":"arn:aws:iam::111111111111:root"})", "arn:aws:sts::111111111111:assumed-role/R/s", true, "account"},
      {R"({"AWS":"arn:aws:iam::333333333333:root"})", "arn:aws:iam::111111111111:user/a", false, ""},
      {R"({"AWS":"arn:aws:iam::111111111111:role/team/Deployer"})", "arn:aws:sts::111111111111:assumed-role/Deployer/ci", true, "role"},
      {R"({"AWS":"arn:aws:iam::111111111111:role/Deployer"})", "arn:aws:sts::111111111111:assumed-role/Developer/ci", false, ""},
      {R"({"AWS":"arn:aws:sts::111111111111:assumed-role/Deployer/ci"})", "arn:aws:sts::111111111111:assumed-role/Deployer/ci", true, "exact"},
      {R"({"AWS":"arn:aws:sts::111111111111:assumed-role/Deployer/ci"})", "arn:aws:sts::111111111111:assumed-role/Deployer/other", false, ""},
      {R"({"AWS":"arn:aws:iam::111111111111:user/Alice"})", "arn:aws:iam::111111111111:user/alice", false, ""},
      {R"({"AWS":["arn:aws:iam::111111111111:user/x","arn:aws:iam::111111111111:user/alice"]})", "arn:aws:iam::111111111111:user/alice", true, "exact"},
      {R"({"AWS":"arn:aws:sts::111111111111:federated-user/bob"})", "arn:aws:sts::111111111111:federated-user/bob", true, "exact"},
      {R"({"Service":"lambda.amazonaws.com"})", "lambda.amazonaws.com", true, "service"},
      {R"({"Service":["ec2.amazonaws.com","lambda.amazonaws.com"]})", "lambda.amazonaws.com", true, "service"},
      {R"({"Service":"ec2.amazonaws.com"})", "lambda.amazonaws.com", false, ""},
      {R"({"AWS":"arn:aws:iam::222222222222:root"})", "lambda.amazonaws.com", false, ""},
      {R"({"CanonicalUser":"abc"})", "arn:aws:iam::111111111111:user/a", false, ""},
  };
  for (const auto& row : rows) {
    CAPTURE(row.principal_json);
    CAPTURE(row.caller);
    const SimulationResult r = run(trust(row.principal_json), row.caller, role);
    REQUIRE(r.ok());
    CHECK((r.decision == Decision::Allowed) == row.allowed);
    CHECK(r.reasons.at(0).principal_match == row.match);
    if (!row.allowed) CHECK(r.reasons.at(0).failed_element == "principal");
  }
  // Federated: the provider ARN, and the web-identity action by default.
  const std::string oidc = "arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com";
  SimulationResult w = run(trust(R"({"Federated":")" + oidc + R"("})", "sts:AssumeRoleWithWebIdentity"), oidc, role);
  CHECK(w.decision == Decision::Allowed);
  w = run(trust(R"({"Federated":"accounts.google.com"})", "sts:AssumeRoleWithWebIdentity"), "accounts.google.com", role);
  CHECK(w.decision == Decision::Allowed);
  w = run(trust(R"({"Federated":")" + oidc + R"("})", "sts:AssumeRole"), oidc, role);
  CHECK(w.decision == Decision::ImplicitlyDenied);
  CHECK(w.reasons.at(0).failed_element == "action");
}

TEST_CASE("NotPrincipal, explicit Deny first, Deny on the caller side") {
  const std::string role = "arn:aws:iam::222222222222:role/Target";
  const std::string deny_others = R"({"Statement":[
    {"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"},
    {"Effect":"Deny","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:user/alice"},"Action":"sts:AssumeRole"}]})";
  CHECK(run(deny_others, "arn:aws:iam::111111111111:user/alice", role, {}, {kAllowAssume}, true).decision == Decision::Allowed);
  SimulationResult r = run(deny_others, "arn:aws:iam::111111111111:user/bob", role, {}, {kAllowAssume}, true);
  CHECK(r.decision == Decision::ExplicitlyDenied);
  CHECK(r.decided_by == "trust-policy");
  CHECK(r.reasons.at(1).principal_match == "not-principal");

  const std::string id_deny = R"({"Statement":[{"Effect":"Deny","Action":"sts:*","Resource":"arn:aws:iam::*:role/Target"}]})";
  const std::string by_user = R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:user/bob"},"Action":"sts:AssumeRole"}]})";
  r = run(by_user, "arn:aws:iam::222222222222:user/bob", role, {}, {kAllowAssume, id_deny}, true);
  CHECK(r.decision == Decision::ExplicitlyDenied);
  CHECK(r.decided_by == "identity-policy");
  CHECK(r.caller_decision == Decision::ExplicitlyDenied);
  CHECK(r.trust_decision == Decision::Allowed);
}

TEST_CASE("SCPs and permissions boundaries") {
  const std::string role = "arn:aws:iam::222222222222:role/Target";
  const std::string by_role = R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/App"},"Action":"sts:AssumeRole"}]})";
  const std::string s3_only = R"({"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})";
  SimulateTextRequest req;
  req.policy = by_role;
  req.principal = "arn:aws:sts::222222222222:assumed-role/App/s";
  req.role_arn = role;
  req.caller_policies_known = true;
  CHECK(simulate_text(req).decision == Decision::Allowed);  // same account, role named: no identity policy needed
  req.permissions_boundary = s3_only;
  SimulationResult r = simulate_text(req);
  CHECK(r.decision == Decision::ImplicitlyDenied);
  CHECK(r.decided_by == "permissions-boundary");
  req.permissions_boundary.clear();
  req.scps = {s3_only};
  r = simulate_text(req);
  CHECK(r.decision == Decision::ImplicitlyDenied);
  CHECK(r.decided_by == "scp");
}

TEST_CASE("session tags and source identity need sts:TagSession / sts:SetSourceIdentity") {
  const std::string role = "arn:aws:iam::111111111111:role/Target";
  const std::string only_assume = R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/a"},"Action":"sts:AssumeRole"}]})";
  const std::string with_tags = R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:user/a"},"Action":["sts:AssumeRole","sts:TagSession"]}]})";
  CallParameters call;
  call.tags = {{"team", "payments"}};
  SimulationResult r = run(only_assume, "arn:aws:iam::111111111111:user/a", role, {}, {}, false, call);
  CHECK(r.decision == Decision::ImplicitlyDenied);
  CHECK(r.decided_by == "tag-session");
  REQUIRE(r.extra_checks.size() == 1);
  CHECK(r.extra_checks[0].action == "sts:TagSession");
  CHECK(run(with_tags, "arn:aws:iam::111111111111:user/a", role, {}, {}, false, call).decision == Decision::Allowed);
  CallParameters si;
  si.source_identity = "alice";
  r = run(with_tags, "arn:aws:iam::111111111111:user/a", role, {}, {}, false, si);
  CHECK(r.decision == Decision::ImplicitlyDenied);
  CHECK(r.decided_by == "set-source-identity");
}

TEST_CASE("request context built from the caller and the call") {
  CallParameters call;
  call.external_id = "x";
  call.session_name = "s1";
  call.tags = {{"team", "a"}, {"env", "b"}};
  call.mfa_serial = "arn:aws:iam::111111111111:mfa/alice";
  call.token_code = "123456";
  RequestContext c = make_request_context("arn:aws:iam::111111111111:user/dev/alice", "arn:aws:iam::222222222222:role/T", call);
  CHECK(c.caller.kind == CallerKind::User);
  CHECK(c.caller.path == "/dev/");
  CHECK(c.caller.name == "alice");
  CHECK(c.role_account == "222222222222");
  CHECK(c.find("aws:principalarn")->values.front() == "arn:aws:iam::111111111111:user/dev/alice");
  CHECK(c.find("aws:username")->values.front() == "alice");
  CHECK(c.find("sts:ExternalId")->values.front() == "x");
  CHECK(c.find("sts:RoleSessionName")->values.front() == "s1");
  CHECK(c.find("aws:RequestTag/team")->values.front() == "a");
  CHECK(c.find("aws:TagKeys")->values.size() == 2);
  CHECK(c.find("aws:MultiFactorAuthPresent")->values.front() == "true");
  RequestContext s = make_request_context("arn:aws:sts::111111111111:assumed-role/Dep/ci", "");
  CHECK(s.caller.kind == CallerKind::AssumedRole);
  CHECK(s.find("aws:PrincipalArn")->values.front() == "arn:aws:iam::111111111111:role/Dep");
  CHECK(s.find("aws:PrincipalType")->values.front() == "AssumedRole");
  CHECK(s.find("aws:MultiFactorAuthPresent")->values.front() == "false");
  CHECK(make_request_context("arn:aws:iam::1:user/a", "").caller.kind == CallerKind::Unknown);  // bad account id
  CHECK(make_request_context("arn:aws:iam::111111111111:user/a", "").find("aws:MultiFactorAuthPresent") == nullptr);
  CHECK(parse_caller_principal("123456789012").kind == CallerKind::Root);
  CHECK(parse_caller_principal("arn:aws:iam::111111111111:saml-provider/Corp").kind == CallerKind::Saml);
  CHECK(make_request_context("arn:aws:iam::111111111111:saml-provider/Corp", "").action == "sts:AssumeRoleWithSAML");
}

TEST_CASE("root callers are refused; bad input is an error value") {
  SimulationResult r = run(kPolicyExternalId, "arn:aws:iam::123456789012:root", "arn:aws:iam::987654321098:role/x",
                           {{"sts:ExternalId", {"acme-prod-pipeline-x7f2"}}});
  CHECK(r.decision == Decision::ImplicitlyDenied);
  CHECK(r.root_caller);
  CHECK(r.decided_by == "root-caller");
  CHECK(r.trust_decision == Decision::Allowed);

  r = run("{not json", "arn:aws:iam::123456789012:user/a", "");
  CHECK_FALSE(r.ok());
  CHECK(r.errors.at(0).input == "policy");
  CHECK(r.errors.at(0).location.line == 1);
  CHECK(r.decision == Decision::ImplicitlyDenied);
  r = run(kPolicyExternalId, "not-a-principal", "");
  CHECK_FALSE(r.ok());
  CHECK(r.errors.at(0).code == "PRINCIPAL_UNRECOGNISED");
  r = run(kPolicyExternalId, "", "");
  CHECK(r.errors.at(0).code == "PRINCIPAL_EMPTY");
  SimulateTextRequest bad;
  bad.policy = kPolicyExternalId;
  bad.principal = "arn:aws:iam::123456789012:user/a";
  bad.identity_policies = {std::string("\x00\x01", 2)};
  r = simulate_text(bad);
  CHECK(r.errors.at(0).input == "identity-policy");
}

TEST_CASE("a trust policy with Resource is flagged as one IAM would refuse") {
  const std::string p = R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole","Resource":"*"}]})";
  SimulationResult r = run(p, "arn:aws:iam::111111111111:user/a", "arn:aws:iam::111111111111:role/x");
  CHECK(r.policy_problems.size() == 1);
}

TEST_CASE("a wildcard inside a principal ARN is flagged; the documented limitation cases") {
  const std::string p = R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:role/*"},"Action":"sts:AssumeRole"}]})";
  SimulationResult r = run(p, "arn:aws:sts::111111111111:assumed-role/x/s", "arn:aws:iam::111111111111:role/t");
  CHECK(r.policy_problems.size() == 1);
  CHECK(r.decision == Decision::ImplicitlyDenied);
  const std::string star = R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole"}]})";
  CHECK(run(star, "arn:aws:iam::111111111111:user/a", "").policy_problems.empty());
}

TEST_CASE("the request context from a parsed caller (the seed scenario's command, fixed)") {
  const CallerParseResult parsed = parse_caller(
      "aws sts assume-role --role-arn arn:aws:iam::987654321098:role/cross-account-role "
      "--role-session-name dev-session --external-id acme-prod-pipeline-x7f2");
  REQUIRE(parsed.ok());
  REQUIRE(parsed.caller() != nullptr);
  const CallParameters call = call_parameters(*parsed.caller());
  CHECK(call.action == "sts:AssumeRole");
  CHECK(call.external_id == "acme-prod-pipeline-x7f2");
  CHECK(call.external_id_sent);
  CHECK(call.session_name == "dev-session");
  const RequestContext ctx = make_request_context("arn:aws:iam::123456789012:user/dev", *parsed.caller());
  CHECK(ctx.role_arn == "arn:aws:iam::987654321098:role/cross-account-role");
  CHECK(ctx.role_account == "987654321098");
  SimulationInput in;
  in.trust_policy = parse_trust_policy(kPolicyExternalId).policy;
  CHECK(simulate(in, ctx).decision == Decision::Allowed);
}
