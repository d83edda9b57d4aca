#include "stackengine/redact.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <iterator>

namespace stackengine {
namespace {

// ARN: arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE. Partition, service and region
// are kept (they are not identifying and the fix needs them); the account and the
// resource name are replaced. AWS-owned ARNs (account field "aws" or empty, e.g.
// arn:aws:iam::aws:policy/...) do not match because the account must be 12 digits.
constexpr const char* kArnPattern =
    R"(arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc):)"
    R"(([a-z0-9-]*):([a-z0-9-]*):(\d{12}):([^\s"'`,;<>\\\]\)\}]+))";
// A bare 12-digit number not glued to other digits or letters.
constexpr const char* kAccountPattern = R"((?:^|[^0-9A-Za-z])(\d{12})(?:$|[^0-9A-Za-z]))";

const RE2& arn_re() {
  static const RE2 re(kArnPattern);
  return re;
}
const RE2& account_re() {
  static const RE2 re(kAccountPattern);
  return re;
}

struct Span {
  std::size_t start, end;
  std::string replacement;
  std::string rule;
};

}  // namespace

RedactResult redact(std::string_view text, Vault& vault) {
  RedactResult result;
  if (TextCheck check = check_text(text); !check.ok()) {
    result.error = check.error;
    return result;
  }
  // A placeholder account id must be neither the original nor present in the input,
  // or restore() could not tell them apart.
  auto mint_account = [&](std::size_t n) {
    for (std::size_t k = n;; k += 1000) {
      std::string id = std::to_string(k + 1);
      id = "9" + std::string(11 - id.size(), '0') + id;
      if (text.find(id) == std::string_view::npos && !vault.knows_placeholder(id)) return id;
    }
  };
  auto account_placeholder = [&](std::string_view id) {
    return vault.placeholder_for("aws-account-id", id, mint_account);
  };

  std::vector<Span> spans;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece partition, service, region, account, resource;
  re2::StringPiece whole;
  std::size_t pos = 0;
  while (pos < text.size() &&
         arn_re().Match(input, pos, text.size(), RE2::UNANCHORED, &whole, 1) &&
         RE2::PartialMatch(whole, arn_re(), &partition, &service, &region, &account, &resource)) {
    const std::size_t acct_start = static_cast<std::size_t>(account.data() - text.data());
    spans.push_back({acct_start, acct_start + account.size(),
                     account_placeholder(std::string_view(account.data(), account.size())),
                     "aws-account-id"});
    // Keep the resource type ("role/", "user/", "assumed-role/"): the fix needs it.
    std::string_view res(resource.data(), resource.size());
    const std::size_t cut = res.find_first_of("/:");
    if (cut != std::string_view::npos && cut + 1 < res.size()) {
      const std::size_t name_start =
          static_cast<std::size_t>(resource.data() - text.data()) + cut + 1;
      std::string_view name = res.substr(cut + 1);
      std::string type(res.substr(0, cut));
      spans.push_back({name_start, name_start + name.size(),
                       vault.placeholder_for("arn-resource", name,
                                             [&](std::size_t n) {
                                               return "redacted-" + type + "-" +
                                                      std::to_string(n + 1);
                                             }),
                       "aws-arn-resource"});
    }
    pos = static_cast<std::size_t>(whole.data() - text.data()) + whole.size();
  }
  // Standalone account ids outside ARNs.
  const std::size_t arn_span_count = spans.size();
  pos = 0;
  re2::StringPiece id;
  while (pos < text.size() &&
         account_re().Match(input, pos, text.size(), RE2::UNANCHORED, &whole, 2)) {
    RE2::PartialMatch(whole, account_re(), &id);
    const std::size_t start = static_cast<std::size_t>(id.data() - text.data());
    // ARN spans were found left to right, so they are sorted by start.
    const auto next = std::upper_bound(
        spans.begin(), spans.begin() + static_cast<std::ptrdiff_t>(arn_span_count), start,
        [](std::size_t at, const Span& s) { return at < s.start; });
    const bool inside = next != spans.begin() && start < std::prev(next)->end;
    if (!inside)
      spans.push_back({start, start + id.size(),
                       account_placeholder(std::string_view(id.data(), id.size())),
                       "aws-account-id"});
    pos = start + id.size();
  }
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.start < b.start; });

  const LineIndex index(text);
  result.redacted.reserve(text.size());
  std::size_t last = 0;
  for (const Span& s : spans) {
    result.redacted.append(text.substr(last, s.start - last));
    result.redacted.append(s.replacement);
    last = s.end;
    RedactFinding f;
    f.rule = s.rule;
    f.category = "aws-identifier";
    f.severity = s.rule == "aws-account-id" ? "medium" : "low";
    f.start = index.locate(s.start);
    f.end = index.locate(s.end);
    f.placeholder = s.replacement;
    result.findings.push_back(std::move(f));
  }
  result.redacted.append(text.substr(last));
  return result;
}

std::string restore(std::string_view text, const Vault& vault) {
  // Longest placeholders first so that one placeholder that prefixes another
  // cannot split it.
  std::vector<std::pair<std::string, std::string>> entries(vault.entries().begin(),
                                                           vault.entries().end());
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    bool replaced = false;
    for (const auto& [placeholder, value] : entries) {
      if (text.compare(i, placeholder.size(), placeholder) == 0) {
        out += value;
        i += placeholder.size();
        replaced = true;
        break;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

}  // namespace stackengine
