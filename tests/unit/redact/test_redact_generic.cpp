// Generic key = value secrets (src/redact/rules/generic.toml): in every config
// format the value goes, the key and the surrounding syntax stay, and placeholders,
// references and other non-secrets are left alone.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "stackengine/redact.hpp"

using namespace stackengine;

namespace {

enum class Syntax { kJson, kYaml, kLine };

struct Case {
  std::string format;
  Syntax syntax;
  std::string text;
  std::string secret;  // must be gone from the output
  std::string kept;    // must still be there (the key with its syntax)
  std::string json_key;  // kJson: the key whose value must now be a placeholder string
  bool named = false;    // a named rule (not a generic one) reports it
};

const std::vector<Case>& secrets() {
  static const std::vector<Case> cases = {
      {"JSON", Syntax::kJson, R"({"host": "db.acme.test", "password": "Vn7-kL2mZ9!q"})", "Vn7-kL2mZ9!q",
       R"("password": ")", "password"},
      {"JSON", Syntax::kJson, "{\n  \"client_id\": \"web\",\n  \"client_secret\": \"Wz5Kp8Nv2Hb6Jc9Fd3Gs0Ya7\"\n}",
       "Wz5Kp8Nv2Hb6Jc9Fd3Gs0Ya7", R"("client_secret": ")", "client_secret"},
      {"JSON", Syntax::kJson, R"({"apiKey":"Rt7Lp2Wn5Kv9Hs4Jd6Fb1Gc0","retries":3})", "Rt7Lp2Wn5Kv9Hs4Jd6Fb1Gc0",
       R"("apiKey":")", "apiKey"},
      {"YAML", Syntax::kYaml, "database:\n  user: app\n  password: s3cr3t!pw\n", "s3cr3t!pw", "  password: ", ""},
      {"YAML", Syntax::kYaml, "slack:\n  token: \"Zq81xK7mPLp2Wn5Kv9Hs4Jd6\"\n", "Zq81xK7mPLp2Wn5Kv9Hs4Jd6", "  token: \"",
       ""},
      {"YAML", Syntax::kYaml, "stripe:\n  api_key: 'rk_Lp2Wn5Kv9Hs4Jd6Fb1Gc0'  # rotated\n", "rk_Lp2Wn5Kv9Hs4Jd6Fb1Gc0",
       "  api_key: '", ""},
      {"INI", Syntax::kLine, "[database]\nhost = db.acme.test\npassword = Hb6Jc9Fd3G\n", "Hb6Jc9Fd3G", "password = ",
       ""},
      {"INI", Syntax::kLine, "[oauth]\nclient_secret=Nc4Md7Kf0Jg3Hh6Gj9Fk2Dl5\n", "Nc4Md7Kf0Jg3Hh6Gj9Fk2Dl5",
       "client_secret=", ""},
      {".env", Syntax::kLine, "NODE_ENV=production\nDB_PASSWORD=Pl5Km8Nb2V\nPORT=3000\n", "Pl5Km8Nb2V",
       "DB_PASSWORD=", ""},
      {".env", Syntax::kLine, "export GITHUB_TOKEN=\"Zq81xK7mPLp2Wn5Kv9Hs4Jd6Fb1\"\n", "Zq81xK7mPLp2Wn5Kv9Hs4Jd6Fb1",
       "export GITHUB_TOKEN=\"", ""},
      {".env", Syntax::kLine, "SECRET_KEY_BASE=9f3c1a7b2d4e6f80a1b2c3d4e5f60718293a4b5c\n",
       "9f3c1a7b2d4e6f80a1b2c3d4e5f60718293a4b5c", "SECRET_KEY_BASE=", ""},
      {"HCL", Syntax::kLine, "resource \"aws_db_instance\" \"main\" {\n  username = \"app\"\n  password = \"Qw3Er7Ty0U\"\n}\n",
       "Qw3Er7Ty0U", "password = \"", "", /*named=*/true},  // hashicorp-tf-password
      {"HCL", Syntax::kLine, "provider \"datadog\" {\n  api_key = \"0c7d1f3a9b5e2c8d4f6a0b1c3d5e7f92\"\n}\n",
       "0c7d1f3a9b5e2c8d4f6a0b1c3d5e7f92", "api_key = \"", ""},
      {"properties", Syntax::kLine, "spring.datasource.url=jdbc:h2:mem:test\nspring.datasource.password=Kp8Nv2Hb6J\n",
       "Kp8Nv2Hb6J", "spring.datasource.password=", ""},
      {"properties", Syntax::kLine, "app.auth-key=Hs4Jd6Fb1Gc0Ya3Ue8Io2Pl\n", "Hs4Jd6Fb1Gc0Ya3Ue8Io2Pl", "app.auth-key=",
       ""},
      {"CLI flag", Syntax::kLine, "mysql --host db --password=Vn7-kL2mZ9 shop\n", "Vn7-kL2mZ9", "--password=", ""},
      {"CLI flag", Syntax::kLine, "vault login --client-secret Wn5Kv9Hs4Jd6 --method oidc\n", "Wn5Kv9Hs4Jd6",
       "--client-secret ", ""},
      {"CLI flag", Syntax::kLine, "gh auth login --token \"Zq81xK7mPLp2Wn5\"\n", "Zq81xK7mPLp2Wn5", "--token \"", ""},
  };
  return cases;
}

struct Plain {
  std::string format;
  std::string text;
};

// Placeholders, references and non-secrets: nothing in these is redacted at all.
const std::vector<Plain>& non_secrets() {
  static const std::vector<Plain> cases = {
      {"JSON ${VAR}", R"({"password": "${DB_PASSWORD}"})"},
      {"JSON template", R"({"password": "{{ vault_db_password }}"})"},
      {"JSON null", R"({"password": null, "token": null})"},
      {"JSON word", R"({"password": "password", "secret": "my-app-secret"})"},
      {"JSON UUID", R"({"token": "5e0f3c1a-7b2d-4e8f-9a61-2c3d4e5f6a7b"})"},
      {"JSON hash", R"({"integrity": "sha512-Zq81xK7mPLp2Wn5Kv9Hs4Jd6Fb1Gc0Ya3", "secret": "sha256:9f3c1a7b2d4e6f80"})"},
      {"JSON env ref", R"({"apiKey": process.env.STRIPE_API_KEY})"},
      {"YAML placeholder", "password: <your-password>\ntoken: <your-token>\n"},
      {"YAML masked", "password: \"********\"\napi_key: xxxxxxxxxxxxxxxxxxxx\n"},
      {"YAML changeme", "password: changeme\n"},
      {"YAML booleans", "password: true\nsecret: false\ntoken: none\n"},
      {"YAML GitHub Actions", "token: ${{ secrets.GITHUB_TOKEN }}\n"},
      {"YAML Helm", "password: \"{{ .Values.password }}\"\n"},
      {"YAML file path", "password_file: /run/secrets/db_password\ncredentials: /etc/gcp/service-account.json\n"},
      {"YAML URL", "token_url: https://auth.acme.test/oauth/token\n"},
      {"YAML number", "password: 12345678\nmax_tokens: 4096\n"},
      {"YAML ansible vault tag", "password: !vault |\n"},
      {"INI $(cmd)", "[db]\npassword = $(cat /run/secrets/db)\n"},
      {".env empty", "DB_PASSWORD=\nAPI_KEY=\n"},
      {".env reference", "DB_PASSWORD=$POSTGRES_PASSWORD\n"},
      {".env AWS docs keys",
       "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\nAWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"},
      {"HCL var", "password = var.db_password\naccess_key = var.access_key\n"},
      {"HCL local/data/module",
       "password = local.db_password\napi_key = data.aws_ssm_parameter.api_key.value\ntoken = module.auth.token\n"},
      {"HCL interpolation", "password = \"${random_password.db.result}\"\n"},
      {"Python environ", "password = os.environ[\"DB_PASSWORD\"]\napi_key = os.getenv(\"API_KEY\")\n"},
      {"properties placeholder", "spring.datasource.password=${DB_PASSWORD:dev}\n"},
      {"CLI flag ${VAR}", "mysql --password \"$DB_PASSWORD\" shop\n"},
      {"CLI flag $(cmd)", "gh auth login --token \"$(vault read -field=token secret/ci)\"\n"},
      {"CLI flag stdin", "docker login --username ci --password-stdin\n"},
      {"CLI flag file", "app --token-file /run/secrets/token\n"},
      {"key name only", "password_min_length = 12\nsecret_name: db-credentials\n"},
  };
  return cases;
}

bool has_generic_finding(const RedactResult& r) {
  for (const auto& f : r.findings)
    if (f.rule.rfind("generic-", 0) == 0) return true;
  return false;
}

}  // namespace

