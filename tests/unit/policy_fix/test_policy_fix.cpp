#include <doctest/doctest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "stackengine/lint.hpp"
#include "stackengine/policy_fix.hpp"
#include "stackengine/render.hpp"

using namespace stackengine;
using ojson = nlohmann::ordered_json;

namespace {

const std::string kRole = "arn:aws:iam::222222222222:role/Target";

std::string stmt(const std::string& body) { return R"({"Version":"2012-10-17","Statement":[)" + body + "]}"; }

bool has_finding(const std::vector<Finding>& fs, const std::string& id) {
  return std::any_of(fs.begin(), fs.end(), [&](const Finding& f) { return f.id == id; });
}
bool has_fix(const FixResult& r, const std::string& fix) {
  return std::any_of(r.applied.begin(), r.applied.end(), [&](const AppliedFix& a) { return a.fix == fix; });
}

// Every (operator, key) pair of the original still constrains the fixed policy: under the
// same operator, or replaced by StringEquals (the only replacement the fixer makes).
void check_nothing_dropped(const std::string& original, const std::string& fixed) {
  ojson a = ojson::parse(original), b = ojson::parse(fixed);
  auto statements = [](const ojson& d) {
    ojson s = d["Statement"];
    return s.is_array() ? s : ojson::array({s});
  };
  std::multiset<std::string> after, deny_after;
  for (const auto& s : statements(b)) {
    if (s.value("Effect", "") == "Deny") deny_after.insert(s.dump());
    if (!s.contains("Condition")) continue;
    for (const auto& [op, keys] : s["Condition"].items())
      for (const auto& [k, v] : keys.items()) after.insert(op + "|" + k);
  }
  for (const auto& s : statements(a)) {
    if (s.value("Effect", "") == "Deny") CHECK_MESSAGE(deny_after.count(s.dump()) == 1, "a Deny statement changed");
    if (!s.contains("Condition") || !s["Condition"].is_object()) continue;
    for (const auto& [op, keys] : s["Condition"].items()) {
      if (!keys.is_object()) continue;
      for (const auto& [k, v] : keys.items()) {
        const bool same = after.count(op + "|" + k) > 0;
        const bool replaced = after.count("StringEquals|" + k) > 0 || after.count(op.substr(op.find(':') + 1) + "|" + k) > 0;
        const bool kept = same || replaced;
        // Built outside the macro: clang-14 cannot capture structured bindings in its lambda.
        const std::string dropped = op + " " + k + " was dropped";
        CHECK_MESSAGE(kept, dropped);
      }
    }
  }
}

struct Case {
  const char* name;
  std::string policy;
  FixOptions options;
  std::string finding;                  // must be found before, and gone after
  std::string fix;                      // must be applied
  std::vector<std::string> contains;    // in the fixed canonical JSON
  std::vector<std::string> absent;      // not in it
};

FixOptions with(std::vector<ExternalIdOption> ids = {}) {
  FixOptions o;
  o.role_arn = kRole;
  o.external_ids = std::move(ids);
  return o;
}

}  // namespace

