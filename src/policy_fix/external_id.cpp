#include <algorithm>
#include <cstdint>
#include <random>
#include <string>

#include "stackengine/policy_fix.hpp"

namespace stackengine {

// STS's ExternalId shape (botocore sts model: min 2, max 1224, pattern [\w+=,.@:\/-]*).
bool is_valid_external_id(std::string_view value) {
  if (value.size() < 2 || value.size() > 1224) return false;
  for (char c : value) {
    const auto u = static_cast<unsigned char>(c);
    const bool word = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_';
    if (!word && std::string_view("+=,.@:/-").find(c) == std::string_view::npos) return false;
  }
  return true;
}

ExternalIdOption parse_external_id_option(std::string_view text) {
  // "123456789012=VALUE": '=' is also allowed inside an ExternalId, so only a 12-digit
  // prefix makes it per-account.
  const std::size_t eq = text.find('=');
  if (eq == 12 && std::all_of(text.begin(), text.begin() + 12, [](char c) { return c >= '0' && c <= '9'; }))
    return {std::string(text.substr(0, 12)), std::string(text.substr(13))};
  return {"", std::string(text)};
}

std::string generate_external_id(std::size_t length) {
  length = std::clamp<std::size_t>(length, 32, 1224);
  // 64 symbols: each takes exactly 6 random bits, so there is no modulo bias.
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  static_assert(sizeof(kAlphabet) == 65);
  std::string out;
  out.reserve(length);
  try {
    // libstdc++ reads getrandom()/ /dev/urandom; Emscripten's libc++ random_device
    // calls getentropy(), which uses crypto.getRandomValues (browser) or
    // crypto.randomFillSync (Node).
    std::random_device rd;
    while (out.size() < length) {
      std::uint32_t bits = rd();
      for (int i = 0; i < 5 && out.size() < length; ++i, bits >>= 6) out += kAlphabet[bits & 63];
    }
  } catch (...) {
    return "";  // no entropy source: the caller reports it rather than using a weak id
  }
  return out;
}

}  // namespace stackengine
