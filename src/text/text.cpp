#include "stackengine/text.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace stackengine {
namespace {

// Length of the UTF-8 sequence starting at s[i], or 0 when it is invalid
// (overlong forms, surrogates and code points above U+10FFFF are invalid).
std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if ((b(i + k) & 0xC0) != 0x80) return 0;
  return n;
}

std::size_t utf16_units(std::string_view s, std::size_t from, std::size_t to) {
  std::size_t units = 0;
  for (std::size_t i = from; i < to; ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if ((c & 0xC0) != 0x80) units += (c >= 0xF0) ? 2 : 1;
  }
  return units;
}

std::size_t code_points(std::string_view s, std::size_t from, std::size_t to) {
  std::size_t n = 0;
  for (std::size_t i = from; i < to; ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

TextCheck check_text(std::string_view text) { return detail::check_text_from(text, 0); }

TextCheck detail::check_text_from(std::string_view text, std::size_t from) {
  TextCheck result;
  if (text.size() > kMaxInputBytes) {
    result.error = {"INPUT_TOO_LARGE",
                    "The input is " + std::to_string(text.size() >> 20) +
                        " MiB; the limit is " + std::to_string(kMaxInputBytes >> 20) + " MiB.",
                    {}};
    return result;
  }
  std::size_t i = std::min(from, text.size());
  while (i < text.size()) {
    // ASCII fast path: most configs are pure ASCII. 32 bytes at a time with SSE2
    // (WebAssembly SIMD in the wasm build), then eight, while none has the high bit
    // set and none is NUL.
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    while (i + 32 <= text.size()) {
      const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i + 16));
      const __m128i nul = _mm_or_si128(_mm_cmpeq_epi8(a, zero), _mm_cmpeq_epi8(b, zero));
      if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), nul)) != 0) break;
      i += 32;
    }
#endif
    while (i + 8 <= text.size()) {
      std::uint64_t w;
      std::memcpy(&w, text.data() + i, sizeof w);
      const std::uint64_t has_zero = (w - 0x0101010101010101ull) & ~w;
      if ((w | has_zero) & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= text.size()) break;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c != 0 && c < 0x80) {
      ++i;
      continue;
    }
    if (c == 0) {
      result.error = {"INPUT_BINARY",
                      "The input contains a NUL byte, so it looks like binary data, not text.",
                      LineIndex(text).locate(i)};
      return result;
    }
    const std::size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      result.error = {"INPUT_INVALID_UTF8",
                      "The input is not valid UTF-8 (a malformed byte sequence starts here).",
                      LineIndex(text).locate(i)};
      return result;
    }
    i += n;
  }
  return result;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  line_starts_utf16_.push_back(0);
  std::size_t prev = 0, units = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      units += utf16_units(text, prev, i + 1);
      prev = i + 1;
      line_starts_.push_back(i + 1);
      line_starts_utf16_.push_back(units);
    }
  }
}