TEST_CASE("every fix, linted again, no longer shows its finding") {
  FixOptions gh = with();
  gh.github_repo = "octo-org/app:main";
  FixOptions tp = with();
  tp.trusted_principal_arn = "arn:aws:iam::111111111111:role/deployer";
  FixOptions src = with();
  src.source_account = "222222222222";
  src.source_arn = "arn:aws:s3:::bucket";
  FixOptions given = with({{"", "given-id-123"}});

  const std::vector<Case> cases = {
      {"cross-account without ExternalId: generated id", stmt(R"({"Sid":"A","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"})"),
       with(), "TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID", kFixAddExternalId, {"\"StringEquals\": {\n          \"sts:ExternalId\": \"", "\"Sid\": \"A\""}, {}},
      {"cross-account with the given id", stmt(R"({"Effect":"Allow","Principal":{"AWS":"111111111111"},"Action":"sts:AssumeRole"})"),
       given, "TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID", kFixAddExternalId, {"\"sts:ExternalId\": \"given-id-123\""}, {}},
      {"weak: StringLike *", stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"StringLike":{"sts:ExternalId":"*"}}})"),
       given, "TRUST_EXTERNAL_ID_WEAK", kFixStrengthenExternalId, {"\"StringEquals\": {\n          \"sts:ExternalId\": \"given-id-123\""}, {"StringLike"}},
      {"weak: IfExists keeps the value", stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"StringEqualsIfExists":{"sts:ExternalId":"abc123"}}})"),
       with(), "TRUST_EXTERNAL_ID_WEAK", kFixStrengthenExternalId, {"\"sts:ExternalId\": \"abc123\"", "\"StringEquals\""}, {"IfExists"}},
      {"weak: Null false", stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"Null":{"sts:ExternalId":"false"}}})"),
       given, "TRUST_EXTERNAL_ID_WEAK", kFixStrengthenExternalId, {"\"sts:ExternalId\": \"given-id-123\""}, {"Null"}},
      {"weak: IgnoreCase", stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"StringEqualsIgnoreCase":{"sts:ExternalId":"Abc123"}}})"),
       with(), "TRUST_EXTERNAL_ID_WEAK", kFixStrengthenExternalId, {"\"sts:ExternalId\": \"Abc123\""}, {"IgnoreCase"}},
      {"weak: ForAnyValue", stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"ForAnyValue:StringEquals":{"sts:ExternalId":"abc123"}}})"),
       with(), "TRUST_EXTERNAL_ID_WEAK", kFixStrengthenExternalId, {"\"sts:ExternalId\": \"abc123\""}, {"ForAnyValue"}},
      {"invalid ExternalId value replaced with the given one", stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"has space"}}})"),
       given, "TRUST_EXTERNAL_ID_INVALID_VALUE", kFixReplaceExternalId, {"\"sts:ExternalId\": \"given-id-123\""}, {"has space"}},
      {"empty operator removed", stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/x"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{}}})"),
       with(), "TRUST_CONDITION_EMPTY", kFixFillEmptyCondition, {}, {"Condition"}},
      {"empty operator filled", stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{}}})"),
       given, "TRUST_CONDITION_EMPTY", kFixFillEmptyCondition, {"\"sts:ExternalId\": \"given-id-123\""}, {}},
      {"ForAllValues on a single-valued key", stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/x"},"Action":"sts:AssumeRole","Condition":{"ForAllValues:StringEquals":{"aws:PrincipalTag/team":"ops"}}})"),
       with(), "TRUST_FORALLVALUES_SINGLE_VALUED", kFixRemoveForAllValues, {"\"StringEquals\": {\n          \"aws:PrincipalTag/team\""}, {"ForAllValues"}},
      {"GitHub without sub", stmt(R"({"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}})"),
       gh, "TRUST_OIDC_GITHUB_NO_SUB", kFixAddGithubSub, {"\"token.actions.githubusercontent.com:sub\": \"repo:octo-org/app:ref:refs/heads/main\""}, {}},
      {"GitHub sub wildcard", stmt(R"({"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringLike":{"token.actions.githubusercontent.com:sub":"repo:octo-org/*"}}})"),
       gh, "TRUST_OIDC_GITHUB_SUB_WILDCARD", kFixPinGithubSub, {"\"repo:octo-org/app:ref:refs/heads/main\""}, {"repo:octo-org/*"}},
      {"OIDC without aud (GitHub)", stmt(R"({"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:o/r:ref:refs/heads/main"}}})"),
       with(), "TRUST_OIDC_NO_AUD", kFixAddOidcAud, {"\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\""}, {}},
      {"SAML without aud", stmt(R"({"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::222222222222:saml-provider/Okta"},"Action":"sts:AssumeRoleWithSAML"})"),
       with(), "TRUST_SAML_NO_AUD", kFixAddSamlAud, {"\"SAML:aud\": \"https://signin.aws.amazon.com/saml\""}, {}},
      {"service without source", stmt(R"({"Effect":"Allow","Principal":{"Service":"config.amazonaws.com"},"Action":"sts:AssumeRole"})"),
       src, "TRUST_SERVICE_NO_SOURCE", kFixAddSourceCondition, {"\"aws:SourceAccount\": \"222222222222\"", "\"ArnLike\": {\n          \"aws:SourceArn\": \"arn:aws:s3:::bucket\""}, {}},
      {"Resource element", stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/x"},"Action":"sts:AssumeRole","Resource":"*"})"),
       with(), "TRUST_RESOURCE_ELEMENT", kFixRemoveResource, {}, {"Resource"}},
      {"non-STS action", stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/x"},"Action":["sts:AssumeRole","s3:GetObject"]})"),
       with(), "TRUST_NON_STS_ACTION", kFixRemoveNonStsAction, {"sts:AssumeRole"}, {"s3:GetObject"}},
      {"wildcard inside a principal ARN", stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/ci-*"},"Action":"sts:AssumeRole"})"),
       with(), "TRUST_PRINCIPAL_ARN_WILDCARD", kFixPinPrincipalArn, {"\"AWS\": \"arn:aws:iam::222222222222:root\"", "\"ArnLike\": {\n          \"aws:PrincipalArn\": \"arn:aws:iam::222222222222:role/ci-*\""}, {}},
      {"principal * pinned", stmt(R"({"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"})"),
       tp, "TRUST_PRINCIPAL_WILDCARD_UNCONDITIONED", kFixPinPrincipalArn, {"\"ArnEquals\": {\n          \"aws:PrincipalArn\": \"arn:aws:iam::111111111111:role/deployer\""}, {}},
      {"mismatched action for SAML", stmt(R"({"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::222222222222:saml-provider/Okta"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}})"),
       with(), "TRUST_MISMATCHED_ACTION_FOR_PRINCIPAL", kFixSetActionForPrincipal, {"\"Action\": \"sts:AssumeRoleWithSAML\""}, {}},
      {"action wildcard", stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/x"},"Action":"sts:*"})"),
       with(), "TRUST_ACTION_WILDCARD", kFixNarrowAction, {"\"Action\": \"sts:AssumeRole\""}, {"sts:*"}},
      {"Version missing", R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/x"},"Action":"sts:AssumeRole"}]})",
       with(), "TRUST_VERSION_MISSING", kFixAddVersion, {"{\n  \"Version\": \"2012-10-17\",\n  \"Statement\""}, {}},
      {"Effect case", stmt(R"({"Effect":"allow","Principal":{"AWS":"arn:aws:iam::222222222222:role/x"},"Action":"sts:AssumeRole"})"),
       with(), "TRUST_EFFECT_INVALID", kFixEffectCase, {"\"Effect\": \"Allow\""}, {"allow"}},
      {"principal with spaces", stmt(R"({"Effect":"Allow","Principal":{"AWS":" arn:aws:iam::222222222222:role/x"},"Action":"sts:AssumeRole"})"),
       with(), "TRUST_INVALID_PRINCIPAL_FORMAT", kFixTrimPrincipal, {"\"AWS\": \"arn:aws:iam::222222222222:role/x\""}, {}},
      {"duplicate StringEquals merged", stmt(R"({"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"},"StringEquals":{"token.actions.githubusercontent.com:sub":"repo:o/r:ref:refs/heads/main"}}})"),
       with(), "TRUST_DUPLICATE_JSON_KEY", kFixMergeDuplicateKeys, {"\"token.actions.githubusercontent.com:aud\": \"sts.amazonaws.com\",\n          \"token.actions.githubusercontent.com:sub\""}, {}},
  };
  for (const Case& c : cases) {
    CAPTURE(std::string(c.name));
    PolicyParseResult parsed = parse_trust_policy(c.policy);
    REQUIRE(parsed.ok());
    LintOptions lo;
    lo.role_arn = c.options.role_arn;
    CHECK_MESSAGE(has_finding(lint(parsed, lo).findings, c.finding), "lint must report it before the fix");
    FixResult r = fix_trust_policy(parsed, c.options);
    REQUIRE(r.ok());
    CHECK(r.changed);
    CHECK(has_fix(r, c.fix));
    for (const auto& a : r.applied) CHECK(!a.description.empty());
    for (const auto& s : c.contains) CHECK_MESSAGE(r.policy_json.find(s) != std::string::npos, (s + " in\n" + r.policy_json));
    for (const auto& s : c.absent) CHECK_MESSAGE(r.policy_json.find(s) == std::string::npos, (s + " in\n" + r.policy_json));
    CHECK_MESSAGE(!has_finding(r.findings_after, c.finding), r.policy_json);
    check_nothing_dropped(r.original_json, r.policy_json);
    // The fixed policy is a fixed point: fixing again changes nothing.
    FixOptions again = c.options;
    if (!r.generated_external_id.empty()) again.external_ids.push_back({"", r.generated_external_id});
    FixResult r2 = fix_trust_policy(std::string_view(r.policy_json), again);
    REQUIRE(r2.ok());
    CHECK_MESSAGE(r2.policy_json == r.policy_json, unified_diff(r.policy_json, r2.policy_json));
  }
}

TEST_CASE("no mechanical fix: reported, not rewritten") {
  struct Row {
    const char* name;
    std::string policy;
    FixOptions options;
    std::string finding;
  };
  const std::vector<Row> rows = {
      {"NotPrincipal", stmt(R"({"Effect":"Allow","NotPrincipal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"})"), with(), "TRUST_NOTPRINCIPAL"},
      {"principal * without --trusted-principal", stmt(R"({"Effect":"Allow","Principal":"*","Action":"sts:AssumeRole"})"), with(), "TRUST_PRINCIPAL_WILDCARD_UNCONDITIONED"},
      {"GitHub without --github-repo", stmt(R"({"Effect":"Allow","Principal":{"Federated":"arn:aws:iam::222222222222:oidc-provider/token.actions.githubusercontent.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"token.actions.githubusercontent.com:aud":"sts.amazonaws.com"}}})"), with(), "TRUST_OIDC_GITHUB_NO_SUB"},
      {"service without a source option", stmt(R"({"Effect":"Allow","Principal":{"Service":"config.amazonaws.com"},"Action":"sts:AssumeRole"})"), with(), "TRUST_SERVICE_NO_SOURCE"},
      {"partial ExternalId pattern without an id", stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"StringLike":{"sts:ExternalId":"acme-*"}}})"), with(), "TRUST_EXTERNAL_ID_WEAK"},
      {"invalid ExternalId without an id", stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"has space"}}})"), with(), "TRUST_EXTERNAL_ID_INVALID_VALUE"},
  };
  for (const Row& row : rows) {
    CAPTURE(std::string(row.name));
    FixResult r = fix_trust_policy(std::string_view(row.policy), row.options);
    REQUIRE(r.ok());
    CHECK_FALSE(r.changed);
    CHECK(r.policy_json == r.original_json);
    const bool reported = std::any_of(r.not_fixed.begin(), r.not_fixed.end(),
                                      [&](const SkippedFix& s) { return s.finding == row.finding && !s.reason.empty(); });
    CHECK(reported);
  }
}

TEST_CASE("Deny statements, Sids and statement order are kept") {
  const std::string p = stmt(
      R"({"Sid":"First","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"},)"
      R"({"Sid":"NoSwitch","Effect":"Deny","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"StringEquals":{}}},)"
      R"({"Sid":"Last","Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"})");
  FixResult r = fix_trust_policy(std::string_view(p), with({{"", "abc-123"}}));
  REQUIRE(r.ok());
  ojson d = ojson::parse(r.policy_json);
  REQUIRE(d["Statement"].size() == 3);
  CHECK(d["Statement"][0]["Sid"] == "First");
  CHECK(d["Statement"][0]["Condition"]["StringEquals"]["sts:ExternalId"] == "abc-123");
  CHECK(d["Statement"][1]["Sid"] == "NoSwitch");
  CHECK(d["Statement"][1]["Effect"] == "Deny");
  CHECK_FALSE(d["Statement"][1].contains("Condition"));  // the empty operator checked nothing
  CHECK(d["Statement"][2]["Sid"] == "Last");
  CHECK_FALSE(d["Statement"][2].contains("Condition"));  // same account service: nothing to add without options
}

TEST_CASE("per-account ids split a statement; the copy follows it with a derived Sid") {
  const std::string p = stmt(
      R"({"Sid":"Vendors","Effect":"Allow","Principal":{"AWS":["arn:aws:iam::111111111111:root","arn:aws:iam::333333333333:root"]},"Action":"sts:AssumeRole"})");
  FixResult r = fix_trust_policy(std::string_view(p),
                                 with({parse_external_id_option("111111111111=id-one"), parse_external_id_option("333333333333=id-three")}));
  REQUIRE(r.ok());
  ojson d = ojson::parse(r.policy_json);
  REQUIRE(d["Statement"].size() == 2);
  CHECK(d["Statement"][0]["Sid"] == "Vendors");
  CHECK(d["Statement"][0]["Principal"]["AWS"][0] == "arn:aws:iam::111111111111:root");
  CHECK(d["Statement"][0]["Condition"]["StringEquals"]["sts:ExternalId"] == "id-one");
  CHECK(d["Statement"][1]["Sid"] == "Vendors333333333333");
  CHECK(d["Statement"][1]["Condition"]["StringEquals"]["sts:ExternalId"] == "id-three");
  CHECK(r.generated_external_id.empty());
  // Same id for both: no split.
  FixResult same = fix_trust_policy(std::string_view(p), with({{"", "shared-id"}}));
  CHECK(ojson::parse(same.policy_json)["Statement"].size() == 1);
}

TEST_CASE("options and input errors are values") {
  const std::string p = stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole"})");
  for (const char* bad : {"Q", "has space", "semi;colon"}) {
    CAPTURE(bad);
    FixResult r = fix_trust_policy(std::string_view(p), with({{"", bad}}));
    CHECK_FALSE(r.ok());
    CHECK(r.errors.front().code == "FIX_OPTION_INVALID");
    CHECK(r.errors.front().message.find(bad) == std::string::npos);  // no input echoed
  }
  FixOptions o = with();
  o.github_repo = "no-slash";
  CHECK_FALSE(fix_trust_policy(std::string_view(p), o).ok());
  for (const char* text : {"", "{", "[]", "\x01\x02", "{\"Statement\": 5}", "not json at all"}) {
    CAPTURE(text);
    FixResult r = fix_trust_policy(std::string_view(text), with());
    if (r.ok()) {
      CHECK_FALSE(r.policy_json.empty());
    }
    else CHECK(!r.errors.front().message.empty());
  }
}

TEST_CASE("external id options and generator") {
  CHECK(parse_external_id_option("111111111111=abc").account == "111111111111");
  CHECK(parse_external_id_option("111111111111=abc").value == "abc");
  CHECK(parse_external_id_option("a=b").account.empty());
  CHECK(parse_external_id_option("a=b").value == "a=b");
  CHECK(is_valid_external_id("ab"));
  CHECK(is_valid_external_id("A_b+c=d,e.f@g:h/i-j"));
  CHECK_FALSE(is_valid_external_id("a"));
  CHECK_FALSE(is_valid_external_id("a b"));
  CHECK_FALSE(is_valid_external_id(std::string(1225, 'a')));
  CHECK(is_valid_external_id(std::string(1224, 'a')));
  std::set<std::string> seen;
  std::set<char> chars;
  for (int i = 0; i < 200; ++i) {
    const std::string id = generate_external_id();
    CHECK(id.size() == 40);
    CHECK(is_valid_external_id(id));
    seen.insert(id);
    chars.insert(id.begin(), id.end());
  }
  CHECK(seen.size() == 200);
  CHECK(chars.size() == 64);  // every symbol of the alphabet shows up in 8000 draws
  CHECK(generate_external_id(5).size() == 32);
}

TEST_CASE("cross-account trust protected by MFA or a principal condition gets no ExternalId") {
  for (const char* cond : {R"({"Bool":{"aws:MultiFactorAuthPresent":"true"}})",
                           R"({"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}})",
                           R"({"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111111111111:role/x"}})"}) {
    CAPTURE(cond);
    const std::string p = stmt(std::string(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":)") + cond + "}");
    FixResult r = fix_trust_policy(std::string_view(p), with());
    REQUIRE(r.ok());
    CHECK_FALSE(r.changed);  // the console cannot send an ExternalId: MFA users would be locked out
  }
  // IfExists MFA does not protect long-term keys: the id is added.
  const std::string weak = stmt(R"({"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::111111111111:root"},"Action":"sts:AssumeRole","Condition":{"BoolIfExists":{"aws:MultiFactorAuthPresent":"true"}}})");
  CHECK(fix_trust_policy(std::string_view(weak), with()).changed);
}
