#include "redact/mint.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace stackengine::detail {
namespace {

void find_all(std::string_view text, std::string_view literal, std::vector<std::size_t>& at) {
  // memmem (two-way search) instead of string_view::find, which stops at every
  // occurrence of the literal's first byte ('r' of "redacted-").
  const char* base = text.data();
  const char* end = base + text.size();
  for (const char* hit = base; hit < end;) {
    hit = static_cast<const char*>(::memmem(hit, static_cast<std::size_t>(end - hit), literal.data(), literal.size()));
    if (!hit) break;
    at.push_back(static_cast<std::size_t>(hit - base));
    ++hit;
  }
}

void append_number(std::string& out, std::size_t n) {
  char digits[24];
  const auto r = std::to_chars(digits, digits + sizeof digits, n);
  out.append(digits, r.ptr);
}

}  // namespace

std::size_t InputProbe::literal_index(std::string_view literal) {
  for (std::size_t k = 0; k < literals_.size(); ++k)
    if (literals_[k].bytes == literal) return k;
  literals_.push_back({std::string(literal), {}});
  find_all(text_, literal, literals_.back().at);
  return literals_.size() - 1;
}

bool InputProbe::contains(std::string_view candidate, std::size_t from, std::size_t len) {
  const std::size_t li = literal_index(candidate.substr(from, len));
  if (literals_[li].at.empty()) return false;  // the usual case: one comparison
  const std::size_t size = candidate.size();
  auto shape = std::find_if(shapes_.begin(), shapes_.end(),
                            [&](const Shape& s) { return s.literal == li && s.from == from && s.size == size; });
  if (shape == shapes_.end()) {
    Shape s{li, from, size, {}};
    for (std::size_t p : literals_[li].at)
      if (p >= from && text_.size() - (p - from) >= size) s.seen.insert(text_.substr(p - from, size));
    shapes_.push_back(std::move(s));
    shape = shapes_.end() - 1;
  }
  return shape->seen.count(candidate) != 0;
}

const std::string& Minter::label(std::string_view label, std::string_view value) {
  if (const std::string* p = vault_.find(label, value)) return *p;
  for (std::size_t n = vault_.count(label) + 1;; ++n) {
    candidate_.assign("{{").append(label).push_back('_');
    append_number(candidate_, n);
    candidate_.append("}}");
    if (usable(candidate_, 0, 2)) return vault_.add(label, value, candidate_);
  }
}

const std::string& Minter::account(std::string_view value) {
  if (const std::string* p = vault_.find("account-id", value)) return *p;
  for (std::size_t n = vault_.count("account-id") + 1;; ++n) {
    // "99" and n zero-padded to ten digits; past 10^10 the last twelve digits.
    candidate_.assign("99");
    const std::size_t mark = candidate_.size();
    append_number(candidate_, n);
    const std::size_t digits = candidate_.size() - mark;
    if (digits < 10) candidate_.insert(mark, 10 - digits, '0');
    if (candidate_.size() != 12) candidate_.erase(0, candidate_.size() - 12);
    if (candidate_ != value && usable(candidate_, 0, 4)) return vault_.add("account-id", value, candidate_);
  }
}

const std::string& Minter::access_key(std::string_view value) {
  if (const std::string* p = vault_.find("access-key-id", value)) return *p;
  for (std::size_t n = vault_.count("access-key-id") + 1;; ++n) {
    candidate_.assign(value.substr(0, 4)).append("REDACTED").append(8, 'A');
    char* tail = candidate_.data() + candidate_.size() - 8;
    for (std::size_t k = n, i = 8; i-- > 0 && k; k /= 26) tail[i] = static_cast<char>('A' + k % 26);
    if (candidate_ != value && usable(candidate_, 4, 8)) return vault_.add("access-key-id", value, candidate_);
  }
}

const std::string& Minter::arn(std::string_view value) {
  // The first five colons, in one walk (string_view::find would call memchr per
  // field, and find_first_of calls it per byte; fields are a few bytes long).
  std::size_t cut[5];
  int cuts = 0;
  for (std::size_t i = 0; i < value.size() && cuts < 5; ++i)
    if (value[i] == ':') cut[cuts++] = i;
  if (cuts < 5) return label("AWS_ARN", value);
  const std::string_view service = value.substr(cut[1] + 1, cut[2] - cut[1] - 1);
  const std::string_view account_field = value.substr(cut[3] + 1, cut[4] - cut[3] - 1);
  const std::string_view resource = value.substr(cut[4] + 1);
  arn_.assign(value.substr(0, cut[3] + 1));
  const bool account_is_id = account_field.size() == 12 && std::all_of(account_field.begin(), account_field.end(),
                                                                       [](char c) { return c >= '0' && c <= '9'; });
  if (account_is_id)
    arn_.append(account(account_field));
  else
    arn_.append(account_field);
  arn_.push_back(':');
  std::string_view type, name = resource;
  if (service != "s3") {
    std::size_t sep = 0;
    while (sep < resource.size() && resource[sep] != '/' && resource[sep] != ':') ++sep;
    if (sep < resource.size()) {
      type = resource.substr(0, sep + 1);
      name = resource.substr(sep + 1);
    }
  }
  arn_.append(type);
  // ":root" is the account principal itself, "*" names nothing: both stay.
  if (name.empty() || name == "*" || (type.empty() && name == "root")) {
    arn_.append(name);
  } else {
    kind_.assign("arn-name:");
    kind_.append(type.empty() ? (service == "s3" ? std::string_view("bucket") : service) : type.substr(0, type.size() - 1));
    arn_.append(resource_name(name));
  }
  return arn_;
}

// The vault kind is kind_ ("arn-name:<type>"); placeholders are redacted-<type>-n.
const std::string& Minter::resource_name(std::string_view value) {
  if (const std::string* p = vault_.find(kind_, value)) return *p;
  for (std::size_t n = vault_.count(kind_) + 1;; ++n) {
    candidate_.assign("redacted-");
    for (char c : std::string_view(kind_).substr(9))
      candidate_.push_back(((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') ? c : '-');
    candidate_.push_back('-');
    append_number(candidate_, n);
    if (usable(candidate_, 0, 9)) return vault_.add(kind_, value, candidate_);
  }
}

}  // namespace stackengine::detail