SourceLocation LineIndex::locate(std::size_t byte_offset) const {
  byte_offset = std::min(byte_offset, text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  const std::size_t line = static_cast<std::size_t>(it - line_starts_.begin());  // 1-based
  const std::size_t start = line_starts_[line - 1];
  SourceLocation loc;
  loc.offset = byte_offset;
  loc.line = line;
  loc.column = code_points(text_, start, byte_offset) + 1;
  loc.offset_utf16 = line_starts_utf16_[line - 1] + utf16_units(text_, start, byte_offset);
  return loc;
}

SourceLocation ForwardLocator::locate(std::size_t offset) {
  if (offset > text_.size()) offset = text_.size();
  if (offset < cur_.offset) cur_ = SourceLocation{};
  const char* p = text_.data();
  std::size_t i = cur_.offset;
#if defined(__SSE2__)
  // Sixteen bytes per step in one pass instead of a memchr per line plus a count
  // (~1.6 -> ~0.4 ms for the 25k calls of the 5 MB bench corpus' findings, lines of
  // ~100 bytes). State lives in locals (stores to cur_ could alias the text's
  // bytes, so the compiler would reload them every step); there is no branch on
  // newlines: an ASCII block adds 16 code points, its newlines are summed in a byte
  // vector (flushed before a lane can overflow), and the last of them moves the
  // start of the line (a conditional move). The last, partial block of a call is
  // read whole and masked (calls are ~200 bytes apart, so a byte loop there cost as
  // much as the blocks), unless it would read past the text. Blocks with other
  // bytes go byte by byte.
  if (i < offset && i + 16 <= text_.size()) {
    std::size_t points = cur_.column - 1;  // code points, counted from the line's start
    std::size_t line_start = 0;            // `points` where the current line began
    const std::size_t base_units = cur_.offset_utf16 - points;
    std::size_t astral = 0, lines = 0;
    const __m128i newline = _mm_set1_epi8('\n'), zero = _mm_setzero_si128();
    __m128i counts = zero;  // newlines per byte lane
    unsigned steps = 0;     // 16-byte blocks in `counts`; a lane must stay below 256
    const auto flush = [&] {
      const __m128i sums = _mm_sad_epu8(counts, zero);
      lines += static_cast<std::size_t>(_mm_cvtsi128_si32(sums)) +
               static_cast<std::size_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums)));
      counts = zero;
      steps = 0;
    };
    const auto bytewise = [&](std::size_t from, std::size_t to) {
      for (std::size_t k = from; k < to; ++k) {
        const unsigned char c = static_cast<unsigned char>(p[k]);
        points += (c & 0xC0) != 0x80;
        astral += c >= 0xF0;
        if (c == '\n') {
          ++lines;
          line_start = points;
        }
      }
    };
    // Four blocks at a time while they are all ASCII: one test for other bytes, and
    // the four newline masks joined into one 64-bit mask for the last newline.
    while (i + 64 <= offset) {
      const auto* q = reinterpret_cast<const __m128i*>(p + i);
      const __m128i v0 = _mm_loadu_si128(q), v1 = _mm_loadu_si128(q + 1), v2 = _mm_loadu_si128(q + 2),
                    v3 = _mm_loadu_si128(q + 3);
      if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(v0, v1), _mm_or_si128(v2, v3))) != 0) break;
      const __m128i e0 = _mm_cmpeq_epi8(v0, newline), e1 = _mm_cmpeq_epi8(v1, newline),
                    e2 = _mm_cmpeq_epi8(v2, newline), e3 = _mm_cmpeq_epi8(v3, newline);
      counts = _mm_sub_epi8(_mm_sub_epi8(counts, _mm_add_epi8(e0, e1)), _mm_add_epi8(e2, e3));
      const std::uint64_t mask = static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(e0))) |
                                 static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(e1))) << 16 |
                                 static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(e2))) << 32 |
                                 static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(e3))) << 48;
      line_start = mask ? points + 64 - static_cast<std::size_t>(__builtin_clzll(mask | 1)) : line_start;
      points += 64;
      i += 64;
      if ((steps += 4) > 251) flush();  // a lane gains at most one per 16 bytes
    }
    while (i < offset && i + 16 <= text_.size()) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
      const std::size_t take = std::min<std::size_t>(16, offset - i);
      const unsigned valid = take == 16 ? 0xFFFFu : (1u << take) - 1;
      if ((static_cast<unsigned>(_mm_movemask_epi8(v)) & valid) != 0) {
        bytewise(i, i + take);
      } else if (take == 16) {
        const __m128i eq = _mm_cmpeq_epi8(v, newline);
        const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(eq));
        counts = _mm_sub_epi8(counts, eq);
        // Past the last newline of the block: 32 - clz is its index + 1.
        line_start = mask ? points + 32 - static_cast<std::size_t>(__builtin_clz(mask | 1)) : line_start;
        points += 16;
        if (++steps > 251) flush();
      } else {
        unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline))) & valid;
        if (mask) line_start = points + 32 - static_cast<std::size_t>(__builtin_clz(mask));
        for (; mask; mask &= mask - 1) ++lines;
        points += take;
      }
      i += take;
    }
    flush();
    cur_.line += lines;
    cur_.column = points - line_start + 1;
    cur_.offset_utf16 = base_units + points + astral;
  }
#endif
  while (i < offset) {
    // Jump line by line, then count the code points (and UTF-16 units) of the part
    // of the line before `offset`.
    const void* nl = std::memchr(p + i, '\n', offset - i);
    const std::size_t stop = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - p) : offset;
    // Code points are the bytes that are not continuation bytes; 4-byte sequences
    // take two UTF-16 units. Eight ASCII bytes at a time, then byte by byte.
    std::size_t points = 0, astral = 0;
    for (; i + 8 <= stop; i += 8) {
      std::uint64_t w;
      std::memcpy(&w, p + i, sizeof w);
      if (w & 0x8080808080808080ull) break;
      points += 8;
    }
    for (; i < stop; ++i) {
      const unsigned char c = static_cast<unsigned char>(p[i]);
      points += (c & 0xC0) != 0x80;
      astral += c >= 0xF0;
    }
    cur_.column += points;
    cur_.offset_utf16 += points + astral;
    if (nl) {
      ++cur_.line;
      cur_.column = 1;
      ++cur_.offset_utf16;
      ++i;
    }
  }
  cur_.offset = offset;
  return cur_;
}

}  // namespace stackengine

#include <malloc.h>

namespace stackengine {
std::size_t heap_bytes_in_use() {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  return static_cast<std::size_t>(mallinfo2().uordblks);
#else
  return static_cast<std::size_t>(mallinfo().uordblks);
#endif
}
}  // namespace stackengine
