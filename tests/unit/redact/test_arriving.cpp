// ArrivingText: a text read by the helper thread while it is being written gives
// exactly what Redactor::redact gives for the whole text, wherever the slices end
// (inside a keyword, a placeholder literal, a multi-byte character), and bad input,
// misuse and abandonment are handled.
#include <doctest/doctest.h>

#include <chrono>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "redact/parallel.hpp"
#include "stackengine/redact.hpp"

using namespace stackengine;

namespace {

// ~`bytes` of config-like text: keys, ARNs, connection strings, the Minter's fixed
// parts ("{{", "9900", "REDACTED", "redacted-"), multi-byte and astral characters, a
// private key; values repeat every fourth block (echoes, reused placeholders).
std::string corpus(std::size_t bytes) {
  std::string out;
  for (int i = 0; out.size() < bytes; ++i) {
    std::string n = std::to_string(i % 4 == 0 ? 0 : i);
    n.insert(0, 6 - std::min<std::size_t>(6, n.size()), '0');
    std::string q = n;
    for (char& c : q) c = c == '0' ? 'Q' : c;
    out += "# block " + std::to_string(i) + " r\xC3\xA9sum\xC3\xA9 \xE2\x9C\x93 \xF0\x9D\x84\x9E {{name}} 9900 REDACTED redacted-x\n";
    out += "aws_access_key_id = AKIAZ" + q + "XW7PLMN\n";
    out += "aws_secret_access_key = q7Rk2Lw9Zt4Xp1Mv8Ns3Hb6Jc0Fd5Ga2Y" + n + "\n";
    out += "\"Principal\": {\"AWS\": \"arn:aws:iam::" + std::to_string(100000000000 + i % 977) + ":role/deployer-" + n + "\"},\n";
    out += "postgres://app:S3cr3t-" + n + "-pw@db.internal:5432/orders\n";
    out += "--external-id acme-prod-" + n + "-x7f2\n";
    if (i % 16 == 0)
      out += "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA" + n +
             "u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0\n-----END RSA PRIVATE KEY-----\n";
    out += "plain text that is not secret at all, to make the block longer\n";
  }
  return out;
}

void check_same(const RedactResult& a, const RedactResult& b) {
  CHECK(a.error.code == b.error.code);
  CHECK(a.error.location.offset == b.error.location.offset);
  CHECK(a.error.location.line == b.error.location.line);
  CHECK(a.error.location.column == b.error.location.column);
  CHECK(a.redacted == b.redacted);
  REQUIRE(a.findings.size() == b.findings.size());
  std::size_t differ = 0;
  for (std::size_t i = 0; i < a.findings.size(); ++i) {
    const RedactFinding &x = a.findings[i], &y = b.findings[i];
    if (x.rule != y.rule || x.placeholder != y.placeholder || x.start.offset != y.start.offset ||
        x.end.offset != y.end.offset || x.start.line != y.start.line || x.start.column != y.start.column ||
        x.start.offset_utf16 != y.start.offset_utf16)
      ++differ;
  }
  CHECK(differ == 0);
}

// Writes `text` into `buffer` a slice at a time, telling `a` after each slice; a
// short pause every few slices lets the helper catch up.
void write_in_slices(ArrivingText& a, std::vector<char>& buffer, const std::string& text,
                     const std::vector<std::size_t>& sizes) {
  std::size_t at = 0;
  for (std::size_t k = 0; at < text.size(); ++k) {
    const std::size_t n = std::min(sizes[k % sizes.size()], text.size() - at);
    std::memcpy(buffer.data() + at, text.data() + at, n);
    at += n;
    a.arrived(at);
    if (k % 4 == 3) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace

TEST_CASE("ArrivingText: the same result as redact() for the whole text, wherever the slices end") {
  const std::string text = corpus(3u << 20);
  Vault reference_vault;
  const RedactResult expected = builtin_redactor().redact(text, reference_vault);
  REQUIRE(expected.ok());
  REQUIRE(expected.findings.size() > 10000);
  // Odd slice sizes put slice ends inside keywords, literals and multi-byte characters.
  const std::vector<std::vector<std::size_t>> plans = {{131071}, {1, 7, 65537, 200003}, {3u << 20}, {4096}};
  for (const auto& sizes : plans) {
    CAPTURE(sizes.front());
    std::vector<char> buffer(text.size() + 64, '\0');
    ArrivingText a(builtin_redactor(), buffer.data(), buffer.size());
    write_in_slices(a, buffer, text, sizes);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    Vault vault;
    const RedactResult got = a.redact(text.size(), vault);
    check_same(got, expected);
    CHECK(vault.size() == reference_vault.size());
    CHECK(restore(got.redacted, vault) == text);
#if defined(SE_HAVE_THREADS)
    CHECK(a.read_ahead() >= (256u << 10));  // the helper really read ahead (at least one step)
#else
    CHECK(a.read_ahead() == 0);
#endif
  }
}

TEST_CASE("ArrivingText: invalid UTF-8 before and after what the helper read: redact()'s error and location") {
  std::string text = corpus(2u << 20);
  for (const std::size_t at : {std::size_t{1000}, text.size() - 1000}) {
    std::string bad = text;
    bad[at] = '\xFF';
    Vault v1, v2;
    const RedactResult expected = builtin_redactor().redact(bad, v1);
    REQUIRE(expected.error.code == "INPUT_INVALID_UTF8");
    std::vector<char> buffer(bad.size());
    ArrivingText a(builtin_redactor(), buffer.data(), buffer.size());
    write_in_slices(a, buffer, bad, {100000});
    const RedactResult got = a.redact(bad.size(), v2);
    check_same(got, expected);
    CHECK(got.findings.empty());
  }
}

TEST_CASE("ArrivingText: misuse gets an error value or a full redaction, never a wrong one") {
  const std::string text = corpus(1u << 20);
  std::vector<char> buffer(text.size());
  std::memcpy(buffer.data(), text.data(), text.size());
  SUBCASE("a length past the capacity is refused") {
    ArrivingText a(builtin_redactor(), buffer.data(), buffer.size());
    Vault v;
    const RedactResult r = a.redact(buffer.size() + 1, v);
    CHECK(r.error.code == "INPUT_LENGTH");
    CHECK(r.redacted.empty());
  }
  SUBCASE("a text shorter than what arrived() announced: redacted from scratch") {
    ArrivingText a(builtin_redactor(), buffer.data(), buffer.size());
    a.arrived(text.size());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const std::size_t half = text.rfind('\n', text.size() / 2) + 1;
    Vault v1, v2;
    check_same(a.redact(half, v1), builtin_redactor().redact(std::string_view(text).substr(0, half), v2));
    CHECK(a.read_ahead() == 0);
  }
  SUBCASE("redact() twice: the same answer, the second from scratch") {
    ArrivingText a(builtin_redactor(), buffer.data(), buffer.size());
    a.arrived(text.size());
    Vault v1, v2;
    check_same(a.redact(text.size(), v1), a.redact(text.size(), v2));
  }
  SUBCASE("abandoned without redact(): the helper is free again") {
    {
      ArrivingText a(builtin_redactor(), buffer.data(), buffer.size());
      a.arrived(text.size() / 2);
    }
    std::thread::id second_on;
    stackengine::detail::run_both([] {}, [&] { second_on = std::this_thread::get_id(); });
#if defined(SE_HAVE_THREADS)
    CHECK(second_on != std::this_thread::get_id());
#endif
  }
}
