#include <nlohmann/json.hpp>

#include <algorithm>

#include "redact/keywords.hpp"
#include "stackengine/redact.hpp"

namespace stackengine {

struct Vault::RestoreIndex {
  std::size_t size = 0;
  std::vector<std::string> placeholders;
  std::vector<const std::string*> values;
  detail::KeywordAutomaton automaton;
};

Vault::Vault() = default;
Vault::~Vault() = default;
Vault::Vault(const Vault& o) : log_(o.log_), counters_(o.counters_) {
  for (std::size_t i = 0; i < log_.size(); ++i) {
    by_value_[log_[i].key] = i;
    by_placeholder_[log_[i].placeholder] = i;
  }
}
Vault& Vault::operator=(const Vault& o) {
  if (this != &o) {
    Vault copy(o);
    *this = std::move(copy);
  }
  return *this;
}
// A moved deque keeps its elements where they are, so the maps' views stay valid.
Vault::Vault(Vault&&) noexcept = default;
Vault& Vault::operator=(Vault&&) noexcept = default;

bool Vault::knows_placeholder(std::string_view p) const { return by_placeholder_.count(p) != 0; }

const std::string* Vault::find(std::string_view kind, std::string_view value) const {
  thread_local std::string key;  // reused: no allocation per lookup
  key.assign(kind);
  key.push_back('\x1f');
  key.append(value);
  auto it = by_value_.find(key);
  return it == by_value_.end() ? nullptr : &log_[it->second].placeholder;
}

const std::string& Vault::add(std::string_view kind, std::string_view value, std::string p) {
  std::string key;
  key.reserve(kind.size() + 1 + value.size());
  key.append(kind);
  key.push_back('\x1f');
  key.append(value);
  log_.push_back({std::string(kind), std::string(value), std::move(p), std::move(key)});
  const std::size_t i = log_.size() - 1;
  by_value_[log_[i].key] = i;
  by_placeholder_[log_[i].placeholder] = i;
  auto c = counters_.find(kind);
  if (c == counters_.end()) c = counters_.emplace(std::string(kind), 0).first;
  ++c->second;
  return log_[i].placeholder;
}

std::size_t Vault::count(std::string_view kind) const {
  auto c = counters_.find(kind);
  return c == counters_.end() ? 0 : c->second;
}

std::string Vault::to_json() const {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& e : log_)
    entries.push_back({{"kind", e.kind}, {"value", e.value}, {"placeholder", e.placeholder}});
  nlohmann::json doc = {{"version", 1}, {"entries", std::move(entries)}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

VaultImport Vault::from_json(std::string_view json) {
  VaultImport out;
  auto fail = [&](const std::string& message) {
    out.vault = Vault();
    out.error.code = "VAULT_JSON";
    out.error.message = message;
  };
  try {
    const nlohmann::json doc = nlohmann::json::parse(json.begin(), json.end());
    if (!doc.is_object() || doc.value("version", 0) != 1 || !doc.contains("entries") ||
        !doc["entries"].is_array()) {
      fail("The vault file is not a StackEngine vault (expected {\"version\": 1, \"entries\": [...]}).");
      return out;
    }
    for (const auto& e : doc["entries"]) {
      if (!e.is_object() || !e.contains("kind") || !e.contains("value") || !e.contains("placeholder") ||
          !e["kind"].is_string() || !e["value"].is_string() || !e["placeholder"].is_string()) {
        fail("A vault entry lacks kind, value or placeholder.");
        return out;
      }
      const std::string p = e["placeholder"].get<std::string>();
      if (p.empty() || out.vault.knows_placeholder(p)) {
        fail("The vault has an empty or repeated placeholder.");
        return out;
      }
      out.vault.add(e["kind"].get<std::string>(), e["value"].get<std::string>(), p);
    }
  } catch (const nlohmann::json::parse_error& e) {
    fail("The vault file is not valid JSON (byte " + std::to_string(e.byte) + ").");
    out.error.location.offset = e.byte > 0 ? e.byte - 1 : 0;
  } catch (const std::exception&) {
    fail("The vault file could not be read.");
  }
  return out;
}

std::string restore(std::string_view text, const Vault& vault) {
  if (vault.by_placeholder_.empty()) return std::string(text);
  auto& index = vault.restore_index_;
  if (!index || index->size != vault.by_placeholder_.size()) {
    auto fresh = std::make_shared<Vault::RestoreIndex>();
    fresh->size = vault.by_placeholder_.size();
    for (const auto& e : vault.log_) {  // placeholders are unique (add() requires a new one)
      fresh->placeholders.push_back(e.placeholder);
      fresh->values.push_back(&e.value);
    }
    fresh->automaton = detail::KeywordAutomaton(fresh->placeholders, /*fold_case=*/false);
    index = std::move(fresh);
  }
  // One pass collects every occurrence; then leftmost-longest, non-overlapping.
  struct Hit {
    std::size_t start;
    std::uint32_t which;
  };
  std::vector<Hit> hits;
  index->automaton.scan(text, [&](std::uint32_t k, std::size_t end) {
    hits.push_back({end - index->placeholders[k].size(), k});
  });
  std::sort(hits.begin(), hits.end(), [&](const Hit& a, const Hit& b) {
    if (a.start != b.start) return a.start < b.start;
    return index->placeholders[a.which].size() > index->placeholders[b.which].size();
  });
  std::string out;
  out.reserve(text.size());
  std::size_t last = 0;
  for (const Hit& h : hits) {
    if (h.start < last) continue;
    out.append(text.substr(last, h.start - last));
    out.append(*index->values[h.which]);
    last = h.start + index->placeholders[h.which].size();
  }
  out.append(text.substr(last));
  return out;
}

}  // namespace stackengine
