// ~/.aws/config and ~/.aws/credentials. Line-based, like botocore's INI reader: `[profile x]`
// (config) and `[x]` (credentials) name the same profile, `key = value` with any spacing, `#`
// and `;` comment lines, and more-indented lines after an empty value belong to a sub-section
// (`s3 =` ...). Pasted snippets are often indented as a whole; that is tolerated.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "caller/syntax.hpp"

namespace stackengine::caller_detail {
namespace {

struct KeyLine {
  std::string key;    // lower-case
  std::string value;  // trimmed
  std::size_t line_start = 0, line_stop = 0;  // the line, without its newline
  std::size_t key_begin = 0, key_end = 0;
  std::size_t value_begin = 0, value_end = 0;
  std::size_t eq = 0;
};

struct Section {
  std::string name;  // profile name ("default", "dev"), or "" for non-profile sections
  std::size_t begin = 0, end = 0;  // header start .. end of its last key line
  std::vector<KeyLine> keys;
};

struct Profile {
  std::string name;
  std::vector<std::size_t> sections;  // indexes into sections_
};

constexpr std::pair<std::string_view, std::string_view> kKeyFields[] = {
    {"role_arn", "role_arn"},
    {"external_id", "external_id"},
    {"source_profile", "source_profile"},
    {"credential_source", "credential_source"},
    {"mfa_serial", "mfa_serial"},
    {"role_session_name", "session_name"},
    {"duration_seconds", "duration_seconds"},
    {"web_identity_token_file", "web_identity_token_file"},
    {"region", "region"},
    {"sso_start_url", "sso_start_url"},
    {"sso_account_id", "sso_account_id"},
    {"sso_role_name", "sso_role_name"},
    {"sso_session", "sso_session"},
    {"sso_region", "sso_region"},
    {"credential_process", "credential_process"},
    {"aws_access_key_id", "aws_access_key_id"},
    {"aws_secret_access_key", "aws_secret_access_key"},
    {"aws_session_token", "aws_session_token"},
    {"aws_security_token", "aws_session_token"},  // the legacy name boto2 used
};

std::string_view field_of(std::string_view key) {
  for (const auto& [k, f] : kKeyFields)
    if (k == key) return f;
  return {};
}

std::string_view key_of(std::string_view field) {
  for (const auto& [k, f] : kKeyFields)
    if (f == field) return k;
  return {};
}

bool is_secret(std::string_view field) {
  return field == "aws_access_key_id" || field == "aws_secret_access_key" || field == "aws_session_token";
}

class AwsConfigSyntax final : public CallerSyntax {
 public:
  std::string_view format() const override { return "aws-config"; }

