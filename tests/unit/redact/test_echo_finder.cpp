// The echo pass (detail::EchoFinder) must report every occurrence of every value
// exactly once. Differential test against a naive finder (string_view::find for
// every value at every start) over random texts from a small alphabet with planted
// values: values sharing prefixes and suffixes, values inside other values,
// overlapping and periodic occurrences, occurrences at the text's start and end,
// values of every length around the finder's class boundaries, and texts shorter
// than one window.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "redact/echo.hpp"

using stackengine::detail::EchoFinder;
using stackengine::detail::kEchoKeyBytes;

namespace {

using Occurrence = std::pair<std::uint32_t, std::size_t>;  // value, start

std::vector<Occurrence> naive(const std::vector<std::string_view>& values, std::string_view text) {
  std::vector<Occurrence> out;
  for (std::uint32_t k = 0; k < values.size(); ++k) {
    if (values[k].size() < kEchoKeyBytes) continue;
    for (std::size_t at = text.find(values[k]); at != std::string_view::npos; at = text.find(values[k], at + 1))
      out.push_back({k, at});
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<Occurrence> found(const std::vector<std::string_view>& values, std::string_view text) {
  const EchoFinder echo(values);
  std::vector<Occurrence> out;
  echo.scan(text, [&](std::uint32_t k, std::size_t start) { out.push_back({k, start}); });
  std::sort(out.begin(), out.end());  // duplicates stay: they must make the test fail
  return out;
}

std::string random_string(std::mt19937& rng, std::size_t length, std::string_view alphabet) {
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::string s;
  for (std::size_t i = 0; i < length; ++i) s += alphabet[pick(rng)];
  return s;
}

// Distinct values of many lengths, built to share as much as possible.
std::vector<std::string> make_values(std::mt19937& rng, std::string_view alphabet) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto add = [&](std::string v) {
    if (seen.insert(v).second) out.push_back(std::move(v));
  };
  // Every length around the boundaries of the length classes (8..24), a few longer.
  const std::vector<std::size_t> lengths = {1,  7,  8,  9,  10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
                                            20, 21, 22, 23, 24, 25, 31, 32, 38, 39, 40, 47, 64, 100, 201};
  for (std::size_t L : lengths) add(random_string(rng, L, alphabet));
  // ARN-like: one shared prefix, different tails; one shared tail, different heads.
  const std::string prefix = "arn:aws:iam::123456789012:role/";
  for (int i = 0; i < 12; ++i) add(prefix + random_string(rng, 1 + static_cast<std::size_t>(i) * 3, alphabet));
  const std::string suffix = "-staging-handler";
  for (int i = 0; i < 12; ++i) add(random_string(rng, static_cast<std::size_t>(i), alphabet) + suffix);
  // Substrings of other values (at the start, middle and end of a long one).
  const std::string base = out.back();
  for (std::size_t L : {std::size_t{8}, std::size_t{12}, std::size_t{16}, std::size_t{23}})
    for (std::size_t at : {std::size_t{0}, base.size() / 3, base.size() - L}) add(base.substr(at, L));
  // Periodic values: occurrences overlap themselves ("abababab...").
  for (std::size_t L : {std::size_t{8}, std::size_t{11}, std::size_t{17}, std::size_t{24}, std::size_t{40}}) {
    std::string v;
    while (v.size() < L) v += "ab";
    v.resize(L);
    add(v);
    std::string w(L, 'a');
    add(w);
  }
  // Many values of one length that differ in one byte only (a shared window at
  // every offset but one).
  for (char c = 'c'; c <= 'l'; ++c) {
    std::string v = prefix + "shared-name";
    v[prefix.size() + 3] = c;
    add(v);
  }
  return out;
}

std::string make_text(std::mt19937& rng, const std::vector<std::string>& values, std::size_t size, std::string_view alphabet) {
  std::uniform_int_distribution<int> coin(0, 9);
  std::uniform_int_distribution<std::size_t> which(0, values.size() - 1);
  std::string text;
  // Start with a value so that an occurrence at 0 is always there.
  text += values[which(rng)];
  while (text.size() < size) {
    const int r = coin(rng);
    if (r < 3) {
      text += values[which(rng)];
    } else if (r < 4) {
      // Overlap: a value starting inside the previous one's last bytes.
      const std::string& v = values[which(rng)];
      const std::size_t back = std::min<std::size_t>(text.size(), v.size() / 2);
      text.resize(text.size() - back);
      text += v;
    } else {
      text += random_string(rng, 1 + static_cast<std::size_t>(coin(rng)), alphabet);
    }
  }
  // End with a value so that an occurrence ending at the text's end is there.
  text += values[which(rng)];
  return text;
}

}  // namespace

TEST_CASE("EchoFinder reports what a naive finder reports, exactly once") {
  std::mt19937 rng(20261128);
  // A small alphabet makes accidental occurrences and shared windows common.
  for (std::string_view alphabet : {std::string_view("ab"), std::string_view("abc:/-0123456789")}) {
    for (int round = 0; round < 12; ++round) {
      const std::vector<std::string> owned = make_values(rng, alphabet);
      const std::vector<std::string_view> values(owned.begin(), owned.end());
      for (std::size_t size : {std::size_t{64}, std::size_t{1000}, std::size_t{20000}, std::size_t{70000}}) {
        const std::string text = make_text(rng, owned, size, alphabet);
        const std::vector<Occurrence> want = naive(values, text);
        const std::vector<Occurrence> got = found(values, text);
        REQUIRE(!want.empty());
        std::size_t missing = 0, extra = 0;
        std::vector<Occurrence> diff;
        std::set_difference(want.begin(), want.end(), got.begin(), got.end(), std::back_inserter(diff));
        missing = diff.size();
        diff.clear();
        std::set_difference(got.begin(), got.end(), want.begin(), want.end(), std::back_inserter(diff));
        extra = diff.size();  // includes a duplicate report of a true occurrence
        INFO("alphabet " << alphabet << " round " << round << " size " << text.size());
        CHECK(missing == 0);
        CHECK(extra == 0);
        CHECK(got.size() == want.size());
      }
    }
  }
}

TEST_CASE("EchoFinder on short texts, empty value lists and values below the window") {
  const std::vector<std::string> owned = {"abcdefgh", "abcdefghi", "bcdefgh", "x"};
  const std::vector<std::string_view> values(owned.begin(), owned.end());
  struct Case {
    std::string text;
    std::vector<Occurrence> want;
  };
  const std::vector<Case> cases = {
      {"", {}},
      {"abcdefg", {}},                          // shorter than a window
      {"abcdefgh", {{0, 0}}},                   // the whole text
      {"abcdefghi", {{0, 0}, {1, 0}}},          // a value inside another, both at 0
      {"xxabcdefgh", {{0, 2}}},                 // at the very end
      {"abcdefghabcdefgh", {{0, 0}, {0, 8}}},  // back to back
      {"bcdefgh", {}},                          // 7 bytes: below the window, never reported
  };
  for (const Case& c : cases) {
    INFO("text '" << c.text << "'");
    CHECK(found(values, c.text) == c.want);
  }
  const std::vector<std::string_view> none;
  CHECK(found(none, "abcdefghabcdefgh").empty());
}

TEST_CASE("EchoFinder stays exact when thousands of values share windows") {
  // ARNs of one account and role prefix, the shape that made the echo pass
  // quadratic once: every value shares most windows with every other.
  std::vector<std::string> owned;
  for (int i = 0; i < 3000; ++i)
    owned.push_back("arn:aws:sts::123456789012:assumed-role/r" + std::to_string(i % 37) + "/session-" + std::to_string(i));
  const std::vector<std::string_view> values(owned.begin(), owned.end());
  std::mt19937 rng(7);
  std::uniform_int_distribution<std::size_t> which(0, owned.size() - 1);
  std::string text;
  while (text.size() < 400000) text += owned[which(rng)] + (which(rng) % 2 ? " " : "");
  CHECK(found(values, text) == naive(values, text));
}

TEST_CASE("EchoFinder::scan_outside reports exactly the occurrences that overlap no busy span") {
  struct Span {
    std::size_t start, end;
  };
  std::mt19937 rng(7);
  for (std::string_view alphabet : {std::string_view("ab"), std::string_view("abc:/-0123456789")}) {
    for (int round = 0; round < 8; ++round) {
      const std::vector<std::string> owned = make_values(rng, alphabet);
      const std::vector<std::string_view> values(owned.begin(), owned.end());
      const std::string text = make_text(rng, owned, 20000, alphabet);
      // Busy spans of random lengths (0 to 60 bytes) with random gaps, some at the
      // text's start and end.
      std::vector<Span> busy;
      std::uniform_int_distribution<std::size_t> gap(0, 90), len(0, 60);
      for (std::size_t at = round % 2 ? 0 : gap(rng); at < text.size();) {
        const std::size_t e = std::min(text.size(), at + len(rng));
        busy.push_back({at, e});
        at = e + gap(rng);
      }
      std::vector<Occurrence> want;
      for (const Occurrence& o : naive(values, text)) {
        const std::size_t s = o.second, e = s + values[o.first].size();
        bool overlaps = false;
        for (const Span& b : busy) overlaps = overlaps || (b.start < e && s < b.end && b.end > b.start);
        if (!overlaps) want.push_back(o);
      }
      const EchoFinder echo(values);
      std::vector<Occurrence> got;
      echo.scan_outside(text, busy, [&](std::uint32_t k, std::size_t start) { got.push_back({k, start}); });
      std::sort(got.begin(), got.end());
      INFO("alphabet " << alphabet << " round " << round);
      CHECK(!want.empty());
      CHECK(got == want);
      // Two halves cut at the start of a busy span (as two threads take them) find
      // the same, each occurrence once; so does a cut at the first span.
      // (A cut needs a non-empty span there, as detections always are.)
      for (std::size_t mid : {busy.size() / 2, std::size_t{0}}) {
        while (mid < busy.size() && busy[mid].end == busy[mid].start) ++mid;
        REQUIRE(mid < busy.size());
        const std::size_t cut = busy[mid].start;
        std::vector<Occurrence> halves;
        auto add = [&](std::uint32_t k, std::size_t start) { halves.push_back({k, start}); };
        echo.scan_outside_part(text, busy, 0, mid, 0, cut, add);
        echo.scan_outside_part(text, busy, mid, busy.size(), cut, text.size(), add);
        std::sort(halves.begin(), halves.end());
        CHECK(halves == want);
      }
    }
  }
}
