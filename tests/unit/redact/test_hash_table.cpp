// detail::equal_bytes, which the vault, the distinct-values table and the EchoFinder use
// instead of memcmp: it must agree with memcmp for every length and every place of a
// difference, including the overlapping last word.
#include <doctest/doctest.h>

#include <cstring>
#include <string>

#include "redact/hash_table.hpp"

using stackengine::detail::equal_bytes;

TEST_CASE("equal_bytes agrees with memcmp at every length and every differing byte") {
  std::string a, b;
  for (std::size_t n = 0; n <= 40; ++n) {
    a.assign(n, 'x');
    for (std::size_t i = 0; i < n; ++i) a[i] = static_cast<char>('a' + (i * 7) % 26);
    b = a;
    CHECK(equal_bytes(a.data(), b.data(), n));
    CHECK(equal_bytes(a, b));
    for (std::size_t i = 0; i < n; ++i) {
      for (const char c : {'\0', '\x80', '\xff', static_cast<char>(a[i] ^ 1)}) {
        if (c == a[i]) continue;
        b[i] = c;
        CAPTURE(n);
        CAPTURE(i);
        CHECK(equal_bytes(a.data(), b.data(), n) == (std::memcmp(a.data(), b.data(), n) == 0));
        CHECK_FALSE(equal_bytes(a.data(), b.data(), n));
        b[i] = a[i];
      }
    }
  }
  CHECK_FALSE(equal_bytes(std::string_view("abcdefgh"), std::string_view("abcdefg")));  // lengths differ
  // Unaligned starts in one buffer.
  const std::string text = "0123456789abcdef0123456789abcdef";
  CHECK(equal_bytes(text.data() + 1, text.data() + 17, 15));
  CHECK_FALSE(equal_bytes(text.data() + 1, text.data() + 18, 15));
}