TEST_CASE("generic secrets: the value goes, the key and the syntax stay, in every format") {
  const Redactor redactor;
  REQUIRE(redactor.errors().empty());
  for (const Case& c : secrets()) {
    INFO(c.format << ": " << c.text);
    Vault vault;
    const RedactResult r = redactor.redact(c.text, vault);
    REQUIRE(r.ok());
    CHECK(r.redacted.find(c.secret) == std::string::npos);
    CHECK(r.redacted.find(c.kept) != std::string::npos);
    CHECK(has_generic_finding(r) != c.named);
    CHECK(restore(r.redacted, vault) == c.text);
    if (c.syntax == Syntax::kJson) {
      const auto j = nlohmann::json::parse(r.redacted, nullptr, /*allow_exceptions=*/false);
      REQUIRE_FALSE(j.is_discarded());
      REQUIRE(j.contains(c.json_key));
      REQUIRE(j[c.json_key].is_string());
      const std::string value = j[c.json_key].get<std::string>();
      CHECK(value.rfind("{{", 0) == 0);
      CHECK(vault.knows_placeholder(value));
    } else if (c.syntax == Syntax::kYaml) {
      // The key stays a YAML key: `name:` at the start of its line.
      const std::size_t colon = c.kept.find(':');
      REQUIRE(colon != std::string::npos);
      CHECK(r.redacted.find("\n" + c.kept.substr(0, colon + 1)) != std::string::npos);
    }
  }
}

