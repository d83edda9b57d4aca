// The redaction's prescan (detail::prescan) answers three questions in one pass:
// check_text's verdict, the newlines, and the Minter's fixed parts. Differential
// test against the plain answers (check_text, a byte loop, string_view::find) over
// random texts, with and without the two-thread split: dense and sparse newlines,
// literals planted at every offset around the 16-byte steps, the split and the end,
// UTF-8 sequences, NUL bytes and malformed sequences at random places. Each text
// also goes through PrescanParts (the text arriving in pieces), cut at random.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "redact/prescan.hpp"
#include "stackengine/text.hpp"

using namespace stackengine;
using detail::kStandardLiteralCount;
using detail::kStandardLiterals;

namespace {

std::vector<std::size_t> plain_newlines(std::string_view text) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') out.push_back(i);
  return out;
}

std::vector<std::size_t> plain_find(std::string_view text, std::string_view literal) {
  std::vector<std::size_t> out;
  for (std::size_t at = text.find(literal); at != std::string_view::npos; at = text.find(literal, at + 1))
    out.push_back(at);
  return out;
}

void check_prescan(const std::string& text, const detail::Prescan& pre);

// Through prescan(), then through PrescanParts fed from 0 to 3 random cuts, each seen
// with only the text up to 8 to 10 bytes past it (what an ArrivingText's helper sees).
void check_against_plain(const std::string& text, bool use_threads) {
  check_prescan(text, detail::prescan(text, use_threads));
  static std::mt19937 rng(7);
  std::vector<std::size_t> cuts;
  for (int k = rng() % 4; k > 0 && !text.empty(); --k) cuts.push_back(rng() % text.size());
  std::sort(cuts.begin(), cuts.end());
  detail::PrescanParts parts;
  for (std::size_t cut : cuts) {
    const std::string_view seen = std::string_view(text).substr(0, std::min(text.size(), cut + 8 + rng() % 3));
    parts.add(seen, cut);
    CHECK(parts.done() == std::max(cut, parts.done()));
  }
  check_prescan(text, parts.finish(text, use_threads));
}

void check_prescan(const std::string& text, const detail::Prescan& pre) {
  const TextCheck expected = check_text(text);
  CHECK(pre.check.error.code == expected.error.code);
  CHECK(pre.check.error.message == expected.error.message);
  CHECK(pre.check.error.location.offset == expected.error.location.offset);
  CHECK(pre.check.error.location.line == expected.error.location.line);
  const std::vector<std::size_t> lines = plain_newlines(text);
  REQUIRE(pre.newlines.size() == lines.size());
  for (std::size_t k = 0; k < lines.size(); ++k) CHECK(pre.newlines[k] == lines[k]);
  for (std::size_t k = 0; k < kStandardLiteralCount; ++k) CHECK(pre.literal_at[k] == plain_find(text, kStandardLiterals[k]));
}

}  // namespace

TEST_CASE("prescan: same check, newlines and literals as the plain passes, one thread or two") {
  std::mt19937 rng(20261128);
  const std::vector<std::string> pieces = {
      "a",   "b",  "\n", "\n\n", "{", "{{", "9", "99", "9900", "0", "R", "REDACTED", "REDACT", "redacted-", "redacted",
      "-",   " ",  "é",  "€",    "😀", "x\r\n"};
  const std::vector<std::string> bad = {std::string(1, '\0'), "\xC3", "\xE2\x82", "\xFF", "\xED\xA0\x80", "\xC0\xAF"};
  std::size_t texts = 0, with_error = 0, lines_seen = 0, literals_seen = 0;
  for (int round = 0; round < 600; ++round) {
    std::string text;
    const std::size_t target = std::uniform_int_distribution<std::size_t>(0, round < 300 ? 80 : 3000)(rng);
    const bool sparse = rng() % 2;  // long lines of filler
    while (text.size() < target) {
      if (sparse && rng() % 3) {
        text.append(std::uniform_int_distribution<std::size_t>(1, 40)(rng), 'q');
      } else {
        text += pieces[rng() % pieces.size()];
      }
    }
    if (rng() % 4 == 0) {  // an unacceptable sequence somewhere (or at the very end)
      const std::size_t at = text.empty() ? 0 : rng() % (text.size() + 1);
      text.insert(at, bad[rng() % bad.size()]);
      ++with_error;
    }
    INFO("round " << round << ", " << text.size() << " bytes");
    check_against_plain(text, false);
    check_against_plain(text, true);
    lines_seen += plain_newlines(text).size();
    literals_seen += plain_find(text, "{{").size() + plain_find(text, "REDACTED").size();
    ++texts;
  }
  CHECK(texts == 600);
  CHECK(with_error > 100);  // the error paths were exercised
  CHECK(lines_seen > 1000);
  CHECK(literals_seen > 1000);
}

TEST_CASE("prescan: a literal or an error at every offset around the steps and the split") {
  for (std::size_t size : {std::size_t{31}, std::size_t{48}, std::size_t{97}}) {
    for (std::size_t at = 0; at + 9 <= size; ++at) {
      for (std::string_view literal : kStandardLiterals) {
        std::string text(size, 'z');
        text.replace(at, literal.size(), literal);
        INFO("size " << size << ", " << literal << " at " << at);
        check_against_plain(text, false);
        check_against_plain(text, true);
      }
      std::string text(size, 'z');
      text[at] = '\n';
      text[size - 1 - at % size] = static_cast<char>(0xC3);  // a truncated two-byte sequence
      INFO("size " << size << ", newline at " << at);
      check_against_plain(text, false);
      check_against_plain(text, true);
    }
  }
}

TEST_CASE("prescan: a text over the size limit is refused without being read") {
  // A view over a little memory claiming more than kMaxInputBytes would be read
  // out of bounds if the prescan touched it; the answer must be INPUT_TOO_LARGE.
  const char byte = 'a';
  const std::string_view huge(&byte, kMaxInputBytes + 1);
  const detail::Prescan pre = detail::prescan(huge, true);
  CHECK(pre.check.error.code == "INPUT_TOO_LARGE");
  CHECK(pre.newlines.size() == 0);
}
