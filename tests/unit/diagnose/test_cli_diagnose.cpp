#include <doctest/doctest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/wait.h>

namespace {

struct Run {
  int status = -1;
  std::string out;
};

Run run_cli(const std::string& args) {
  Run r;
  const std::string cmd = std::string(SE_CLI_PATH) + " " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int raw = pclose(p);
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return r;
}

std::string write_temp(const std::string& name, const std::string& content) {
  const auto dir = std::filesystem::temp_directory_path() / ("se-cli-diagnose-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path, std::ios::binary) << content;
  return path.string();
}

const char* kSeedError =
    "An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:iam::123456789012:user/dev "
    "is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::987654321098:role/cross-account-role";
const char* kSeedPolicy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},)"
    R"("Action":"sts:AssumeRole","Condition":{"StringEquals":{"sts:ExternalId":"acme-prod-pipeline-x7f2"}}}]})";
const char* kSeedCommand =
    "aws sts assume-role --role-arn arn:aws:iam::987654321098:role/cross-account-role --role-session-name dev-session\n";

}  // namespace

TEST_CASE("stackengine diagnose --format json: error, ranked causes and fixed caller") {
  const std::string err = write_temp("seed.err", kSeedError);
  const std::string pol = write_temp("seed.json", kSeedPolicy);
  const std::string cal = write_temp("seed.sh", kSeedCommand);
  const Run r = run_cli("diagnose --error " + err + " --policy " + pol + " --caller " + cal + " --format json");
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["error"]["kind"] == "ERR_ASSUME_ROLE_ACCESS_DENIED");
  CHECK(j["error"]["caller"] == "arn:aws:iam::123456789012:user/dev");
  CHECK(j["error"]["locations"]["caller"]["line"] == 1);
  REQUIRE(j["causes"].size() >= 2);
  CHECK(j["causes"][0]["id"] == "CAUSE_EXTERNAL_ID_MISSING");
  CHECK(j["causes"][0]["confidence"].get<double>() > j["causes"][1]["confidence"].get<double>());
  CHECK(j["causes"][0]["evidence"].size() >= 2);
  CHECK(j["causes"][0]["fix"].get<std::string>().find("--external-id") != std::string::npos);
  CHECK(j["fixed"]["caller"].get<std::string>().find("--external-id \"acme-prod-pipeline-x7f2\"") != std::string::npos);
  CHECK(j["fixed"]["policy"].is_string());
  CHECK(j["decision"] == "ImplicitlyDenied");
}

TEST_CASE("stackengine diagnose: the error alone enumerates causes; text format reads well") {
  const std::string err = write_temp("only.err", kSeedError);
  const Run json = run_cli("diagnose --error " + err + " --format json");
  REQUIRE(json.status == 0);
  const auto j = nlohmann::json::parse(json.out);
  CHECK(j["causes"].size() >= 3);
  CHECK(j["fixed"]["policy"].is_null());
  CHECK(j["decision"].is_null());
  const Run text = run_cli("diagnose --error " + err);
  CHECK(text.status == 0);
  CHECK(text.out.find("causes (most likely first)") != std::string::npos);
  CHECK(text.out.find("CAUSE_") != std::string::npos);
}

TEST_CASE("stackengine diagnose: bad invocations exit 2") {
  CHECK(run_cli("diagnose").status == 2);                                  // --error is required
  CHECK(run_cli("diagnose --error /nonexistent/file").status == 2);        // unreadable
  const std::string bin = write_temp("bin.err", std::string("ab\0cd", 5));
  CHECK(run_cli("diagnose --error " + bin).status == 2);                   // refused input
  const std::string err = write_temp("x.err", kSeedError);
  CHECK(run_cli("diagnose --error " + err + " --format yaml").status == 2);  // unknown format
}
