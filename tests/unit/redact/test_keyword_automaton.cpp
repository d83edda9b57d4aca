// The keyword prefilter: find_all (two halves of a long text, four lanes in each)
// must report exactly what a single walk reports, in the same order, including
// occurrences across every cut and in the last bytes of the text; so must find_range
// over consecutive ranges (a text that arrives in pieces).
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "redact/keywords.hpp"

using stackengine::detail::KeywordAutomaton;

namespace {
std::vector<KeywordAutomaton::Hit> walk(const KeywordAutomaton& a, const std::string& text) {
  std::vector<KeywordAutomaton::Hit> out;
  a.scan(text, [&](std::uint32_t k, std::size_t end) { out.push_back({k, static_cast<std::uint32_t>(end)}); });
  return out;
}
}  // namespace

TEST_CASE("find_all reports what one walk reports, in the same order") {
  std::mt19937 rng(20261128);
  // Overlapping patterns, patterns that end others (failure outputs), two-byte
  // patterns, and a set with a one-byte pattern (which takes the plain walk).
  const std::vector<std::vector<std::string>> sets = {
      {"aws", "arn:aws", "secret", "key", "abab", "babab", "ab", "xyz", "principal", "sk", "q~", "b~"},
      {"aws", "arn:aws", "secret", "key", "a", "abab", "babab", "xyz", "principal"},
      {"abxy", "bxy", "xy", "yab", "ABAB"},
  };
  std::size_t ranged = 0;  // texts that went through find_range
  for (const auto& patterns : sets) {
  const KeywordAutomaton a(patterns, /*fold_case=*/true);
  std::uniform_int_distribution<int> pick(0, 11);
  for (const std::size_t size : {std::size_t{3}, std::size_t{10}, std::size_t{16383}, std::size_t{70001},
                                 std::size_t{300000}, std::size_t{(1u << 20) + 13}}) {
    // Text over a tiny alphabet (plus the patterns) so occurrences are dense and
    // many straddle the cuts at size/4, size/2, 3*size/4.
    std::string text;
    while (text.size() < size) {
      const int r = pick(rng);
      if (r < 2) text += patterns[static_cast<std::size_t>(pick(rng)) % patterns.size()];
      else if (r == 2) text += "ArN:AwS";  // case folding
      else text += "abxyAB~\n"[static_cast<std::size_t>(r) % 8];
    }
    text.resize(size);
    std::vector<KeywordAutomaton::Hit> got;
    a.find_all(text, got);
    const std::vector<KeywordAutomaton::Hit> want = walk(a, text);
    // The text arriving in pieces: find_range over consecutive ranges, each seeing
    // only the text up to its end, gives the same (when the automaton has a table).
    std::vector<KeywordAutomaton::Hit> pieces;
    bool tabled = true;
    for (std::size_t from = 0; from < size && tabled;) {
      const std::size_t to = std::min(size, from + 1 + rng() % (size / 3 + 2));
      tabled = a.find_range(std::string_view(text).substr(0, to), from, to, pieces);
      from = to;
    }
    if (tabled) {
      ++ranged;
      REQUIRE(pieces.size() == want.size());
      std::size_t differ_pieces = 0;
      for (std::size_t i = 0; i < want.size(); ++i)
        if (pieces[i].pattern != want[i].pattern || pieces[i].end != want[i].end) ++differ_pieces;
      CHECK(differ_pieces == 0);
    }
    REQUIRE(got.size() == want.size());
    if (size > 100) CHECK(!want.empty());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < want.size(); ++i)
      if (got[i].pattern != want[i].pattern || got[i].end != want[i].end) ++differ;
    INFO("size " << size);
    CHECK(differ == 0);
  }
  }
  CHECK(ranged >= 12);
}

TEST_CASE("an occurrence exactly across a lane cut is found once") {
  const KeywordAutomaton a({"principal"}, /*fold_case=*/true);
  std::string text(40000, '.');
  // The cuts are at multiples of 10000: put the keyword over each.
  for (std::size_t cut : {std::size_t{10000}, std::size_t{20000}, std::size_t{30000}}) text.replace(cut - 4, 9, "PRINCIPAL");
  std::vector<KeywordAutomaton::Hit> got;
  a.find_all(text, got);
  REQUIRE(got.size() == 3);
  CHECK(got[0].end == 10005);
  CHECK(got[1].end == 20005);
  CHECK(got[2].end == 30005);
}
