#include "redact/prescan.hpp"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "redact/parallel.hpp"

namespace stackengine::detail {

void NewlineIndex::grow(std::size_t capacity) {
  std::unique_ptr<std::uint32_t[]> more(new std::uint32_t[capacity]);  // not zeroed
  if (size_) std::memcpy(more.get(), at_.get(), size_ * sizeof(std::uint32_t));
  at_ = std::move(more);
  capacity_ = capacity;
}

void NewlineIndex::append(const NewlineIndex& o) {
  if (o.size_ == 0) return;
  reserve_more(o.size_);
  std::memcpy(tail(), o.at_.get(), o.size_ * sizeof(std::uint32_t));
  size_ += o.size_;
}

namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

struct Part {
  std::size_t first_unusual = kNone;  // first block holding a NUL or a byte >= 0x80
  NewlineIndex newlines;
  std::vector<std::size_t> literal_at[kStandardLiteralCount];
};

// Positions [from, to) of `text`; reads up to 8 bytes past `to` where the text has them.
void scan_part(std::string_view text, std::size_t from, std::size_t to, Part& out) {
  static_assert(kMaxInputBytes <= UINT32_MAX, "newline positions are 32-bit");
  const char* p = text.data();
  const std::size_t n = text.size();
  out.newlines.reserve_more((to - from) / 8 + 64);
  const auto check_literals = [&](std::size_t at) {
    for (std::size_t k = 0; k < kStandardLiteralCount; ++k) {
      const std::string_view s = kStandardLiterals[k];
      if (n - at >= s.size() && std::memcmp(p + at, s.data(), s.size()) == 0) out.literal_at[k].push_back(at);
    }
  };
  std::size_t i = from;
#if defined(__SSE2__)
  // Sixteen positions per step. A literal's candidates are the positions where its
  // first byte and one later byte match (the first-and-last test of the
  // "SIMD-friendly" substring search), confirmed with memcmp; the loads reach 8
  // bytes ahead. Newlines: the first of a block is stored whether or not there is
  // one and counted only when there is (about half the blocks of a log have one, at
  // random, so a branch on it would be mispredicted half the time).
  const __m128i zero = _mm_setzero_si128(), nl = _mm_set1_epi8('\n');
  const __m128i first0 = _mm_set1_epi8('{'), other0 = _mm_set1_epi8('{');  // "{{" [1]
  const __m128i first1 = _mm_set1_epi8('9'), other1 = _mm_set1_epi8('0');  // "9900" [3]
  const __m128i first2 = _mm_set1_epi8('R'), other2 = _mm_set1_epi8('D');  // "REDACTED" [7]
  const __m128i first3 = _mm_set1_epi8('r'), other3 = _mm_set1_epi8('-');  // "redacted-" [8]
  for (; i + 16 <= to && i + 16 + 8 <= n; i += 16) {
    const __m128i a0 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    if (_mm_movemask_epi8(_mm_or_si128(a0, _mm_cmpeq_epi8(a0, zero))) != 0 && out.first_unusual == kNone)
      out.first_unusual = i;
    auto lines = static_cast<std::uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(a0, nl)));
    out.newlines.reserve_more(16);
    std::uint32_t* at = out.newlines.tail();
    const auto base = static_cast<std::uint32_t>(i);
    at[0] = base + static_cast<std::uint32_t>(__builtin_ctz(lines | 0x10000u));
    std::size_t added = lines != 0;
    lines &= lines - 1;
    while (lines) {  // a second newline within 16 bytes: short lines only
      at[added++] = base + static_cast<std::uint32_t>(__builtin_ctz(lines));
      lines &= lines - 1;
    }
    out.newlines.added(added);
    const __m128i a1 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    const __m128i a3 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 3));
    const __m128i a7 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 7));
    const __m128i a8 = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 8));
    const __m128i m0 = _mm_and_si128(_mm_cmpeq_epi8(a0, first0), _mm_cmpeq_epi8(a1, other0));
    const __m128i m1 = _mm_and_si128(_mm_cmpeq_epi8(a0, first1), _mm_cmpeq_epi8(a3, other1));
    const __m128i m2 = _mm_and_si128(_mm_cmpeq_epi8(a0, first2), _mm_cmpeq_epi8(a7, other2));
    const __m128i m3 = _mm_and_si128(_mm_cmpeq_epi8(a0, first3), _mm_cmpeq_epi8(a8, other3));
    auto mask = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(m0, m1), _mm_or_si128(m2, m3))));
    while (mask) {
      check_literals(i + static_cast<std::size_t>(__builtin_ctz(mask)));
      mask &= mask - 1;
    }
  }
#endif
  for (; i < to; ++i) {
    const unsigned char c = static_cast<unsigned char>(p[i]);
    if ((c == 0 || c >= 0x80) && out.first_unusual == kNone) out.first_unusual = i;
    if (c == '\n') {
      out.newlines.reserve_more(1);
      *out.newlines.tail() = static_cast<std::uint32_t>(i);
      out.newlines.added(1);
    }
    check_literals(i);
  }
}

}  // namespace

Prescan prescan(std::string_view text, bool use_threads) { return PrescanParts().finish(text, use_threads); }

struct PrescanParts::Part : detail::Part {};

PrescanParts::PrescanParts() : part_(std::make_unique<Part>()) {}
PrescanParts::~PrescanParts() = default;
PrescanParts::PrescanParts(PrescanParts&&) noexcept = default;
PrescanParts& PrescanParts::operator=(PrescanParts&&) noexcept = default;

void PrescanParts::add(std::string_view text, std::size_t to) {
  if (to <= done_) return;
  scan_part(text, done_, to, *part_);
  done_ = to;
}

Prescan PrescanParts::finish(std::string_view text, bool use_threads) {
  Prescan out;
  if (text.size() > kMaxInputBytes) {
    out.check = check_text(text);  // INPUT_TOO_LARGE, without reading it
    return out;
  }
  Part& first = *part_;
  detail::Part second;
  if (use_threads && text.size() - done_ >= (std::size_t{1} << 18)) {
    // Any cut works: every position belongs to one part, and the check only needs
    // the first unusual block (UTF-8 is validated from there, in one piece).
    const std::size_t mid = done_ + (text.size() - done_) / 2;
    run_both([&] { scan_part(text, done_, mid, first); }, [&] { scan_part(text, mid, text.size(), second); });
  } else {
    scan_part(text, done_, text.size(), first);
  }
  done_ = text.size();
  const std::size_t unusual = first.first_unusual != kNone ? first.first_unusual : second.first_unusual;
  if (unusual != kNone) out.check = check_text_from(text, unusual);
  out.newlines = std::move(first.newlines);
  out.newlines.append(second.newlines);
  for (std::size_t k = 0; k < kStandardLiteralCount; ++k) {
    out.literal_at[k] = std::move(first.literal_at[k]);
    out.literal_at[k].insert(out.literal_at[k].end(), second.literal_at[k].begin(), second.literal_at[k].end());
  }
  return out;
}

}  // namespace stackengine::detail
