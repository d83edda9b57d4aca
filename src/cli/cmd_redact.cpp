// stackengine redact [--format text|json] [--rules extra.toml] [--vault-out FILE] FILE|-
// stackengine restore --vault FILE FILE|-
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/command.hpp"
#include "stackengine/redact.hpp"

namespace stackengine::cli {
namespace {

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  out = s.str();
  return true;
}

int run_redact(const std::vector<std::string>& args) {
  CLI::App app{"Replace AWS identifiers and secrets with consistent placeholders.", "stackengine redact"};
  std::string format = "text", file, vault_out;
  std::vector<std::string> rule_files;
  std::vector<std::string> disabled;
  bool labelled = false;
  app.add_option("--format", format, "text or json")->check(CLI::IsMember({"text", "json"}));
  app.add_option("--rules", rule_files, "extra rules: a gitleaks-format TOML file (repeatable)");
  app.add_option("--vault-out", vault_out, "write the vault (placeholder -> value, JSON) to FILE");
  app.add_option("--disable", disabled, "rule category to skip, e.g. generic (repeatable)");
  app.add_flag("--labelled", labelled, "use {{LABEL_n}} tokens for identifiers too");
  app.add_option("FILE", file, "input file, or - for standard input")->required();
  try {
    std::vector<std::string> rev(args.rbegin(), args.rend());
    app.parse(rev);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  std::vector<RuleSet> extra;
  for (const auto& path : rule_files) {
    std::string toml;
    if (!read_file(path, toml)) {
      std::cerr << "stackengine redact: cannot read rules file " << path << "\n";
      return 2;
    }
    RuleSet set = load_rules(toml, path);
    for (const auto& e : set.errors)
      std::cerr << "stackengine redact: " << e.source << ":" << e.location.line << ":" << e.location.column
                << ": " << e.message << "\n";
    if (set.rules.empty() && !set.errors.empty()) return 2;
    extra.push_back(std::move(set));
  }
  std::string text;
  if (!read_input(file, text)) return 2;
  RedactOptions options;
  options.disabled_categories = disabled;
  if (labelled) options.placeholder_style = PlaceholderStyle::kLabelled;
  const Redactor redactor(options, std::move(extra));
  Vault vault;
  RedactResult r = redactor.redact(text, vault, file == "-" ? std::string_view() : std::string_view(file));
  if (!r.ok()) {
    std::cerr << "stackengine redact: " << file << ":" << r.error.location.line << ":"
              << r.error.location.column << ": " << r.error.message << "\n";
    return 2;
  }
  if (!vault_out.empty()) {
    std::ofstream out(vault_out, std::ios::binary | std::ios::trunc);
    out << vault.to_json() << "\n";
    if (!out) {
      std::cerr << "stackengine redact: cannot write vault " << vault_out << "\n";
      return 2;
    }
  }
  if (format == "text") {
    std::cout << r.redacted;
    return 0;
  }
  nlohmann::json out = {{"redacted", r.redacted}, {"findings", nlohmann::json::array()}};
  for (const auto& f : r.findings) {
    out["findings"].push_back({{"rule", f.rule},
                               {"category", f.category},
                               {"severity", f.severity},
                               {"start", f.start.offset},
                               {"end", f.end.offset},
                               {"line", f.start.line},
                               {"column", f.start.column},
                               {"placeholder", f.placeholder}});
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}

int run_restore(const std::vector<std::string>& args) {
  CLI::App app{"Put the original values back into redacted (or edited) text.", "stackengine restore"};
  std::string vault_file, file;
  app.add_option("--vault", vault_file, "the vault written by redact --vault-out")->required();
  app.add_option("FILE", file, "redacted text, or - for standard input")->required();
  try {
    std::vector<std::string> rev(args.rbegin(), args.rend());
    app.parse(rev);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  std::string json;
  if (!read_file(vault_file, json)) {
    std::cerr << "stackengine restore: cannot read vault " << vault_file << "\n";
    return 2;
  }
  VaultImport imported = Vault::from_json(json);
  if (!imported.ok()) {
    std::cerr << "stackengine restore: " << vault_file << ": " << imported.error.message << "\n";
    return 2;
  }
  std::string text;
  if (!read_input(file, text)) return 2;
  std::cout << restore(text, imported.vault);
  return 0;
}

const CommandRegistration redact_registration{
    "redact", "replace identifiers and secrets with placeholders", run_redact};
const CommandRegistration restore_registration{
    "restore", "put redacted values back (needs the vault from redact --vault-out)", run_restore};

}  // namespace
}  // namespace stackengine::cli
