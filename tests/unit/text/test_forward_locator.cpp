#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "stackengine/text.hpp"

using namespace stackengine;

namespace {

// Random valid UTF-8 with many newlines: ASCII runs long enough for the 16-byte
// steps, and 2-, 3- and 4-byte sequences (the last take two UTF-16 units).
std::string random_text(std::mt19937& rng, std::size_t pieces) {
  static const char* const kPieces[] = {"a", "bcdefghijklmnop", "qrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                        "\n", "\n\n", "\r\n", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80"};
  std::uniform_int_distribution<std::size_t> pick(0, std::size(kPieces) - 1);
  std::string s;
  for (std::size_t i = 0; i < pieces; ++i) s += kPieces[pick(rng)];
  return s;
}

bool same(const SourceLocation& a, const SourceLocation& b) {
  return a.offset == b.offset && a.offset_utf16 == b.offset_utf16 && a.line == b.line && a.column == b.column;
}

}  // namespace

TEST_CASE("ForwardLocator agrees with LineIndex for offsets in order, out of order and past the end") {
  std::mt19937 rng(7);
  for (int round = 0; round < 200; ++round) {
    const std::string text = random_text(rng, 1 + rng() % 300);
    const LineIndex lines(text);
    ForwardLocator forward(text);
    std::uniform_int_distribution<std::size_t> step(0, 40);
    std::size_t at = 0;
    for (int k = 0; k < 60; ++k) {
      at = rng() % 8 == 0 ? rng() % (text.size() + 1) : at + step(rng);  // sometimes backwards
      if (at > text.size()) at = text.size();
      // Only offsets at code point boundaries are asked for (a finding's start or end).
      while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
      const SourceLocation want = lines.locate(at), got = forward.locate(at);
      if (!same(want, got)) {
        FAIL_CHECK("round " << round << " offset " << at << ": line " << got.line << " column " << got.column
                            << " utf16 " << got.offset_utf16 << ", expected line " << want.line << " column "
                            << want.column << " utf16 " << want.offset_utf16);
        return;
      }
    }
    CHECK(same(forward.locate(text.size() + 5), lines.locate(text.size())));
  }
}

TEST_CASE("ForwardLocator counts a newline at every position of a 16-byte block") {
  for (std::size_t pos = 0; pos < 40; ++pos) {
    std::string text(48, 'x');
    text[pos] = '\n';
    ForwardLocator forward(text);
    const SourceLocation end = forward.locate(text.size());
    CHECK(end.line == 2);
    CHECK(end.column == text.size() - pos);
    CHECK(end.offset_utf16 == text.size());
  }
}

TEST_CASE("ForwardLocator on long texts: only newlines, long ASCII lines, and a non-ASCII tail") {
  std::mt19937 rng(11);
  std::vector<std::string> texts = {std::string(100000, '\n'), std::string(70000, 'x') + "\n" + std::string(70000, 'y'),
                                    random_text(rng, 20000)};
  for (int k = 0; k < 3; ++k) texts[1] += "\xF0\x9F\x98\x80\n";
  for (const std::string& text : texts) {
    const LineIndex lines(text);
    ForwardLocator forward(text);
    for (std::size_t at = 0; at <= text.size(); at += 997) {
      std::size_t o = at;
      while (o < text.size() && (static_cast<unsigned char>(text[o]) & 0xC0) == 0x80) ++o;
      CHECK(same(forward.locate(o), lines.locate(o)));
    }
    CHECK(same(ForwardLocator(text).locate(text.size()), lines.locate(text.size())));  // one call, whole text
  }
}