TEST_CASE("generic secrets: each rule is the one that reports its format") {
  struct Expect {
    std::string text;
    std::string rule;
  };
  const std::vector<Expect> expects = {
      {"DB_PASSWORD=Pl5Km8Nb2V", "generic-password"},
      {"  client_secret: Wz5Kp8Nv2Hb6Jc9Fd3Gs0Ya7", "generic-secret"},
      {"app --api-key 0c7d1f3a9b5e2c8d4f6a run", "generic-cli-secret-flag"},
  };
  RedactOptions only;
  only.only_rules = {"generic-password", "generic-secret", "generic-cli-secret-flag"};
  const Redactor redactor(only);
  for (const Expect& e : expects) {
    INFO(e.text);
    Vault vault;
    const RedactResult r = redactor.redact(e.text, vault);
    REQUIRE(r.findings.size() == 1);
    CHECK(r.findings[0].rule == e.rule);
    CHECK(r.findings[0].category == "generic");
  }
}

TEST_CASE("generic secrets: placeholders, references and non-secrets are left untouched") {
  const Redactor redactor;
  for (const Plain& c : non_secrets()) {
    INFO(c.format << ": " << c.text);
    Vault vault;
    const RedactResult r = redactor.redact(c.text, vault);
    REQUIRE(r.ok());
    CHECK_FALSE(has_generic_finding(r));
    CHECK(r.redacted == c.text);
  }
}

TEST_CASE("a named rule wins over a generic one on the same value") {
  // A GitHub token under a generic key: the github rule labels it, not generic-secret.
  const std::string in = "GITHUB_TOKEN=ghp_Zq81xK7mPLp2Wn5Kv9Hs4Jd6Fb1Gc0Ya3Ue8\n";
  Vault vault;
  const RedactResult r = redact(in, vault);
  REQUIRE(r.ok());
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].rule.rfind("generic-", 0) != 0);
  CHECK(r.redacted.find("ghp_") == std::string::npos);
}

TEST_CASE("the generic category can be switched off") {
  RedactOptions o;
  o.disabled_categories = {"generic"};
  const Redactor redactor(o);
  Vault vault;
  const std::string in = "DB_PASSWORD=Pl5Km8Nb2V\n";
  const RedactResult r = redactor.redact(in, vault);
  REQUIRE(r.ok());
  CHECK(r.redacted == in);
}
