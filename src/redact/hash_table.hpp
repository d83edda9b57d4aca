// Hashing and open addressing shared by the Vault and the Minter: they look up
// short byte strings once or twice per finding, where std::unordered_map's node per
// entry and std::hash's per-call cost showed in profiles. A table is a power-of-two
// std::vector of slots with fields `hash` (64 bits) and `entry` (index + 1 into the
// owner's entries; 0 marks an empty slot); the owner keeps the keys.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace stackengine::detail {

// 64-bit hash: eight bytes per multiply, then murmur3's finaliser so that the low
// bits (the table index) depend on every input bit. In memory only; never
// exported, so it may change.
inline constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;

inline std::uint64_t hash_finish(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ull;
  x ^= x >> 33;
  return x;
}

// Unaligned loads of eight and four bytes (a fixed-size memcpy is one load).
inline std::uint64_t load64(const char* p) {
  std::uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
inline std::uint64_t load32(const char* p) {
  std::uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

// Folds `s` into `h`, eight bytes per multiply. The last partial word is read with
// overlapping fixed-size loads rather than a variable-length memcpy (a libc call).
inline std::uint64_t hash_absorb(std::uint64_t h, std::string_view s) {
  const auto mix = [](std::uint64_t h, std::uint64_t w) { return ((h << 29 | h >> 35) ^ w) * kMul; };
  const char* p = s.data();
  const std::size_t n = s.size();
  h = (h + n) * kMul;
  if (n >= 8) {
    std::size_t i = 0;
    for (; i + 8 <= n; i += 8) h = mix(h, load64(p + i));
    if (i < n) h = mix(h, load64(p + n - 8));
  } else if (n >= 4) {
    h = mix(h, load32(p) | load32(p + n - 4) << 32);
  } else if (n > 0) {
    const auto byte = [&](std::size_t k) { return static_cast<std::uint64_t>(static_cast<unsigned char>(p[k])); };
    h = mix(h, byte(0) | byte(n / 2) << 8 | byte(n - 1) << 16);
  }
  return h;
}

inline std::uint64_t hash_bytes(std::string_view s, std::uint64_t seed = 0) { return hash_finish(hash_absorb(seed, s)); }

// Whether a[0, n) and b[0, n) hold the same bytes: eight at a time, the last eight
// (or four) overlapping. The keys these tables compare are 8-100 bytes; WebAssembly
// builds' memcmp is a byte-at-a-time loop (musl's), which showed in profiles.
inline bool equal_bytes(const char* a, const char* b, std::size_t n) {
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (load64(a + i) != load64(b + i)) return false;
    return load64(a + n - 8) == load64(b + n - 8);
  }
  if (n >= 4) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  for (std::size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}
inline bool equal_bytes(std::string_view a, std::string_view b) {
  return a.size() == b.size() && equal_bytes(a.data(), b.data(), a.size());
}

// Two strings as one key (the length of each is mixed in, so ("ab","c") and
// ("a","bc") differ).
inline std::uint64_t hash_pair(std::string_view a, std::string_view b) {
  return hash_finish(hash_absorb(hash_absorb(0, a), b));
}

// Linear probing in a power-of-two table: the slot holding the key `same` accepts,
// or the empty slot where it would go.
template <typename Slots, typename Same>
inline auto& probe(Slots& slots, std::uint64_t hash, Same same) {
  const std::size_t mask = slots.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    auto& s = slots[i];
    if (s.entry == 0 || (s.hash == hash && same(s.entry - 1))) return s;
  }
}

// Keeps the load at most one half, so probes stay short and an empty slot exists.
template <typename Slots>
inline void reserve_for(Slots& slots, std::size_t keys) {
  if (!slots.empty() && keys * 2 <= slots.size()) return;
  std::size_t size = slots.empty() ? 64 : slots.size();
  while (keys * 2 > size) size *= 2;
  Slots bigger(size);
  for (const auto& s : slots)
    if (s.entry) {
      std::size_t i = s.hash & (size - 1);
      while (bigger[i].entry) i = (i + 1) & (size - 1);
      bigger[i] = s;
    }
  slots.swap(bigger);
}

}  // namespace stackengine::detail
