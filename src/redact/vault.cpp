#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>

#include "redact/hash_table.hpp"
#include "redact/keywords.hpp"
#include "stackengine/redact.hpp"

namespace stackengine {

namespace {

using detail::equal_bytes;
using detail::hash_bytes;
using detail::probe;
using detail::reserve_for;

// A (kind, value) key is hashed from both strings, so that find() needs no lookup of
// the kind first.
std::uint64_t value_hash(std::string_view kind, std::string_view value) { return detail::hash_pair(kind, value); }

}  // namespace

struct Vault::RestoreIndex {
  std::size_t size = 0;
  std::vector<std::string> placeholders;
  std::vector<std::size_t> entries;  // into log_, per placeholder
  detail::KeywordAutomaton automaton;
};

Vault::Vault() = default;
Vault::~Vault() = default;
// The tables hold indices, not pointers, so they copy as they are; the restore
// index is rebuilt on demand.
Vault::Vault(const Vault& o)
    : bytes_(o.bytes_),
      log_(o.log_),
      kinds_(o.kinds_),
      counters_(o.counters_),
      kind_slots_(o.kind_slots_),
      by_value_(o.by_value_),
      by_placeholder_(o.by_placeholder_),
      placeholders_(o.placeholders_) {}
Vault& Vault::operator=(const Vault& o) {
  if (this != &o) {
    Vault copy(o);
    *this = std::move(copy);
  }
  return *this;
}
// A moved deque keeps its elements where they are, so references handed out by
// find() and add() stay valid.
Vault::Vault(Vault&&) noexcept = default;
Vault& Vault::operator=(Vault&&) noexcept = default;

bool Vault::find_kind(std::string_view kind, std::uint32_t& id) const {
  if (kind_slots_.empty()) return false;
  auto& s = probe(kind_slots_, hash_bytes(kind, 0), [&](std::uint32_t k) { return equal_bytes(kinds_[k], kind); });
  if (s.entry == 0) return false;
  id = s.entry - 1;
  return true;
}

std::uint32_t Vault::intern_kind(std::string_view kind) {
  std::uint32_t id;
  if (find_kind(kind, id)) return id;
  reserve_for(kind_slots_, kinds_.size() + 1);
  id = static_cast<std::uint32_t>(kinds_.size());
  kinds_.emplace_back(kind);
  counters_.push_back(0);
  const std::uint64_t h = hash_bytes(kind, 0);
  probe(kind_slots_, h, [](std::uint32_t) { return false; }) = Slot{h, id + 1};
  return id;
}

bool Vault::knows_placeholder(std::string_view p) const {
  if (by_placeholder_.empty()) return false;
  return probe(by_placeholder_, hash_bytes(p, 0), [&](std::uint32_t e) { return equal_bytes(log_[e].placeholder, p); })
             .entry != 0;
}

const std::string* Vault::find(std::string_view kind, std::string_view value) const {
  if (by_value_.empty()) return nullptr;
  const auto& s = probe(by_value_, value_hash(kind, value),
                        [&](std::uint32_t e) {
                          return equal_bytes(value_of(log_[e]), value) && equal_bytes(kinds_[log_[e].kind], kind);
                        });
  return s.entry == 0 ? nullptr : &log_[s.entry - 1].placeholder;
}

const std::string& Vault::add(std::string_view kind, std::string_view value, std::string p) {
  const std::uint32_t k = intern_kind(kind);
  const std::uint32_t i = static_cast<std::uint32_t>(log_.size());
  const std::uint64_t vh = value_hash(kind, value), ph = hash_bytes(p, 0);
  // Tables first: if growing one fails (out of memory), no half-recorded entry.
  reserve_for(by_value_, log_.size() + 1);
  reserve_for(by_placeholder_, placeholders_ + 1);
  const std::size_t at = bytes_.size();
  bytes_.append(value);
  log_.push_back({k, static_cast<std::uint32_t>(value.size()), at, std::move(p)});
  const Entry& e = log_.back();
  // A key added again (an imported vault may hold a value twice) now means the
  // newer entry, as a map assignment would.
  probe(by_value_, vh, [&](std::uint32_t o) { return log_[o].kind == k && equal_bytes(value_of(log_[o]), value_of(e)); }) =
      Slot{vh, i + 1};
  Slot& ps = probe(by_placeholder_, ph, [&](std::uint32_t o) { return log_[o].placeholder == e.placeholder; });
  if (ps.entry == 0) ++placeholders_;
  ps = Slot{ph, i + 1};
  ++counters_[k];
  return e.placeholder;
}

std::size_t Vault::count(std::string_view kind) const {
  std::uint32_t k;
  return find_kind(kind, k) ? counters_[k] : 0;
}

std::string Vault::to_json() const {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& e : log_)
    entries.push_back({{"kind", kinds_[e.kind]}, {"value", std::string(value_of(e))}, {"placeholder", e.placeholder}});
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
  if (vault.size() == 0) return std::string(text);
  auto& index = vault.restore_index_;
  if (!index || index->size != vault.size()) {
    auto fresh = std::make_shared<Vault::RestoreIndex>();
    fresh->size = vault.size();
    for (std::size_t i = 0; i < vault.log_.size(); ++i) {  // placeholders are unique (add() requires a new one)
      fresh->placeholders.push_back(vault.log_[i].placeholder);
      fresh->entries.push_back(i);
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
    out.append(vault.value_of(vault.log_[index->entries[h.which]]));
    last = h.start + index->placeholders[h.which].size();
  }
  out.append(text.substr(last));
  return out;
}

}  // namespace stackengine
