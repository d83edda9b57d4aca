#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "policy/arn.hpp"
#include "render/text_out.hpp"
#include "stackengine/json.hpp"
#include "stackengine/policy_fix.hpp"
#include "stackengine/render.hpp"

namespace stackengine {
namespace {

using ojson = nlohmann::ordered_json;

constexpr std::string_view kExternalIdKey = "sts:ExternalId";
constexpr std::string_view kPrincipalArnKey = "aws:PrincipalArn";
constexpr std::string_view kGithubHost = "token.actions.githubusercontent.com";
constexpr std::string_view kGithubAud = "token.actions.githubusercontent.com:aud";
constexpr std::string_view kGithubSub = "token.actions.githubusercontent.com:sub";
constexpr std::string_view kGithubAudValue = "sts.amazonaws.com";  // aws-actions/configure-aws-credentials
constexpr std::string_view kSamlAud = "SAML:aud";
constexpr std::string_view kSamlAudDefault = "https://signin.aws.amazon.com/saml";

// ---- small helpers ----------------------------------------------------------

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
bool ieq(std::string_view a, std::string_view b) { return a.size() == b.size() && lower(a) == lower(b); }
bool istarts(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && ieq(s.substr(0, prefix.size()), prefix);
}
bool has_wildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

// IAM's *-and-? matching (StringLike, ArnLike segments).
bool like(std::string_view pattern, std::string_view s) {
  std::size_t p = 0, i = 0, star = std::string_view::npos, mark = 0;
  while (i < s.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == s[i])) {
      ++p, ++i;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++, mark = i;
    } else if (star != std::string_view::npos) {
      p = star + 1, i = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string q(std::string_view s) { return "\"" + render::json_escape(s) + "\""; }

bool is_account_id(std::string_view s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Account of "arn:PARTITION:SERVICE:REGION:ACCOUNT:..." or of a bare 12-digit id; "" if none.
std::string account_of(std::string_view principal) {
  if (is_account_id(principal)) return std::string(principal);
  if (!istarts(principal, "arn:")) return "";
  return policy_detail::arn_account_field(principal);
}
std::string partition_of(std::string_view arn) {
  if (!istarts(arn, "arn:")) return "aws";
  const std::size_t end = arn.find(':', 4);
  return end == std::string_view::npos ? "aws" : std::string(arn.substr(4, end - 4));
}

struct OperatorParts {
  std::string qualifier;  // "", "ForAllValues", "ForAnyValue"
  std::string base;
  bool if_exists = false;
};
OperatorParts split_operator(std::string_view written) {
  OperatorParts o;
  std::string_view rest = written;
  for (std::string_view q : {"ForAllValues:", "ForAnyValue:"})
    if (istarts(rest, q)) {
      o.qualifier = std::string(q.substr(0, q.size() - 1));
      rest.remove_prefix(q.size());
    }
  if (rest.size() > 8 && rest.substr(rest.size() - 8) == "IfExists") {
    o.if_exists = true;
    rest.remove_suffix(8);
  }
  o.base = std::string(rest);
  return o;
}

std::vector<std::string> values_of(const ojson& v) {
  std::vector<std::string> out;
  auto add = [&](const ojson& x) { out.push_back(x.is_string() ? x.get<std::string>() : render::scalar_text(x)); };
  if (v.is_array()) {
    for (const auto& x : v) add(x);
  } else {
    add(v);
  }
  return out;
}
ojson list_value(const std::vector<std::string>& values, bool as_list) {
  if (values.size() == 1 && !as_list) return values.front();
  ojson a = ojson::array();
  for (const auto& v : values) a.push_back(v);
  return a;
}
std::string join_quoted(const std::vector<std::string>& values) {
  std::string s;
  for (std::size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + q(values[i]);
  return s;
}

// A condition key found in a statement: operator name and the key as written.
struct KeyRef {
  std::string op;
  std::string key;
};
std::vector<KeyRef> find_keys(const ojson& st, std::string_view key) {
  std::vector<KeyRef> out;
  auto c = st.find("Condition");
  if (c == st.end() || !c->is_object()) return out;
  for (const auto& [op, keys] : c->get_ref<const ojson::object_t&>()) {
    if (!keys.is_object()) continue;
    for (const auto& [k, v] : keys.get_ref<const ojson::object_t&>())
      if (ieq(k, key)) out.push_back({op, k});
  }
  return out;
}
bool has_key(const ojson& st, std::string_view key) { return !find_keys(st, key).empty(); }

// ---- principals --------------------------------------------------------------

enum class Kind { Star, Aws, Service, Saml, Github, Oidc, Other };

struct PrincipalValue {
  std::string type;   // "" for "Principal": "*"
  std::string value;
  bool type_was_list = false;
  Kind kind = Kind::Other;
  bool from_wildcard = false;  // rewritten from "arn:...:role/ci-*" to the account root
};

Kind kind_of(std::string_view type, std::string_view value) {
  if (type.empty()) return Kind::Star;
  if (type == "AWS") return Kind::Aws;
  if (type == "Service") return Kind::Service;
  if (type == "Federated") {
    if (value.find(":saml-provider/") != std::string_view::npos) return Kind::Saml;
    if (value.find(kGithubHost) != std::string_view::npos) return Kind::Github;
    return Kind::Oidc;
  }
  return Kind::Other;
}

std::vector<PrincipalValue> principals_of(const ojson& st) {
  std::vector<PrincipalValue> out;
  auto p = st.find("Principal");
  if (p == st.end()) return out;
  if (p->is_string()) {
    out.push_back({"", p->get<std::string>(), false, Kind::Star});
    return out;
  }
  if (!p->is_object()) return out;
  for (const auto& [type, v] : p->get_ref<const ojson::object_t&>())
    for (const std::string& value : values_of(v))
      out.push_back({type, value, v.is_array(), value == "*" && type == "AWS" ? Kind::Star : kind_of(type, value)});
  return out;
}

ojson principal_object(const std::vector<PrincipalValue>& values) {
  if (values.size() == 1 && values[0].type.empty()) return values[0].value;
  ojson obj = ojson::object();
  std::vector<std::string> types;
  for (const auto& v : values)
    if (std::find(types.begin(), types.end(), v.type) == types.end()) types.push_back(v.type);
  for (const auto& t : types) {
    std::vector<std::string> vals;
    bool was_list = false;
    for (const auto& v : values)
      if (v.type == t) {
        if (std::find(vals.begin(), vals.end(), v.value) == vals.end()) vals.push_back(v.value);
        was_list = was_list || v.type_was_list;
      }
    obj[t] = list_value(vals, was_list);
  }
  return obj;
}

// ---- the fixer -----------------------------------------------------------------

struct Addition {
  std::string op, key;
  std::vector<std::string> values;
  std::string why;  // sentence fragment
  std::string fix;
  bool operator<(const Addition& o) const {
    return std::tie(op, key, values) < std::tie(o.op, o.key, o.values);
  }
  bool operator==(const Addition& o) const { return op == o.op && key == o.key && values == o.values; }
};

struct Group {
  std::vector<PrincipalValue> principals;
  std::vector<Addition> additions;
  std::string label;  // for a split statement's Sid
};

class Fixer {
 public:
  Fixer(const FixOptions& options, std::string role_account, FixResult& result)
      : opt_(options), role_account_(std::move(role_account)), r_(result) {}

  bool check_options() {
    for (const auto& e : opt_.external_ids) {
      if (!e.account.empty() && !is_account_id(e.account)) return option_error("an --external-id account must be 12 digits");
      if (!is_valid_external_id(e.value))
        return option_error(
            "an --external-id must be 2 to 1224 characters of letters, digits and _+=,.@:/- (what STS accepts)");
    }
    if (!opt_.source_account.empty() && !is_account_id(opt_.source_account))
      return option_error("--source-account must be a 12-digit account id");
    if (!opt_.trusted_principal_arn.empty() && account_of(opt_.trusted_principal_arn).empty())
      return option_error("--trusted-principal must be an IAM ARN (arn:aws:iam::ACCOUNT:role/NAME)");
    if (!opt_.github_repo.empty()) {
      const std::string repo = opt_.github_repo.substr(0, opt_.github_repo.find(':'));
      if (repo.find('/') == std::string::npos || repo.front() == '/' || repo.back() == '/')
        return option_error("--github-repo must look like ORG/REPO or ORG/REPO:REF");
    }
    return true;
  }

  void run(ojson& doc) {
    if (!doc.contains("Version")) {
      // Without Version IAM evaluates the policy with the 2008 grammar: policy
      // variables such as ${aws:username} are then literal text.
      ojson fixed = ojson::object();
      fixed["Version"] = "2012-10-17";
      for (auto& [k, v] : doc.get_ref<ojson::object_t&>()) fixed[k] = v;
      doc = std::move(fixed);
      apply(kFixAddVersion, -1, "/Version", "Added \"Version\": \"2012-10-17\", the current policy language version.");
    }
    auto st_it = doc.find("Statement");
    if (st_it == doc.end()) return;
    const bool was_object = st_it->is_object();
    ojson statements = was_object ? ojson::array({*st_it}) : *st_it;
    if (!statements.is_array()) return;
    for (const auto& s : statements)
      if (s.is_object() && s.contains("Sid") && s["Sid"].is_string()) sids_.push_back(s["Sid"].get<std::string>());

    ojson out = ojson::array();
    for (std::size_t i = 0; i < statements.size(); ++i) {
      index_ = static_cast<int>(i);
      out_index_ = out.size();
      if (!statements[i].is_object()) {
        out.push_back(statements[i]);
        continue;
      }
      for (ojson& s : fix_statement(statements[i])) out.push_back(std::move(s));
    }
    if (was_object && out.size() == 1) *st_it = out[0];
    else *st_it = std::move(out);
    statement_object_ = was_object && st_it->is_object();
  }

  const std::string& generated() const { return generated_; }

 private:
  bool option_error(const std::string& sentence) {
    PolicyError e;
    e.code = "FIX_OPTION_INVALID";
    e.message = "Cannot fix: " + sentence + ".";
    r_.errors.push_back(e);
    return false;
  }

  std::string pointer(const std::string& suffix = "") const {
    return (statement_object_ ? std::string("/Statement") : "/Statement/" + std::to_string(out_index_)) + suffix;
  }
  std::string where(const ojson& st) const {
    std::string s = "Statement " + std::to_string(index_);
    if (st.contains("Sid") && st["Sid"].is_string() && !st["Sid"].get<std::string>().empty())
      s += " (Sid " + q(st["Sid"].get<std::string>()) + ")";
    return s;
  }
  void apply(const char* fix, int statement, std::string ptr, std::string sentence) {
    r_.applied.push_back({fix, statement, std::move(ptr), std::move(sentence)});
  }
  void skip(std::string finding, std::string reason) {
    for (const auto& s : r_.not_fixed)
      if (s.finding == finding && s.statement == index_ && s.reason == reason) return;
    r_.not_fixed.push_back({std::move(finding), index_, std::move(reason)});
  }

  // The id for principals of `account`: --external-id ACCOUNT=X, else --external-id X,
  // else one generated id for the whole run.
  std::string id_for(const std::string& account, bool& generated) {
    generated = false;
    for (const auto& e : opt_.external_ids)
      if (!account.empty() && e.account == account) return e.value;
    for (const auto& e : opt_.external_ids)
      if (e.account.empty()) return e.value;
    if (generated_.empty()) generated_ = generate_external_id(40);
    generated = true;
    return generated_;
  }

  bool external(const std::string& account) const { return !account.empty() && account != role_account_; }

  // ---- whole-statement fixes -------------------------------------------------

  void fix_effect(ojson& st) {
    auto e = st.find("Effect");
    if (e == st.end() || !e->is_string()) return;
    const std::string v = e->get<std::string>();
    for (std::string_view good : {"Allow", "Deny"})
      if (v != good && ieq(v, good)) {
        *e = std::string(good);
        apply(kFixEffectCase, index_, pointer("/Effect"),
              where(st) + ": wrote Effect " + q(v) + " as " + q(good) + " (IAM's values are case-sensitive).");
      }
  }

  void drop_resource(ojson& st) {
    for (std::string_view k : {"Resource", "NotResource"}) {
      if (!st.contains(k)) continue;
      st.erase(std::string(k));
      // IAM refuses trust policies with Resource: "Has prohibited field Resource".
      apply(kFixRemoveResource, index_, pointer(),
            where(st) + ": removed " + std::string(k) +
                ", which IAM refuses in a trust policy (the role itself is the resource).");
    }
  }

  void trim_principals(ojson& st) {
    auto p = st.find("Principal");
    if (p == st.end() || !p->is_object()) return;
    for (auto& member : p->get_ref<ojson::object_t&>()) {
      const std::string type = member.first;
      ojson& v = member.second;
      auto trim_one = [&](ojson& x) {
        if (!x.is_string()) return;
        const std::string s = x.get<std::string>();
        const std::size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
        if (a == std::string::npos || (a == 0 && b + 1 == s.size())) return;
        x = s.substr(a, b - a + 1);
        apply(kFixTrimPrincipal, index_, pointer("/Principal/" + type),
              where(st) + ": removed the spaces around the " + type + " principal " + q(x.get<std::string>()) +
                  ", which IAM rejects as an invalid principal.");
      };
      if (v.is_array()) {
        for (auto& x : v) trim_one(x);
      } else {
        trim_one(v);
      }
    }
  }

  // Moves `key` (as written) from operator `from` to operator `to` with `values`.
  // Returns false (changing nothing) when `to` already holds that key.
  bool move_key(ojson& st, const std::string& from, const std::string& key, const std::string& to,
                const ojson& values) {
    ojson& cond = st["Condition"];
    if (cond.contains(to)) {
      for (const auto& [k, v] : cond[to].get_ref<const ojson::object_t&>())
        if (ieq(k, key) && !(from == to)) return false;
    }
    cond[from].erase(key);
    if (cond[from].empty()) cond.erase(from);
    if (!cond.contains(to)) cond[to] = ojson::object();
    cond[to][key] = values;
    return true;
  }

  // sts:ExternalId under a weak operator (IAM evaluation rules in the comments).
  // Sets `need_fresh_id` when the weak form had no usable value (Null false, a
  // wildcard): every principal of the statement then gets an id in the addition step.
  void strengthen_external_id(ojson& st, bool& need_fresh_id) {
    for (const KeyRef& ref : find_keys(st, kExternalIdKey)) {
      const OperatorParts op = split_operator(ref.op);
      const ojson value = st["Condition"][ref.op][ref.key];
      const std::vector<std::string> vals = values_of(value);
      if (op.qualifier.empty() && !op.if_exists && op.base == "StringEquals") {
        bool valid = std::all_of(vals.begin(), vals.end(), [](const std::string& v) { return is_valid_external_id(v); });
        if (valid) continue;
        // No caller can send a value outside STS's pattern: the statement matches nobody.
        bool gen = false;
        bool given = false;
        for (const auto& e : opt_.external_ids) given = given || e.account.empty();
        if (!given) {
          skip("TRUST_EXTERNAL_ID_INVALID_VALUE",
               where(st) + ": its sts:ExternalId can never be sent; pass --external-id VALUE to replace it.");
          continue;
        }
        std::vector<std::string> fixed;
        for (const auto& v : vals) {
          const std::string nv = is_valid_external_id(v) ? v : id_for("", gen);
          if (std::find(fixed.begin(), fixed.end(), nv) == fixed.end()) fixed.push_back(nv);
        }
        st["Condition"][ref.op][ref.key] = list_value(fixed, value.is_array());
        apply(kFixReplaceExternalId, index_, pointer("/Condition/" + ref.op + "/" + ref.key),
              where(st) + ": replaced an sts:ExternalId value no caller can send (STS accepts 2-1224 characters of "
                          "[\\w+=,.@:/-]) with " + join_quoted(fixed) + ".");
        continue;
      }
      std::string why;
      bool keep_values = true;
      if (op.base == "Null") {
        // {"Null": {"sts:ExternalId": "false"}} only asks that some id be sent: any value passes.
        if (std::none_of(vals.begin(), vals.end(), [](const std::string& v) { return ieq(v, "false"); })) continue;
        why = "Null false accepts any ExternalId value";
        keep_values = false;
      } else if (op.base == "StringLike" && std::any_of(vals.begin(), vals.end(), [](const std::string& v) { return has_wildcard(v); })) {
        why = "a wildcard under StringLike accepts ids the third party never issued";
        keep_values = false;
      } else if (op.if_exists) {
        why = "IfExists is true when the caller sends no ExternalId at all";
      } else if (op.base == "StringEqualsIgnoreCase") {
        why = "IgnoreCase accepts ids that differ from the issued one";
      } else if (op.qualifier == "ForAnyValue" || op.qualifier == "ForAllValues") {
        why = op.qualifier + " is meant for multi-valued keys and sts:ExternalId is single-valued";
      } else if (op.base == "StringLike" || op.base == "StringEquals") {
        why = "StringEquals is the documented form";
      } else {
        continue;  // negated or unusual operators constrain further; leave them
      }
      ojson target;
      std::string desc;
      if (keep_values) {
        target = value;
        desc = "kept its value" + std::string(vals.size() > 1 ? "s " : " ") + join_quoted(vals);
      } else {
        // A concrete id must still satisfy the old patterns, so the change only narrows.
        bool has_given = false;
        for (const auto& e : opt_.external_ids) has_given = has_given || e.account.empty();
        std::vector<std::string> patterns = op.base == "Null" ? std::vector<std::string>{"*"} : vals;
        if (!has_given && opt_.external_ids.empty()) {
          // A generated id matches "*" only; partial patterns need the user's id.
          if (std::none_of(patterns.begin(), patterns.end(), [](const std::string& p) { return p == "*"; })) {
            skip("TRUST_EXTERNAL_ID_WEAK", where(st) + ": its sts:ExternalId pattern allows several ids; pass "
                                                       "--external-id with the id your third party issued.");
            continue;
          }
        } else {
          bool gen = false;
          const std::string id = id_for("", gen);
          if (std::none_of(patterns.begin(), patterns.end(), [&](const std::string& p) { return like(p, id); })) {
            skip("TRUST_EXTERNAL_ID_WEAK", where(st) + ": the --external-id given does not match its existing "
                                                       "sts:ExternalId pattern, so replacing it would not only narrow it.");
            continue;
          }
        }
        // The addition step puts StringEquals sts:ExternalId on every principal.
        st["Condition"][ref.op].erase(ref.key);
        if (st["Condition"][ref.op].empty()) st["Condition"].erase(ref.op);
        need_fresh_id = true;
        weak_reasons_.push_back(ref.op + " (" + why + ")");
        continue;
      }
      if (!move_key(st, ref.op, ref.key, "StringEquals", target)) {
        skip("TRUST_EXTERNAL_ID_WEAK", where(st) + ": it has sts:ExternalId under both StringEquals and " + ref.op +
                                           "; decide which id is right and remove the other.");
        continue;
      }
      apply(kFixStrengthenExternalId, index_, pointer("/Condition/StringEquals/" + ref.key),
            where(st) + ": replaced " + ref.op + " sts:ExternalId with StringEquals and " + desc + ", because " + why +
                ".");
    }
  }

  void remove_forallvalues(ojson& st) {
    // Single-valued keys: ForAllValues is true when the key is absent, so it checks nothing
    // for callers that omit it. Multi-valued keys keep it.
    static const std::vector<std::string_view> multi = {"aws:tagkeys", "aws:principalorgpaths", "sts:transitivetagkeys",
                                                        "aws:principalservicenameslist", "aws:calledvia"};
    auto c = st.find("Condition");
    if (c == st.end() || !c->is_object()) return;
    std::vector<KeyRef> refs;
    for (const auto& [op, keys] : c->get_ref<const ojson::object_t&>()) {
      if (!istarts(op, "ForAllValues:") || !keys.is_object()) continue;
      for (const auto& [k, v] : keys.get_ref<const ojson::object_t&>()) {
        const std::string lk = lower(k);
        bool is_multi = std::find(multi.begin(), multi.end(), lk) != multi.end() || lk.find(":amr") != std::string::npos;
        if (!is_multi) refs.push_back({op, k});
      }
    }
    for (const KeyRef& ref : refs) {
      const std::string plain = ref.op.substr(std::string_view("ForAllValues:").size());
      const ojson value = (*c)[ref.op][ref.key];
      if (!move_key(st, ref.op, ref.key, plain, value)) {
        skip("TRUST_FORALLVALUES_SINGLE_VALUED", where(st) + ": " + ref.key + " is already under " + plain +
                                                     "; remove the ForAllValues copy yourself.");
        continue;
      }
      apply(kFixRemoveForAllValues, index_, pointer("/Condition/" + plain + "/" + ref.key),
            where(st) + ": changed " + ref.op + " on " + ref.key + " to " + plain +
                ", because ForAllValues is true when a single-valued key is absent.");
    }
  }

  std::string github_sub() const {
    const std::string& g = opt_.github_repo;
    const std::size_t colon = g.find(':');
    const std::string repo = g.substr(0, colon);
    if (colon == std::string::npos) return "repo:" + repo + ":*";
    const std::string ref = g.substr(colon + 1);
    if (istarts(ref, "ref:") || istarts(ref, "environment:") || ref == "pull_request") return "repo:" + repo + ":" + ref;
    if (istarts(ref, "refs/")) return "repo:" + repo + ":ref:" + ref;
    return "repo:" + repo + ":ref:refs/heads/" + ref;
  }

  void pin_github_sub(ojson& st) {
    for (const KeyRef& ref : find_keys(st, kGithubSub)) {
      const OperatorParts op = split_operator(ref.op);
      if (op.base != "StringLike") continue;
      const std::vector<std::string> vals = values_of(st["Condition"][ref.op][ref.key]);
      // Any wildcard: "repo:ORG/*" spans repositories, "repo:ORG/REPO:*" every branch,
      // tag, pull request and environment of one.
      const bool broad = std::any_of(vals.begin(), vals.end(), [](const std::string& v) { return has_wildcard(v); });
      if (!broad) continue;
      if (opt_.github_repo.empty()) {
        skip("TRUST_OIDC_GITHUB_SUB_WILDCARD", where(st) + ": its GitHub sub pattern admits other repositories; pass "
                                                           "--github-repo ORG/REPO[:REF] to pin it.");
        continue;
      }
      const std::string sub = github_sub();
      if (vals.size() == 1 && vals[0] == sub) {
        skip("TRUST_OIDC_GITHUB_SUB_WILDCARD", where(st) + ": pass --github-repo ORG/REPO:REF (a branch, refs/tags/..., "
                                                           "environment:NAME or pull_request) to pin it further.");
        continue;
      }
      if (std::none_of(vals.begin(), vals.end(), [&](const std::string& p) { return like(p, sub); })) {
        skip("TRUST_OIDC_GITHUB_SUB_WILDCARD",
             where(st) + ": --github-repo is outside its current sub pattern, so pinning it would not only narrow it.");
        continue;
      }
      st["Condition"][ref.op][ref.key] = sub;
      apply(kFixPinGithubSub, index_, pointer("/Condition/" + ref.op + "/" + ref.key),
            where(st) + ": narrowed " + std::string(kGithubSub) + " from " + join_quoted(vals) + " to " + q(sub) +
                ", so workflows in other repositories cannot assume the role.");
    }
  }

  // ---- actions -------------------------------------------------------------------

  static std::string expected_action(Kind k) {
    switch (k) {
      case Kind::Saml: return "sts:AssumeRoleWithSAML";
      case Kind::Github:
      case Kind::Oidc: return "sts:AssumeRoleWithWebIdentity";
      default: return "sts:AssumeRole";
    }
  }

  void fix_actions(ojson& st, const std::vector<PrincipalValue>& principals) {
    auto a = st.find("Action");
    if (a == st.end() || principals.empty()) return;
    const bool was_list = a->is_array();
    std::vector<std::string> actions = values_of(*a);
    std::vector<std::string> wanted;
    for (const auto& p : principals) {
      const std::string e = expected_action(p.kind);
      if (std::find(wanted.begin(), wanted.end(), e) == wanted.end()) wanted.push_back(e);
    }
    // Wildcards: "*", "sts:*", "sts:Assume*" grant every STS action to the principal.
    std::vector<std::string> wild, kept;
    for (const auto& v : actions) (has_wildcard(v) ? wild : kept).push_back(v);
    if (!wild.empty()) {
      std::vector<std::string> next = kept;
      for (const auto& w : wanted)
        if (std::none_of(next.begin(), next.end(), [&](const std::string& x) { return ieq(x, w); })) next.push_back(w);
      actions = next;
      apply(kFixNarrowAction, index_, pointer("/Action"),
            where(st) + ": replaced the action wildcard " + join_quoted(wild) + " with " + join_quoted(wanted) +
                " (add sts:TagSession or sts:SetSourceIdentity back if callers pass session tags or a source identity).");
    }
    // Only these actions are evaluated against a trust policy; anything else (s3:*,
    // sts:GetSessionToken) is an identity-policy action (Access Analyzer: error).
    static const std::vector<std::string_view> trust_actions = {"sts:AssumeRole", "sts:AssumeRoleWithSAML",
                                                                "sts:AssumeRoleWithWebIdentity", "sts:TagSession",
                                                                "sts:SetSourceIdentity", "sts:SetContext"};
    std::vector<std::string> sts, other;
    for (const auto& v : actions) {
      const bool ok = has_wildcard(v) || v.find("${") != std::string::npos ||
                      std::any_of(trust_actions.begin(), trust_actions.end(), [&](std::string_view t) { return ieq(v, t); });
      (ok ? sts : other).push_back(v);
    }
    if (!other.empty()) {
      if (sts.empty()) {
        skip("TRUST_NON_STS_ACTION", where(st) + ": it has no trust action at all; it looks like an identity policy.");
      } else {
        actions = sts;
        apply(kFixRemoveNonStsAction, index_, pointer("/Action"),
              where(st) + ": removed " + join_quoted(other) + ", which a trust policy cannot grant.");
      }
    }
    // An AssumeRole* action the statement's principal can never call.
    std::vector<Kind> kinds;
    for (const auto& p : principals)
      if (std::find(kinds.begin(), kinds.end(), p.kind) == kinds.end()) kinds.push_back(p.kind);
    const bool single = std::all_of(wanted.begin(), wanted.end(), [&](const std::string& w) { return w == wanted[0]; });
    std::vector<std::string> mismatched;
    for (const auto& v : actions) {
      const bool assume = istarts(v, "sts:AssumeRole");
      if (assume && std::none_of(wanted.begin(), wanted.end(), [&](const std::string& w) { return ieq(v, w); }))
        mismatched.push_back(v);
    }
    if (!mismatched.empty()) {
      if (!single) {
        skip("TRUST_MISMATCHED_ACTION_FOR_PRINCIPAL",
             where(st) + ": it mixes principal kinds; split it so each kind gets its own AssumeRole action.");
      } else {
        std::vector<std::string> next;
        for (const auto& v : actions) {
          const bool bad = std::find(mismatched.begin(), mismatched.end(), v) != mismatched.end();
          const std::string nv = bad ? wanted[0] : v;
          if (std::none_of(next.begin(), next.end(), [&](const std::string& x) { return ieq(x, nv); })) next.push_back(nv);
        }
        actions = next;
        apply(kFixSetActionForPrincipal, index_, pointer("/Action"),
              where(st) + ": replaced " + join_quoted(mismatched) + " with " + q(wanted[0]) +
                  ", the only AssumeRole action its principal can call.");
      }
    }
    if (actions != values_of(*a)) *a = list_value(actions, was_list);
  }

  // ---- additions (per principal) -------------------------------------------------

  // A condition on `key` that actually narrows: not IfExists, ForAllValues, negated or
  // Null (all true when the key is absent), and not just "*".
  static bool restricting(const ojson& st, std::string_view key) {
    for (const KeyRef& ref : find_keys(st, key)) {
      const OperatorParts op = split_operator(ref.op);
      if (op.if_exists || op.qualifier == "ForAllValues" || op.base == "Null" || op.base.find("Not") != std::string::npos)
        continue;
      for (const auto& v : values_of(st["Condition"][ref.op][ref.key]))
        if (v != "*") return true;
    }
    return false;
  }

  // Cross-account trust already protected another way (lint.cpp agrees): MFA for humans
  // (the console cannot send an ExternalId, so adding one would lock them out), or a
  // condition naming the principals.
  static bool protected_otherwise(const ojson& st) {
    for (const KeyRef& ref : find_keys(st, "aws:MultiFactorAuthPresent")) {
      const OperatorParts op = split_operator(ref.op);
      const auto vals = values_of(st["Condition"][ref.op][ref.key]);
      if (op.base == "Bool" && !op.if_exists && vals.size() == 1 && ieq(vals[0], "true")) return true;
    }
    for (std::string_view k : {"aws:MultiFactorAuthAge", "aws:PrincipalOrgID", "aws:PrincipalOrgPaths", "aws:PrincipalArn",
                               "aws:PrincipalAccount", "aws:userid", "aws:SourceArn", "aws:SourceAccount", "aws:SourceOrgID"})
      if (restricting(st, k)) return true;
    return false;
  }

  // Statements allowing only companion actions (sts:TagSession, sts:SetSourceIdentity)
  // are not the gate: ExternalId belongs on the statement allowing sts:AssumeRole.
  static bool grants_assume(const ojson& st) {
    if (st.contains("NotAction")) return true;
    auto a = st.find("Action");
    if (a == st.end()) return false;
    for (const auto& v : values_of(*a))
      if (istarts(v, "sts:AssumeRole") || has_wildcard(v) || v.find("${") != std::string::npos) return true;
    return false;
  }

  std::vector<Addition> additions_for(const ojson& st, const PrincipalValue& p, bool fresh_id_for_all) {
    std::vector<Addition> out;
    const std::string account = account_of(p.value);
    const bool has_external_id = has_key(st, kExternalIdKey);
    auto add_external_id = [&](const std::string& acct, const std::string& why) {
      bool gen = false;
      const std::string id = id_for(acct, gen);
      if (id.empty()) {
        skip("TRUST_CROSS_ACCOUNT_NO_EXTERNAL_ID", "No random source was available to generate an ExternalId; pass --external-id.");
        return;
      }
      out.push_back({"StringEquals", std::string(kExternalIdKey), {id}, why, kFixAddExternalId});
    };
    switch (p.kind) {
      case Kind::Aws: {
        if (fresh_id_for_all) {
          add_external_id(account, "");
        } else if (!has_external_id && grants_assume(st) && !protected_otherwise(st) &&
                   (role_account_.empty() ? !account.empty() : external(account))) {
          add_external_id(account, role_account_.empty() ? " (its account may be external: pass --role-arn so the "
                                                           "role's own account is left alone)"
                                                         : "");
        }
        if (!opt_.trusted_principal_arn.empty() && !p.from_wildcard && !has_key(st, kPrincipalArnKey) &&
            account_of(opt_.trusted_principal_arn) == account && p.value.find(":root") != std::string::npos) {
          out.push_back({has_wildcard(opt_.trusted_principal_arn) ? "ArnLike" : "ArnEquals", std::string(kPrincipalArnKey),
                         {opt_.trusted_principal_arn}, "", kFixPinPrincipalArn});
        }
        break;
      }
      case Kind::Star: {
        static const std::vector<std::string_view> narrowing = {"aws:PrincipalArn", "aws:PrincipalOrgID",
                                                                "aws:PrincipalAccount", "aws:PrincipalOrgPaths",
                                                                "aws:userid", "aws:SourceArn", "aws:SourceAccount"};
        const bool narrowed = std::any_of(narrowing.begin(), narrowing.end(), [&](std::string_view k) { return has_key(st, k); });
        if (fresh_id_for_all) add_external_id("", "");
        if (narrowed) break;
        if (opt_.trusted_principal_arn.empty()) {
          skip("TRUST_PRINCIPAL_WILDCARD_UNCONDITIONED",
               where(st) + ": it trusts every AWS principal; pass --trusted-principal ARN to pin aws:PrincipalArn.");
          break;
        }
        out.push_back({has_wildcard(opt_.trusted_principal_arn) ? "ArnLike" : "ArnEquals", std::string(kPrincipalArnKey),
                       {opt_.trusted_principal_arn}, "", kFixPinPrincipalArn});
        if (!has_external_id && !fresh_id_for_all && external(account_of(opt_.trusted_principal_arn)) &&
            !opt_.external_ids.empty())
          add_external_id(account_of(opt_.trusted_principal_arn), "");
        break;
      }
      case Kind::Service: {
        if (fresh_id_for_all) add_external_id("", "");
        // Compute services assume the role as one resource of this account (an instance,
        // a function, a task) and never act for another account: no confused deputy,
        // and they do not send aws:SourceAccount, so adding it would break them.
        static const std::vector<std::string_view> compute = {
            "ec2.amazonaws.com", "lambda.amazonaws.com", "edgelambda.amazonaws.com", "ecs-tasks.amazonaws.com",
            "eks.amazonaws.com", "eks-fargate-pods.amazonaws.com", "pods.eks.amazonaws.com", "ec2.amazonaws.com.cn"};
        if (std::find(compute.begin(), compute.end(), p.value) != compute.end()) break;
        static const std::vector<std::string_view> source = {"aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID",
                                                             "aws:SourceOrgPaths"};
        if (std::any_of(source.begin(), source.end(), [&](std::string_view k) { return has_key(st, k); })) break;
        if (opt_.source_account.empty() && opt_.source_arn.empty()) {
          skip("TRUST_SERVICE_NO_SOURCE", where(st) + ": pass --source-account or --source-arn to say on whose behalf " +
                                              p.value + " may assume the role.");
          break;
        }
        if (!opt_.source_account.empty())
          out.push_back({"StringEquals", "aws:SourceAccount", {opt_.source_account}, "", kFixAddSourceCondition});
        if (!opt_.source_arn.empty())
          out.push_back({"ArnLike", "aws:SourceArn", {opt_.source_arn}, "", kFixAddSourceCondition});
        break;
      }
      case Kind::Github: {
        if (fresh_id_for_all) add_external_id("", "");
        if (!has_key(st, kGithubAud))
          out.push_back({"StringEquals", std::string(kGithubAud), {std::string(kGithubAudValue)}, "", kFixAddOidcAud});
        if (!has_key(st, kGithubSub)) {
          if (opt_.github_repo.empty()) {
            skip("TRUST_OIDC_GITHUB_NO_SUB", where(st) + ": any GitHub repository's workflow can assume the role; pass "
                                                         "--github-repo ORG/REPO[:REF] to add a sub condition.");
          } else {
            const std::string sub = github_sub();
            out.push_back({has_wildcard(sub) ? "StringLike" : "StringEquals", std::string(kGithubSub), {sub}, "",
                           kFixAddGithubSub});
          }
        }
        break;
      }
      case Kind::Saml: {
        if (fresh_id_for_all) add_external_id("", "");
        if (!has_key(st, kSamlAud))
          out.push_back({"StringEquals", std::string(kSamlAud),
                         {opt_.saml_audience.empty() ? std::string(kSamlAudDefault) : opt_.saml_audience}, "",
                         kFixAddSamlAud});
        break;
      }
      case Kind::Oidc: {
        if (fresh_id_for_all) add_external_id("", "");
        const std::size_t slash = p.value.find("oidc-provider/");
        const std::string host = slash == std::string::npos ? p.value : p.value.substr(slash + 14);
        if (!has_key(st, host + ":aud") && !has_key(st, host + ":oaud"))
          skip("TRUST_OIDC_NO_AUD", where(st) + ": add " + host + ":aud with your client id; it cannot be guessed.");
        break;
      }
      case Kind::Other:
        if (fresh_id_for_all) add_external_id("", "");
        break;
    }
    return out;
  }

  // Principals with a wildcard inside an ARN ("role/ci-*"): IAM rejects them. The
  // documented form is the account as Principal plus ArnLike aws:PrincipalArn.
  std::vector<PrincipalValue> rewrite_wildcard_arns(const ojson& st, std::vector<PrincipalValue> principals,
                                                    std::map<std::string, std::vector<std::string>>& patterns) {
    std::vector<PrincipalValue> out;
    for (auto& p : principals) {
      if (p.kind != Kind::Aws || !has_wildcard(p.value) || p.value == "*") {
        out.push_back(p);
        continue;
      }
      const std::string account = account_of(p.value);
      if (!is_account_id(account)) {
        skip("TRUST_PRINCIPAL_ARN_WILDCARD", where(st) + ": the wildcard is in the account part of " + q(p.value) +
                                                 "; name the accounts, or use \"*\" with aws:PrincipalOrgID.");
        out.push_back(p);
        continue;
      }
      const std::string root = "arn:" + partition_of(p.value) + ":iam::" + account + ":root";
      patterns[root].push_back(p.value);
      p.value = root;
      p.from_wildcard = true;
      out.push_back(p);
    }
    return out;
  }

  std::vector<ojson> fix_statement(ojson st) {
    fix_effect(st);
    drop_resource(st);
    trim_principals(st);
    const std::string effect = st.contains("Effect") && st["Effect"].is_string() ? st["Effect"].get<std::string>() : "";
    std::vector<ojson> out;
    if (effect != "Allow") {
      // Adding conditions to a Deny narrows the Deny: never done.
      finish_empty_operators(st, {});
      out.push_back(std::move(st));
      return out;
    }
    if (st.contains("NotPrincipal")) {
      skip("TRUST_NOTPRINCIPAL", where(st) + ": Allow with NotPrincipal trusts everyone not listed; rewrite it with "
                                             "Principal naming who should be trusted.");
      finish_empty_operators(st, {});
      out.push_back(std::move(st));
      return out;
    }
    std::vector<std::string> empty_before = empty_operators(st);
    weak_reasons_.clear();
    bool fresh_id_for_all = false;
    strengthen_external_id(st, fresh_id_for_all);
    remove_forallvalues(st);
    pin_github_sub(st);

    std::map<std::string, std::vector<std::string>> wildcard_patterns;
    std::vector<PrincipalValue> principals = rewrite_wildcard_arns(st, principals_of(st), wildcard_patterns);
    fix_actions(st, principals);

    // Group principals by the conditions they need, keeping first-appearance order.
    std::vector<Group> groups;
    for (const auto& p : principals) {
      std::vector<Addition> adds = additions_for(st, p, fresh_id_for_all);
      auto pat = wildcard_patterns.find(p.value);
      if (pat != wildcard_patterns.end() && p.from_wildcard)
        adds.push_back({"ArnLike", std::string(kPrincipalArnKey), pat->second, "", kFixPinPrincipalArn});
      std::sort(adds.begin(), adds.end());
      auto g = std::find_if(groups.begin(), groups.end(), [&](const Group& x) { return x.additions == adds; });
      if (g == groups.end()) {
        groups.push_back({{p}, adds, account_of(p.value)});
      } else {
        g->principals.push_back(p);
      }
    }
    if (groups.empty()) {
      // No principal to attach to: a weak ExternalId removed above still gets its
      // replacement on the statement itself.
      Group g;
      if (fresh_id_for_all) {
        bool gen = false;
        g.additions.push_back({"StringEquals", std::string(kExternalIdKey), {id_for("", gen)}, "", kFixAddExternalId});
      }
      groups.push_back(std::move(g));
    }

    const bool split = groups.size() > 1;
    const std::size_t base_index = out_index_;
    for (std::size_t gi = 0; gi < groups.size(); ++gi) {
      Group& g = groups[gi];
      ojson s = st;
      out_index_ = base_index + gi;
      if (split || !wildcard_patterns.empty()) s["Principal"] = principal_object(g.principals);
      if (split && gi > 0) {
        if (s.contains("Sid") && s["Sid"].is_string()) s["Sid"] = unique_sid(s["Sid"].get<std::string>(), g.label, gi);
        // Keep the split copy's key order: Sid first.
      }
      if (split) {
        std::vector<std::string> names;
        for (const auto& p : g.principals) names.push_back(p.value);
        apply(kFixAddExternalId, index_, pointer("/Principal"),
              gi == 0 ? where(st) + ": split it so each group of principals gets its own conditions; this part keeps " +
                            join_quoted(names) + "."
                      : where(st) + ": moved " + join_quoted(names) + " into a new statement right after it" +
                            (s.contains("Sid") ? " (Sid " + q(s["Sid"].get<std::string>()) + ")" : "") + ".");
        r_.applied.back().fix = g.additions.empty() ? kFixAddExternalId : g.additions.front().fix;
      }
      for (const auto& [root, pats] : wildcard_patterns)
        for (const auto& p : g.principals)
          if (p.value == root && gi < groups.size()) {
            apply(kFixPinPrincipalArn, index_, pointer("/Principal"),
                  where(st) + ": replaced the principal " + join_quoted(pats) + " (IAM rejects wildcards in principal "
                              "ARNs) with its account " + q(root) + "; the pattern moves to aws:PrincipalArn.");
            break;
          }
      add_conditions(s, g.additions);
      finish_empty_operators(s, empty_before);
      out.push_back(std::move(s));
    }
    out_index_ = base_index;
    return out;
  }

  std::string unique_sid(const std::string& sid, const std::string& label, std::size_t n) {
    std::string base = sid + (is_account_id(label) ? label : std::to_string(n + 1));
    std::string candidate = base;
    for (int i = 2; std::find(sids_.begin(), sids_.end(), candidate) != sids_.end(); ++i) candidate = base + std::to_string(i);
    sids_.push_back(candidate);
    return candidate;
  }

  void add_conditions(ojson& s, const std::vector<Addition>& adds) {
    for (const Addition& a : adds) {
      if (s.contains("Condition") && !s["Condition"].is_object()) {
        skip("", where(s) + ": its Condition is not an object, so no condition was added; write it as "
                            "{\"Operator\": {\"key\": \"value\"}} first.");
        return;
      }
      if (!s.contains("Condition")) s["Condition"] = ojson::object();
      ojson& cond = s["Condition"];
      if (cond.contains(a.op) && !cond[a.op].is_object()) {
        skip("", where(s) + ": its " + a.op + " operator is not an object, so " + a.key + " was not added.");
        continue;
      }
      if (!cond.contains(a.op)) cond[a.op] = ojson::object();
      cond[a.op][a.key] = list_value(a.values, a.values.size() > 1);
      const std::string where_s = where(s);
      const std::string ptr = pointer("/Condition/" + a.op + "/" + a.key);
      const std::string what = a.op + " " + a.key + " = " + join_quoted(a.values);
      if (a.fix == std::string(kFixAddExternalId)) {
        const bool gen = !generated_.empty() && a.values.front() == generated_;
        std::string sentence = where_s + ": added " + what;
        if (!weak_reasons_.empty()) {
          sentence += ", replacing ";
          for (std::size_t i = 0; i < weak_reasons_.size(); ++i) sentence += (i ? "; " : "") + weak_reasons_[i];
          apply(kFixStrengthenExternalId, index_, ptr, sentence + ".");
        } else {
          apply(kFixAddExternalId, index_, ptr,
                sentence + " so a third party that trusts this account cannot be tricked into using the role for "
                           "someone else (confused deputy)" + a.why + ".");
        }
        if (gen && !announced_generated_) {
          announced_generated_ = true;
          r_.applied.back().description +=
              " No --external-id was given, so this id was generated (40 random characters); give it to the caller "
              "to pass as --external-id.";
        }
      } else if (a.fix == std::string(kFixPinPrincipalArn)) {
        apply(kFixPinPrincipalArn, index_, ptr, where_s + ": added " + what + " so only that principal matches.");
      } else if (a.fix == std::string(kFixAddOidcAud)) {
        apply(kFixAddOidcAud, index_, ptr,
              where_s + ": added " + what + ", the audience the official GitHub action requests.");
      } else if (a.fix == std::string(kFixAddGithubSub)) {
        apply(kFixAddGithubSub, index_, ptr, where_s + ": added " + what + " so only that repository's workflows match.");
      } else if (a.fix == std::string(kFixAddSamlAud)) {
        apply(kFixAddSamlAud, index_, ptr,
              where_s + ": added " + what +
                  (opt_.saml_audience.empty() ? " (AWS's sign-in endpoint, the console default; pass --saml-audience "
                                                "if your IdP posts elsewhere)."
                                              : "."));
      } else if (a.fix == std::string(kFixAddSourceCondition)) {
        apply(kFixAddSourceCondition, index_, ptr,
              where_s + ": added " + what + " so the service can assume the role only on behalf of that source "
                                            "(confused deputy).");
      }
    }
  }

  static std::vector<std::string> empty_operators(const ojson& st) {
    std::vector<std::string> out;
    auto c = st.find("Condition");
    if (c == st.end()) return out;
    if (c->is_object() && c->empty()) out.push_back("");
    if (!c->is_object()) return out;
    for (const auto& [op, keys] : c->get_ref<const ojson::object_t&>())
      if ((keys.is_object() || keys.is_array()) && keys.empty()) out.push_back(op);
    return out;
  }

  // An empty operator or Condition constrains nothing (Access Analyzer: "Empty object").
  // Filled ones were filled by the additions; the rest are removed.
  void finish_empty_operators(ojson& s, const std::vector<std::string>& before_in) {
    std::vector<std::string> before = before_in.empty() ? empty_operators(s) : before_in;
    auto c = s.find("Condition");
    if (c == s.end()) return;
    for (const std::string& op : before) {
      if (op.empty()) continue;
      if (c->is_object() && c->contains(op) && !(*c)[op].empty()) {
        apply(kFixFillEmptyCondition, index_, pointer("/Condition/" + op),
              where(s) + ": the empty " + op + " operator now holds the condition added above.");
      } else if (c->is_object() && c->contains(op)) {
        c->erase(op);
        apply(kFixFillEmptyCondition, index_, pointer("/Condition"),
              where(s) + ": removed the empty " + op + " operator, which checked nothing.");
      }
    }
    if (c->is_object() && c->empty()) {
      s.erase("Condition");
      apply(kFixFillEmptyCondition, index_, pointer(), where(s) + ": removed the empty Condition, which checked nothing.");
    }
  }

  const FixOptions& opt_;
  std::string role_account_;
  FixResult& r_;
  std::string generated_;
  bool announced_generated_ = false;
  int index_ = -1;
  std::size_t out_index_ = 0;
  bool statement_object_ = false;
  std::vector<std::string> sids_;
  std::vector<std::string> weak_reasons_;
};

// ---- located JSON -> editable JSON ------------------------------------------------

// Merges Condition `from` into `into` (operator by operator, key by key). Fails,
// changing nothing, when both hold the same key under the same operator: the two
// value lists cannot be combined into one list with the same meaning.
bool merge_conditions(ojson& into, const ojson& from) {
  if (!into.is_object() || !from.is_object()) return false;
  for (const auto& [op, keys] : from.get_ref<const ojson::object_t&>()) {
    auto e = into.find(op);
    if (e == into.end()) continue;
    if (!e->is_object() || !keys.is_object()) return false;
    for (const auto& [k, v] : keys.get_ref<const ojson::object_t&>())
      if (e->contains(k)) return false;
  }
  for (const auto& [op, keys] : from.get_ref<const ojson::object_t&>()) {
    if (!into.contains(op)) {
      into[op] = keys;
      continue;
    }
    for (const auto& [k, v] : keys.get_ref<const ojson::object_t&>()) into[op][k] = v;
  }
  return true;
}

// `keep_duplicates`: the original as written (for the diff). Otherwise duplicate
// "Condition" members and duplicate operators inside a Condition are merged, so both
// sets of checks apply, which is what whoever wrote them meant (JSON.parse and IAM keep
// only the last). `in_condition`: `v` is a Condition object (its keys are operators).
ojson to_ojson(const json::Value& v, bool keep_duplicates, bool in_condition, std::vector<std::string>& merged,
               std::vector<std::string>& unmerged) {
  switch (v.kind) {
    case json::Kind::Null: return nullptr;
    case json::Kind::Bool: return v.boolean;
    case json::Kind::String: return v.text;
    case json::Kind::Number: {
      ojson n = ojson::parse(v.text, nullptr, false);
      return n.is_discarded() ? ojson(v.text) : n;
    }
    case json::Kind::Array: {
      ojson a = ojson::array();
      for (const auto& x : v.items) a.push_back(to_ojson(x, keep_duplicates, false, merged, unmerged));
      return a;
    }
    case json::Kind::Object: break;
  }
  ojson o = ojson::object();
  auto& vec = static_cast<ojson::object_t::Container&>(o.get_ref<ojson::object_t&>());
  for (const auto& m : v.members) {
    ojson child = to_ojson(m.value, keep_duplicates, m.key == "Condition", merged, unmerged);
    auto existing = o.find(m.key);
    if (existing == o.end() || keep_duplicates) {
      vec.emplace_back(m.key, std::move(child));
      continue;
    }
    if (m.key == "Condition" && merge_conditions(*existing, child)) {
      merged.push_back(m.value.pointer);
      continue;
    }
    if (in_condition && existing->is_object() && child.is_object()) {
      ojson wrapped_into = ojson::object(), wrapped_from = ojson::object();
      wrapped_into[m.key] = *existing;
      wrapped_from[m.key] = child;
      if (merge_conditions(wrapped_into, wrapped_from)) {
        *existing = wrapped_into[m.key];
        merged.push_back(m.value.pointer);
        continue;
      }
    }
    unmerged.push_back(m.value.pointer);
    *existing = std::move(child);  // what JSON.parse keeps
  }
  return o;
}

}  // namespace

FixResult fix_trust_policy(const PolicyParseResult& parsed, const FixOptions& options) {
  FixResult r;
  try {
    if (!parsed.ok()) {
      r.errors = parsed.errors;
      return r;
    }
    std::string role_arn = options.role_arn.empty() ? parsed.policy.role_arn : options.role_arn;
    std::string role_account = account_of(role_arn);
    Fixer fixer(options, role_account, r);
    if (!fixer.check_options()) return r;

    const json::ParseResult located = json::parse(parsed.policy.canonical_json);
    if (!located.ok() || !located.root.is_object()) {
      PolicyError e;
      e.code = "FIX_POLICY_UNREADABLE";
      e.message = "The policy document could not be read back for fixing.";
      r.errors.push_back(e);
      return r;
    }
    std::vector<std::string> merged, unmerged, ignore1, ignore2;
    r.original_json = render::canonical_json(to_ojson(located.root, true, false, ignore1, ignore2));
    ojson doc = to_ojson(located.root, false, false, merged, unmerged);
    for (const auto& p : merged)
      r.applied.push_back({kFixMergeDuplicateKeys, -1, p,
                           "Merged the duplicate " + q(p.substr(p.rfind('/') + 1)) + " object at " + p +
                               " into the one before it, so both sets of conditions apply (IAM and JSON parsers keep "
                               "only the last)."});
    for (const auto& p : unmerged)
      r.not_fixed.push_back({"TRUST_DUPLICATE_JSON_KEY", -1,
                             "The duplicate key at " + p + " cannot be merged (its values overlap); the fixed policy keeps "
                             "the last one, as IAM does. Decide which is right."});

    fixer.run(doc);
    r.policy_json = render::canonical_json(doc);
    r.generated_external_id = fixer.generated();
    r.changed = r.policy_json != r.original_json;

    PolicyParseResult again = parse_trust_policy(r.policy_json);
    LintOptions lo;
    lo.role_arn = role_arn;
    r.findings_after = lint(again, lo).findings;
    // Whatever lint still reports with a fix id was left alone on purpose; say so once.
    for (const Finding& f : r.findings_after) {
      if (f.fix.empty()) continue;
      const bool said = std::any_of(r.not_fixed.begin(), r.not_fixed.end(),
                                    [&](const SkippedFix& s) { return s.finding == f.id; });
      if (!said) r.not_fixed.push_back({f.id, f.statement, "Left as is (no fix is certain to only narrow it): " + f.message});
    }
  } catch (...) {
    r = FixResult{};
    PolicyError e;
    e.code = "FIX_INTERNAL";
    e.message = "The policy could not be fixed (internal error).";
    r.errors.push_back(e);
  }
  return r;
}

FixResult fix_trust_policy(std::string_view text, const FixOptions& options) {
  return fix_trust_policy(parse_trust_policy(text), options);
}

}  // namespace stackengine
