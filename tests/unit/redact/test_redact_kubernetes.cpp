// Kubernetes Secrets in JSON (a manifest, or `kubectl get secret -o json`): every
// value under data / stringData gets its own placeholder, the keys stay, the JSON
// still parses, and other kinds' data is left alone.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "stackengine/redact.hpp"

using namespace stackengine;

namespace {

// kubectl get secret db-credentials -o json (shape as kubectl prints it: data first).
const char* kKubectlSecret = R"({
    "apiVersion": "v1",
    "data": {
        "host": "ZGIuc2hvcC5zdmM=",
        "password": "Vm43LWtMMm1aOQ==",
        "username": "YXBwLXVzZXI="
    },
    "kind": "Secret",
    "metadata": {
        "annotations": {
            "owner": "shop-team"
        },
        "creationTimestamp": "2026-01-02T03:04:05Z",
        "name": "db-credentials",
        "namespace": "shop",
        "resourceVersion": "4711",
        "uid": "5e0f3c1a-7b2d-4e8f-9a61-2c3d4e5f6a7b"
    },
    "type": "Opaque"
}
)";

// kubectl get secrets,configmaps -o json: a List mixing both kinds.
const char* kKubectlList = R"({
    "apiVersion": "v1",
    "items": [
        {
            "apiVersion": "v1",
            "data": {
                "log_level": "ZGVidWc=",
                "region": "ZXUtd2VzdC0x"
            },
            "kind": "ConfigMap",
            "metadata": {"name": "settings", "namespace": "shop"}
        },
        {
            "apiVersion": "v1",
            "data": {
                "api-key": "c2stbGl2ZS1acTgxeEs3bVA=",
                "webhook": "aHR0cHM6Ly9ob29rcy5hY21lLnRlc3QveDd5OHo5"
            },
            "kind": "Secret",
            "metadata": {"name": "api", "namespace": "shop"},
            "type": "Opaque"
        }
    ],
    "kind": "List",
    "metadata": {"resourceVersion": ""}
}
)";

// A hand-written manifest: kind first, stringData, one line.
const char* kManifest =
    R"({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "smtp", "labels": {"app": "mail"}}, )"
    R"("stringData": {"user": "mailer", "relay": "smtp.acme.test:587"}})";

nlohmann::json redacted_json(const std::string& in, Vault& vault, RedactResult& r) {
  r = redact(in, vault);
  REQUIRE(r.ok());
  CHECK(restore(r.redacted, vault) == in);
  const auto j = nlohmann::json::parse(r.redacted, nullptr, /*allow_exceptions=*/false);
  REQUIRE_FALSE(j.is_discarded());
  return j;
}

bool is_placeholder(const nlohmann::json& v, const Vault& vault) {
  return v.is_string() && vault.knows_placeholder(v.get<std::string>());
}

}  // namespace

TEST_CASE("kubectl get secret -o json: each data value gets its own placeholder, keys stay") {
  Vault vault;
  RedactResult r;
  const nlohmann::json j = redacted_json(kKubectlSecret, vault, r);
  const std::vector<std::string> originals = {"ZGIuc2hvcC5zdmM=", "Vm43LWtMMm1aOQ==", "YXBwLXVzZXI="};
  for (const std::string& v : originals) CHECK(r.redacted.find(v) == std::string::npos);
  REQUIRE(j.contains("data"));
  const auto& data = j["data"];
  CHECK(data.size() == 3);
  std::vector<std::string> seen;
  for (const char* key : {"host", "password", "username"}) {
    INFO("data key " << key);
    REQUIRE(data.contains(key));
    CHECK(is_placeholder(data[key], vault));
    if (data[key].is_string()) seen.push_back(data[key].get<std::string>());
  }
  REQUIRE(seen.size() == 3);
  CHECK(seen[0] != seen[1]);  // one placeholder per value
  CHECK(seen[1] != seen[2]);
  CHECK(j["kind"] == "Secret");
  CHECK(j["metadata"]["name"] == "db-credentials");
  CHECK(j["metadata"]["annotations"]["owner"] == "shop-team");
}

TEST_CASE("kubectl List: the Secret's data goes, the ConfigMap's data stays") {
  Vault vault;
  RedactResult r;
  const nlohmann::json j = redacted_json(kKubectlList, vault, r);
  REQUIRE(j["items"].size() == 2);
  const auto& config = j["items"][0];
  const auto& secret = j["items"][1];
  CHECK(config["data"]["log_level"] == "ZGVidWc=");
  CHECK(config["data"]["region"] == "ZXUtd2VzdC0x");
  CHECK(is_placeholder(secret["data"]["api-key"], vault));
  CHECK(is_placeholder(secret["data"]["webhook"], vault));
  CHECK(r.redacted.find("c2stbGl2ZS1acTgxeEs3bVA=") == std::string::npos);
  bool json_rule = false;
  for (const auto& f : r.findings) json_rule |= f.rule.rfind("kubernetes-secret-json", 0) == 0;
  CHECK(json_rule);
}

TEST_CASE("a Secret manifest with kind first and stringData on one line") {
  Vault vault;
  RedactResult r;
  const nlohmann::json j = redacted_json(kManifest, vault, r);
  CHECK(is_placeholder(j["stringData"]["user"], vault));
  CHECK(is_placeholder(j["stringData"]["relay"], vault));
  CHECK(j["metadata"]["labels"]["app"] == "mail");
}

TEST_CASE("JSON that is not a Secret, or a Secret without values, is left alone") {
  const std::vector<std::string> plain = {
      R"({"kind": "ConfigMap", "data": {"log_level": "debug", "mode": "fast"}})",
      R"({"kind": "Secret", "metadata": {"name": "empty"}, "data": {}})",
      R"({"kind": "SecretStore", "data": {"region": "eu-west-1"}})",
      R"({"kind": "Secret", "metadata": {"name": "x"}} {"kind": "ConfigMap", "data": {"mode": "fast"}})",
  };
  for (const std::string& in : plain) {
    INFO(in);
    Vault vault;
    const RedactResult r = redact(in, vault);
    REQUIRE(r.ok());
    CHECK(r.redacted == in);
  }
}
