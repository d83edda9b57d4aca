// The `stackengine lint` command: JSON shape and exit codes 0 / 1 / 2.
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
  int code = -1;
  std::string out;
};

Run run(const std::string& args, const std::string& input) {
  const auto path = std::filesystem::temp_directory_path() / ("se-lint-" + std::to_string(::getpid()) + ".json");
  {
    std::ofstream f(path, std::ios::binary);
    f << input;
  }
  const std::string cmd = std::string(SE_CLI_PATH) + " lint " + args + " " + path.string() + " 2>/dev/null";
  Run r;
  FILE* p = ::popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf{};
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
  const int status = ::pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::filesystem::remove(path);
  return r;
}

const std::string kExternal =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]})";
const std::string kClean =
    R"({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]})";

}  // namespace

TEST_CASE("lint CLI: json shape and exit codes") {
  struct Case {
    std::string args, input;
    int code;
    std::size_t findings;
  };
  const Case cases[] = {
      {"--format json", kClean, 0, 0},
      {"--format json", kExternal, 1, 1},                                   // high >= default --fail-on high
      {"--format json --fail-on critical", kExternal, 0, 1},
      {"--format json --role-arn arn:aws:iam::111122223333:role/r", kExternal, 0, 0},
      {"--format json", "{\"Statement\": [", 2, 1},                         // TRUST_MALFORMED_JSON
      {"--format json", std::string("\x00\x01", 2), 2, 0},
  };
  for (const auto& c : cases) {
    CAPTURE(c.args);
    CAPTURE(c.input);
    const Run r = run(c.args, c.input);
    CHECK(r.code == c.code);
    const auto j = nlohmann::json::parse(r.out, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());
    REQUIRE(j.contains("findings"));
    REQUIRE(j.contains("errors"));
    CHECK(j["findings"].size() == c.findings);
    for (const auto& f : j["findings"])
      for (const char* k : {"id", "severity", "statement", "pointer", "line", "column", "message", "fix"}) CHECK(f.contains(k));
    if (c.code == 2) CHECK_FALSE(j["errors"].empty());
  }
  const Run text = run("", kExternal);
  CHECK(text.code == 1);
  CHECK(text.out.find("high TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID") != std::string::npos);
  CHECK(run("--fail-on severe", kClean).code == 2);
}