  std::vector<CallerConfig> parse(std::string_view text, SyntaxError& error) override {
    text_ = text;
    read_sections();
    std::vector<CallerConfig> out;
    std::map<std::string, std::size_t> by_name;
    for (std::size_t i = 0; i < sections_.size(); ++i) {
      if (sections_[i].name.empty()) continue;
      auto [it, fresh] = by_name.emplace(sections_[i].name, profiles_.size());
      if (fresh) profiles_.push_back({sections_[i].name, {}});
      profiles_[it->second].sections.push_back(i);
    }
    for (const Profile& p : profiles_) out.push_back(build(p));
    // Follow source_profile: the chain names the profiles whose credentials call STS.
    for (std::size_t i = 0; i < out.size(); ++i) {
      CallerConfig& c = out[i];
      const CallerField* src = c.field("source_profile");
      std::string next = src ? src->value : "";
      std::set<std::string> seen = {c.name};
      bool first = true;
      // Real chains are a few profiles long; the cap keeps hostile input linear.
      for (int steps = 0; !next.empty() && steps < 64; ++steps) {
        if (next == c.name && first && c.field("aws_access_key_id")) break;  // keys in itself
        if (!seen.insert(next).second) {
          notes.push_back({"CALLER_CONFIG_SOURCE_CYCLE", "source_profile",
                           "The source_profile chain of profile \"" + c.name +
                               "\" comes back to \"" + next + "\", so the CLI cannot resolve it.",
                           at(src)});
          break;
        }
        auto it = by_name.find(next);
        if (it == by_name.end()) {
          notes.push_back({"CALLER_CONFIG_SOURCE_MISSING", "source_profile",
                           "Profile \"" + c.name + "\" takes its credentials from profile \"" + next +
                               "\", which is not in this text (it may be in the other file).",
                           at(src)});
          c.source_chain.push_back(next);
          break;
        }
        c.source_chain.push_back(next);
        const CallerConfig& s = out[it->second];
        // Credentials from a profile that itself assumes a role are a role session: chaining.
        if (first && s.field("role_arn") && !s.field("aws_access_key_id")) c.role_chaining = true;
        const CallerField* nsrc = s.field("source_profile");
        next = nsrc && nsrc->value != s.name ? nsrc->value : "";
        src = nsrc;
        first = false;
      }
      const CallerField* arn = c.field("role_arn");
      if (arn && !c.field("source_profile") && !c.field("credential_source") &&
          !c.field("web_identity_token_file") && !c.field("sso_session") && !c.field("sso_start_url")) {
        notes.push_back({"CALLER_CONFIG_NO_SOURCE", "role_arn",
                         "Profile \"" + c.name + "\" has a role_arn but no source_profile, "
                         "credential_source or web_identity_token_file: the AWS CLI refuses it "
                         "(some tools such as aws-vault infer a source).",
                         at(arn)});
      }
      if (c.field("source_profile") && c.field("credential_source")) {
        notes.push_back({"CALLER_CONFIG_SOURCE_CONFLICT", "credential_source",
                         "Profile \"" + c.name + "\" sets both source_profile and credential_source; "
                         "the AWS CLI accepts only one.",
                         at(c.field("credential_source"))});
      }
    }
    (void)error;
    return out;
  }

  bool set_field(std::size_t index, std::string_view field, std::string_view value, Edit& edit,
                 std::string& reason) override {
    if (index >= profiles_.size()) return false;
    const Profile& p = profiles_[index];
    const std::string_view key = key_of(field);
    if (field == "token_code" || field == "source_identity" || key.empty()) {
      reason = field == "token_code"
                   ? "A profile cannot hold an MFA code: set mfa_serial and the CLI prompts for the code."
                   : "The AWS CLI config has no setting for " + std::string(field) +
                         "; pass it on an `aws sts assume-role` call instead.";
      return false;
    }
    const KeyLine* role = nullptr;
    const KeyLine* existing = nullptr;
    std::size_t home = p.sections.back();
    for (std::size_t s : p.sections) {
      for (const KeyLine& k : sections_[s].keys) {
        if (k.key == "role_arn") {
          role = &k;
          home = s;
        }
        if (field_of(k.key) == field) existing = &k;
      }
    }
    if (!role) {
      reason = "Profile \"" + p.name + "\" does not assume a role (it has no role_arn).";
      return false;
    }
    if (existing) {
      edit.begin = existing->value_begin;
      edit.end = existing->value_end;
      edit.text = std::string(value);
      edit.value_end = edit.text.size();
      return true;
    }
    // A new line after the section's last key, spaced like the role_arn line.
    const Section& sec = sections_[home];
    const KeyLine& last = sec.keys.back();
    const std::string_view indent = text_.substr(role->line_start, role->key_begin - role->line_start);
    const std::size_t gap = role->eq - role->key_end;
    std::size_t after = role->eq + 1;
    while (after < role->line_stop && is_space(text_[after])) ++after;
    const std::string_view post = text_.substr(role->eq + 1, after - role->eq - 1);
    std::string line = std::string(newline_of(text_)) + std::string(indent) + std::string(key);
    if (gap > 0) {
      const std::size_t width = role->key_end - role->key_begin + gap;
      line += std::string(width > key.size() ? width - key.size() : 1, ' ');
    }
    line += "=" + std::string(post);
    edit.begin = edit.end = last.line_stop;
    edit.value_begin = line.size();
    line += std::string(value);
    edit.value_end = line.size();
    edit.text = std::move(line);
    return true;
  }

