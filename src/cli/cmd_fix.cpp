#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/finding_json.hpp"
#include "stackengine/policy_fix.hpp"
#include "stackengine/render.hpp"

namespace stackengine::cli {
namespace {

int run_fix(const std::vector<std::string>& args) {
  CLI::App app{"Rewrite a role trust policy so lint's findings go away, never loosening it.", "stackengine fix"};
  FixOptions o;
  std::vector<std::string> external_ids;
  std::string format = "json", file;
  app.add_option("--role-arn", o.role_arn, "the role's own ARN (its account is not external)");
  app.add_option("--external-id", external_ids, "[ACCOUNT=]ID; repeat for per-account ids (generated when absent)");
  app.add_option("--trusted-principal", o.trusted_principal_arn, "ARN to pin with aws:PrincipalArn");
  app.add_option("--github-repo", o.github_repo, "ORG/REPO[:REF] for the GitHub OIDC sub condition");
  app.add_option("--saml-audience", o.saml_audience, "SAML:aud value (default https://signin.aws.amazon.com/saml)");
  app.add_option("--source-account", o.source_account, "aws:SourceAccount for service principals");
  app.add_option("--source-arn", o.source_arn, "aws:SourceArn for service principals");
  app.add_option("--format", format, "json, terraform, terraform-jsonencode, cloudformation, cloudformation-json or diff")
      ->check(CLI::IsMember({"json", "terraform", "terraform-jsonencode", "cloudformation", "cloudformation-yaml",
                             "cloudformation-json", "diff"}));
  app.add_option("FILE", file, "input file, or - for standard input")->required();
  try {
    std::vector<std::string> rev(args.rbegin(), args.rend());
    app.parse(rev);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  for (const auto& e : external_ids) o.external_ids.push_back(parse_external_id_option(e));
  std::string text;
  if (!read_input(file, text)) return 2;
  FixResult r = fix_trust_policy(text, o);
  if (!r.ok()) {
    for (const auto& e : r.errors)
      std::cerr << "stackengine fix: " << file << ":" << e.location.line << ":" << e.location.column << ": "
                << e.message << "\n";
    return 2;
  }
  if (format == "diff") {
    std::cout << unified_diff(r.original_json, r.policy_json, file + " (original)", file + " (fixed)");
  } else if (format != "json") {
    PolicyFormat f{};
    parse_policy_format(format, f);
    RenderResult out = render_policy(r.policy_json, f);
    if (!out.ok()) {
      std::cerr << "stackengine fix: " << out.error << "\n";
      return 2;
    }
    std::cout << out.text;
  }
  // Sentences go to stderr for the text formats, so stdout stays pasteable.
  if (format != "json") {
    for (const auto& a : r.applied) std::cerr << "fixed: " << a.description << "\n";
    for (const auto& s : r.not_fixed) std::cerr << "not fixed: " << s.reason << "\n";
    return 0;
  }
  using ojson = nlohmann::ordered_json;
  ojson out = ojson::object();
  out["policy"] = ojson::parse(r.policy_json, nullptr, false);
  out["applied"] = ojson::array();
  for (const auto& a : r.applied)
    out["applied"].push_back({{"fix", a.fix}, {"statement", a.statement}, {"pointer", a.pointer}, {"description", a.description}});
  out["not_fixed"] = ojson::array();
  for (const auto& s : r.not_fixed)
    out["not_fixed"].push_back({{"finding", s.finding}, {"statement", s.statement}, {"reason", s.reason}});
  out["findings_after"] = ojson::array();
  for (const auto& f : r.findings_after)
    out["findings_after"].push_back(finding_json<ojson>(f));
  out["generated_external_id"] = r.generated_external_id;
  out["changed"] = r.changed;
  std::cout << out.dump(2, ' ', false, ojson::error_handler_t::replace) << "\n";
  return 0;
}

const CommandRegistration registration{"fix", "rewrite a trust policy to resolve lint findings (never loosens it)", run_fix};

}  // namespace
}  // namespace stackengine::cli
