// `stackengine simulate`: exit 0 allowed, 1 denied, 2 bad input; --format json.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/wait.h>

namespace {

std::filesystem::path temp_file(const std::string& name, const std::string& content) {
  const auto dir = std::filesystem::temp_directory_path() / ("stackengine-cli-simulate-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto p = dir / name;
  std::ofstream(p) << content;
  return p;
}

struct Run {
  int code = -1;
  std::string out;
};

Run run(const std::string& args) {
  Run r;
  const std::string cmd = std::string(SE_CLI_PATH) + " simulate " + args + " 2>/dev/null";
  FILE* f = ::popen(cmd.c_str(), "r");
  REQUIRE(f != nullptr);
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) r.out.append(buf, n);
  const int status = ::pclose(f);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

const char* kPolicy = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",
  "Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole",
  "Condition":{"StringEquals":{"sts:ExternalId":"acme-prod-pipeline-x7f2"}}}]})";

}  // namespace

TEST_CASE("stackengine simulate: decision, reasons, exit codes") {
  const auto policy = temp_file("trust.json", kPolicy);
  const auto identity = temp_file("id.json", R"({"Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"*"}]})");
  const auto scp = temp_file("scp.json", R"({"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})");
  const std::string base = "--policy " + policy.string() +
                           " --principal arn:aws:iam::123456789012:user/dev --role-arn arn:aws:iam::987654321098:role/x";

  Run r = run(base + " --format json");
  CHECK(r.code == 1);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["decision"] == "ImplicitlyDenied");
  CHECK(j["reasons"][0]["failed_element"] == "condition");
  CHECK(j["reasons"][0]["conditions"][0]["satisfy"] == "send sts:ExternalId = acme-prod-pipeline-x7f2");

  r = run(base + " --context sts:ExternalId=acme-prod-pipeline-x7f2 --identity-policy " + identity.string() + " --format json");
  CHECK(r.code == 0);
  CHECK(nlohmann::json::parse(r.out)["decision"] == "Allowed");

  r = run(base + " --context sts:ExternalId=acme-prod-pipeline-x7f2 --identity-policy " + identity.string() + " --scp " +
          scp.string() + " --format json");
  CHECK(r.code == 1);
  CHECK(nlohmann::json::parse(r.out)["decided_by"] == "scp");

  r = run(base);  // text
  CHECK(r.code == 1);
  CHECK(r.out.find("ImplicitlyDenied") == 0);
  CHECK(r.out.find("send sts:ExternalId = acme-prod-pipeline-x7f2") != std::string::npos);

  const auto bad = temp_file("bad.json", "{\"Statement\": [");
  CHECK(run("--policy " + bad.string() + " --principal arn:aws:iam::123456789012:user/dev").code == 2);
  CHECK(run("--policy /nonexistent/x.json --principal arn:aws:iam::123456789012:user/dev").code == 2);
  CHECK(run("--policy " + policy.string()).code == 2);  // --principal is required
  CHECK(run(base + " --context novalue").code == 2);
  std::filesystem::remove_all(policy.parent_path());
}