 private:
  SourceLocation at(const CallerField* f) const {
    SourceLocation l;
    if (f) l.offset = f->span.start.offset;
    return l;
  }

  void read_sections() {
    std::size_t i = 0;
    int open = -1;
    std::size_t nested_indent = std::string::npos;  // indent of a key whose value is a sub-section
    while (i <= text_.size()) {
      std::size_t e = text_.find('\n', i);
      if (e == std::string_view::npos) e = text_.size();
      std::size_t stop = e;
      if (stop > i && text_[stop - 1] == '\r') --stop;
      std::size_t b = i;
      while (b < stop && is_space(text_[b])) ++b;
      std::size_t last = stop;
      while (last > b && is_space(text_[last - 1])) --last;
      const std::string_view line = text_.substr(b, last - b);
      const std::size_t indent = b - i;
      if (line.empty() || line.front() == '#' || line.front() == ';') {
        // blank or comment
      } else if (line.front() == '[' && line.back() == ']') {
        std::string_view name = line.substr(1, line.size() - 2);
        while (!name.empty() && is_space(name.front())) name.remove_prefix(1);
        while (!name.empty() && is_space(name.back())) name.remove_suffix(1);
        Section s;
        s.begin = b;
        s.end = last;
        if (name.substr(0, 8) == "profile " || name.substr(0, 8) == "profile\t") {
          name.remove_prefix(8);
          while (!name.empty() && is_space(name.front())) name.remove_prefix(1);
          s.name = std::string(name);
        } else if (name.substr(0, 12) != "sso-session " && name.substr(0, 9) != "services ") {
          s.name = std::string(name);
        }
        sections_.push_back(std::move(s));
        open = static_cast<int>(sections_.size()) - 1;
        nested_indent = std::string::npos;
      } else if (open >= 0 && line.find('=') != std::string_view::npos) {
        if (nested_indent != std::string::npos && indent > nested_indent) {
          // a sub-section line such as `max_concurrent_requests = 20` under `s3 =`
        } else {
          const std::size_t eq = b + line.find('=');
          std::size_t ke = eq;
          while (ke > b && is_space(text_[ke - 1])) --ke;
          std::size_t vb = eq + 1;
          while (vb < last && is_space(text_[vb])) ++vb;
          KeyLine k;
          k.key = to_lower(text_.substr(b, ke - b));
          k.line_start = i;
          k.line_stop = stop;
          k.key_begin = b;
          k.key_end = ke;
          k.eq = eq;
          k.value_begin = vb;
          k.value_end = std::max(vb, last);
          k.value = std::string(text_.substr(vb, k.value_end - vb));
          nested_indent = k.value.empty() ? indent : std::string::npos;
          Section& s = sections_[static_cast<std::size_t>(open)];
          s.keys.push_back(std::move(k));
          s.end = last;
        }
      }
      if (e >= text_.size()) break;
      i = e + 1;
    }
  }

  CallerConfig build(const Profile& p) const {
    CallerConfig c;
    c.name = p.name;
    const Section& first = sections_[p.sections.front()];
    c.span.start.offset = first.begin;
    c.span.end.offset = sections_[p.sections.back()].end;
    bool web = false, role = false;
    for (std::size_t s : p.sections) {
      for (const KeyLine& k : sections_[s].keys) {
        const std::string_view field = field_of(k.key);
        if (field.empty()) continue;
        c.fields.push_back(raw_field(std::string(field), k.value, k.key_begin, k.key_end,
                                     k.value_begin, k.value_end, is_secret(field)));
        role = role || field == "role_arn";
        web = web || field == "web_identity_token_file";
      }
    }
    if (role) c.operation = web ? "AssumeRoleWithWebIdentity" : "AssumeRole";
    c.profile = p.name;
    return c;
  }

  std::string_view text_;
  std::vector<Section> sections_;
  std::vector<Profile> profiles_;
};

}  // namespace

std::unique_ptr<CallerSyntax> make_aws_config_syntax() { return std::make_unique<AwsConfigSyntax>(); }

}  // namespace stackengine::caller_detail
