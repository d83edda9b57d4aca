// check_text walks ASCII 32 and then 8 bytes at a time: a NUL, a stray continuation
// byte or a valid multi-byte character must be seen at every offset of the block
// loops, and the error must point at the exact byte.
#include <doctest/doctest.h>

#include <string>

#include "stackengine/text.hpp"

using namespace stackengine;

TEST_CASE("check_text finds a bad byte at every offset, and accepts UTF-8 at every offset") {
  for (std::size_t length : {1u, 7u, 8u, 9u, 31u, 32u, 33u, 64u, 95u, 130u}) {
    for (std::size_t at = 0; at < length; ++at) {
      std::string ascii(length, 'a');
      for (std::size_t k = 0; k < length; k += 17) ascii[k] = '\n';  // some lines

      std::string nul = ascii;
      nul[at] = '\0';
      TextCheck r = check_text(nul);
      INFO("length " << length << " at " << at);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error.code == "INPUT_BINARY");
      CHECK(r.error.location.offset == at);

      std::string stray = ascii;
      stray[at] = static_cast<char>(0x80);
      r = check_text(stray);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error.code == "INPUT_INVALID_UTF8");
      CHECK(r.error.location.offset == at);

      std::string good = ascii.substr(0, at) + "\xc3\xa9" + ascii.substr(at);  // é
      CHECK(check_text(good).ok());
      std::string cut = ascii.substr(0, at) + "\xe2\x82" + ascii.substr(at);  // € without its last byte
      r = check_text(cut);
      REQUIRE_FALSE(r.ok());
      CHECK(r.error.location.offset == at);
    }
  }
  CHECK(check_text("").ok());
}
