// analyze(): every paste in, everything the page shows out. The order follows the data:
// parse the three inputs, lint, diagnose (which runs the simulator), fix the policy
// (diagnosis edits first, then policy_fix hardening), fix the caller so it matches the
// fixed policy, render, redact.
#include "stackengine/analyze.hpp"

#include <exception>

#include "stackengine/aws_error.hpp"
#include "stackengine/caller.hpp"
#include "stackengine/diagnose.hpp"
#include "stackengine/lint.hpp"
#include "stackengine/policy.hpp"
#include "stackengine/policy_fix.hpp"
#include "stackengine/redact.hpp"
#include "stackengine/render.hpp"

namespace stackengine {
namespace {

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

const char* policy_kind(PolicySource s) {
  switch (s) {
    case PolicySource::PolicyDocument: return "policy-json";
    case PolicySource::JsonString: return "json-string";
    case PolicySource::GetRoleOutput: return "get-role";
    case PolicySource::CloudFormationJson: return "cloudformation-json";
    case PolicySource::CloudFormationYaml: return "cloudformation-yaml";
    case PolicySource::TerraformPlan: return "terraform-plan";
  }
  return "unknown";
}

struct Parsed {
  ErrorParseResult error;
  bool has_error = false;
  PolicyParseResult policy;
  bool has_policy = false;
  CallerParseResult caller;
  bool has_caller = false;
};

void parse_inputs(const AnalyzeRequest& req, AnalyzeResult& out, Parsed& p) {
  out.detected.error_kind = "empty";
  if (!blank(req.error)) {
    p.error = parse_aws_error(req.error);
    if (!p.error.ok()) {
      out.input_errors.push_back({kInputError, p.error.input_error.code, p.error.input_error.message,
                                  p.error.input_error.location});
    } else {
      p.has_error = true;
      out.detected.error_kind = error_kind_id(p.error.error.kind);
    }
  }
  out.detected.policy_kind = "empty";
  if (!blank(req.policy)) {
    p.policy = parse_trust_policy(req.policy);
    p.has_policy = true;
    if (p.policy.ok()) {
      out.detected.policy_kind = policy_kind(p.policy.policy.source);
    } else {
      out.detected.policy_kind = "unknown";
      for (const PolicyError& e : p.policy.errors)
        out.input_errors.push_back({kInputPolicy, e.code, e.message, e.location});
    }
  }
  out.detected.caller_format = "empty";
  if (!blank(req.caller)) {
    p.caller = parse_caller(req.caller);
    if (p.caller.ok() && p.caller.caller()) {
      p.has_caller = true;
      out.detected.caller_format = p.caller.caller()->format;
    } else {
      out.detected.caller_format = p.caller.format.empty() ? "unknown" : p.caller.format;
      if (!p.caller.ok())
        out.input_errors.push_back({kInputCaller, p.caller.error.code, p.caller.error.message,
                                    p.caller.error.location});
    }
  }
}

PolicyFinding flatten(const Finding& f) {
  return {f.id, severity_name(f.severity), f.statement, f.pointer, f.location, f.message, f.fix};
}

void lint_policy(const Parsed& p, const Diagnosis& d, AnalyzeResult& out) {
  if (!p.has_policy || !p.policy.ok()) return;
  LintOptions o;
  o.role_arn = d.role_arn;
  for (const Finding& f : lint(p.policy, o).findings) out.findings.push_back(flatten(f));
}

// The diagnosis' edits (they admit the caller) first, then policy_fix's hardening (it only
// narrows). When the fixer adds or replaces an ExternalId, the caller must send it too.
void fix_policy(const Parsed& p, Diagnosis& d, AnalyzeResult& out) {
  if (!p.has_policy || !p.policy.ok()) return;
  FixedPolicy& f = out.fixed_policy;
  const std::string original = canonical_policy_json(p.policy.policy.canonical_json);
  PolicyParseResult edited;
  const PolicyParseResult* input = &p.policy;
  if (!d.policy_edits.empty()) {
    const std::string json = apply_policy_edits(original, d.policy_edits);
    if (!json.empty()) {
      edited = parse_trust_policy(json);
      if (edited.ok()) {
        input = &edited;
        for (const PolicyEdit& e : d.policy_edits) f.applied.push_back(e.description);
      }
    }
  }
  FixOptions o;
  o.role_arn = d.role_arn;
  if (!d.external_id.empty() && is_valid_external_id(d.external_id)) o.external_ids.push_back({"", d.external_id});
  const FixResult r = fix_trust_policy(*input, o);
  std::string fixed;
  if (r.ok()) {
    fixed = r.policy_json;
    for (const AppliedFix& a : r.applied) f.applied.push_back(a.description);
    for (const Finding& x : r.findings_after) f.findings_after.push_back(flatten(x));
    bool external_id_changed = false;
    for (const AppliedFix& a : r.applied)
      external_id_changed = external_id_changed || a.fix == kFixAddExternalId || a.fix == kFixStrengthenExternalId ||
                            a.fix == kFixReplaceExternalId;
    const std::string id = !r.generated_external_id.empty() ? r.generated_external_id : d.external_id;
    if (external_id_changed && !id.empty() && d.caller_fix.external_id.empty()) {
      d.caller_fix.external_id = id;
      d.caller_fix_reasons.push_back("The fixed policy requires ExternalId \"" + id + "\".");
    }
  } else {
    fixed = canonical_policy_json(input->policy.canonical_json);
  }
  if (fixed.empty()) fixed = original;
  f.json = fixed;
  f.changed = fixed != original;
  f.diff = unified_diff(original, fixed, "policy", "policy (fixed)");
  auto render = [&](PolicyFormat format) {
    RenderResult rr = render_policy(fixed, format);
    return rr.ok() ? rr.text : std::string();
  };
  f.terraform = render(PolicyFormat::TerraformDocument);
  f.terraform_jsonencode = render(PolicyFormat::TerraformJsonencode);
  f.cloudformation_yaml = render(PolicyFormat::CloudFormationYaml);
  f.cloudformation_json = render(PolicyFormat::CloudFormationJson);
}

void fix_caller_text(const AnalyzeRequest& req, const Parsed& p, const Diagnosis& d, AnalyzeResult& out) {
  if (!p.has_caller) return;
  FixedCaller& f = out.fixed_caller;
  f.format = p.caller.caller()->format;
  f.text = req.caller;
  CallerFixRequest want = d.caller_fix;
  want.caller_index = p.caller.primary;
  const bool wants_change = !want.external_id.empty() || !want.session_name.empty() || want.duration_seconds != 0 ||
                            !want.mfa_serial.empty() || !want.token_code.empty() || !want.source_identity.empty() ||
                            !want.tags.empty();
  if (!wants_change) {
    for (const CallerProblem& pr : p.caller.problems) f.problems.push_back(pr.message);
    return;
  }
  CallerFixResult r = fix_caller(req.caller, want);
  for (const CallerProblem& pr : r.problems) f.problems.push_back(pr.message);
  if (!r.ok()) {
    f.problems.push_back(r.error.message);
    return;
  }
  f.text = r.text;
  f.changed = r.text != req.caller;
  f.diff = unified_diff(req.caller, r.text, "caller", "caller (fixed)");
  for (const CallerChange& c : r.changes)
    if (c.action != "unchanged") f.applied.push_back(c.message);
}

void redact_inputs(const AnalyzeRequest& req, AnalyzeResult& out) {
  Vault vault;  // one vault: the same ARN gets the same placeholder in all three inputs
  auto one = [&](const std::string& text, std::string& slot) {
    if (text.empty()) return;
    RedactResult r = redact(text, vault);
    if (!r.ok()) return;  // refused input was already reported by its parser
    slot = std::move(r.redacted);
    out.redacted.replaced += r.findings.size();
  };
  one(req.policy, out.redacted.policy);
  one(req.caller, out.redacted.caller);
  one(req.error, out.redacted.error);
}

void run(const AnalyzeRequest& req, AnalyzeResult& out) {
  Parsed p;
  parse_inputs(req, out, p);

  DiagnoseRequest dr;
  dr.error = p.has_error ? &p.error.error : nullptr;
  dr.policy = p.has_policy ? &p.policy : nullptr;
  dr.caller = p.has_caller ? p.caller.caller() : nullptr;
  dr.role_arn = req.role_arn;
  dr.caller_arn = req.caller_arn;
  dr.external_id = req.external_id;
  Diagnosis d = diagnose(dr);
  out.decision = d.decision;
  out.causes = d.causes;

  lint_policy(p, d, out);
  fix_policy(p, d, out);
  fix_caller_text(req, p, d, out);
  if (req.redact) redact_inputs(req, out);
}

}  // namespace

AnalyzeResult analyze(const AnalyzeRequest& request) {
  AnalyzeResult out;
  try {
    run(request, out);
  } catch (const std::exception&) {
    // Only allocation failure reaches here; say so instead of returning half a result.
    AnalyzeResult failed;
    failed.input_errors.push_back({"", "ANALYZE_OUT_OF_MEMORY",
                                   "The inputs are too large to analyse together in memory.", {}});
    return failed;
  }
  return out;
}

}  // namespace stackengine
