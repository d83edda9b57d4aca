// The request side: who calls, and which context keys AWS puts in the request
// (reference_policies_condition-keys.md, id_session-tags.md).
#include <algorithm>
#include <cctype>

#include "simulate/internal.hpp"

namespace stackengine {

using namespace simulate_detail;

const char* decision_name(Decision d) {
  switch (d) {
    case Decision::Allowed: return "Allowed";
    case Decision::ExplicitlyDenied: return "ExplicitlyDenied";
    default: return "ImplicitlyDenied";
  }
}

const char* caller_kind_name(CallerKind k) {
  switch (k) {
    case CallerKind::User: return "user";
    case CallerKind::Role: return "role";
    case CallerKind::AssumedRole: return "assumed-role";
    case CallerKind::FederatedUser: return "federated-user";
    case CallerKind::Root: return "root";
    case CallerKind::Service: return "service";
    case CallerKind::WebIdentity: return "web-identity";
    case CallerKind::Saml: return "saml";
    default: return "unknown";
  }
}

namespace {

bool is_account_id(std::string_view s) {
  return s.size() == 12 && std::all_of(s.begin(), s.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
}

// Web identity providers that appear in trust policies by host name, not provider ARN.
bool is_builtin_idp(std::string_view host) {
  return host == "cognito-identity.amazonaws.com" || host == "accounts.google.com" ||
         host == "graph.facebook.com" || host == "www.amazon.com";
}

bool is_service_name(std::string_view s) {
  if (s.empty() || s.find(':') != std::string_view::npos || s.find('/') != std::string_view::npos) return false;
  auto ends = [&](std::string_view suffix) {
    return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
  };
  return ends(".amazonaws.com") || ends(".amazonaws.com.cn") || ends(".amazon.com");
}

// "role/a/b/Name" -> path "/a/b/", name "Name".
void split_path(std::string_view rest, std::string& path, std::string& name) {
  const auto last = rest.rfind('/');
  if (last == std::string_view::npos) {
    path = "/";
    name = std::string(rest);
    return;
  }
  path = "/" + std::string(rest.substr(0, last + 1));
  name = std::string(rest.substr(last + 1));
}

}  // namespace

CallerPrincipal parse_caller_principal(std::string_view arn_in) {
  CallerPrincipal p;
  std::string_view arn = arn_in;
  while (!arn.empty() && std::isspace(static_cast<unsigned char>(arn.front()))) arn.remove_prefix(1);
  while (!arn.empty() && std::isspace(static_cast<unsigned char>(arn.back()))) arn.remove_suffix(1);
  p.arn = std::string(arn);
  if (is_account_id(arn)) {
    p.kind = CallerKind::Root;
    p.account = p.arn;
    p.partition = "aws";
    p.principal_arn = "arn:aws:iam::" + p.account + ":root";
    return p;
  }
  if (is_builtin_idp(arn)) {
    p.kind = CallerKind::WebIdentity;
    p.name = p.arn;
    return p;
  }
  if (is_service_name(arn)) {
    p.kind = CallerKind::Service;
    p.name = p.arn;
    return p;
  }
  if (arn.substr(0, 4) != "arn:") return p;
  // arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE
  std::string_view parts[6];
  std::string_view rest = arn;
  for (int i = 0; i < 5; ++i) {
    const auto c = rest.find(':');
    if (c == std::string_view::npos) return p;
    parts[i] = rest.substr(0, c);
    rest.remove_prefix(c + 1);
  }
  parts[5] = rest;
  p.partition = std::string(parts[1]);
  p.account = std::string(parts[4]);
  const std::string_view service = parts[2], res = parts[5];
  if (!is_account_id(parts[4])) return p;
  auto after = [&](std::string_view prefix) { return res.substr(prefix.size()); };
  if (service == "iam" && res == "root") {
    p.kind = CallerKind::Root;
    p.principal_arn = p.arn;
  } else if (service == "iam" && res.substr(0, 5) == "user/") {
    p.kind = CallerKind::User;
    split_path(after("user/"), p.path, p.name);
    p.principal_arn = p.arn;
  } else if (service == "iam" && res.substr(0, 5) == "role/") {
    p.kind = CallerKind::Role;
    split_path(after("role/"), p.path, p.name);
    p.principal_arn = p.arn;
  } else if (service == "sts" && res.substr(0, 13) == "assumed-role/") {
    const std::string_view r = after("assumed-role/");
    const auto slash = r.find('/');
    if (slash == std::string_view::npos) return p;
    p.kind = CallerKind::AssumedRole;
    p.name = std::string(r.substr(0, slash));
    p.session_name = std::string(r.substr(slash + 1));
    // The session ARN does not carry the role path; aws:PrincipalArn does (pass it explicitly).
    p.principal_arn = "arn:" + p.partition + ":iam::" + p.account + ":role/" + p.name;
  } else if (service == "sts" && res.substr(0, 15) == "federated-user/") {
    p.kind = CallerKind::FederatedUser;
    p.name = std::string(after("federated-user/"));
    p.principal_arn = p.arn;
  } else if (service == "iam" && res.substr(0, 14) == "oidc-provider/") {
    p.kind = CallerKind::WebIdentity;
    p.name = std::string(after("oidc-provider/"));
  } else if (service == "iam" && res.substr(0, 14) == "saml-provider/") {
    p.kind = CallerKind::Saml;
    p.name = std::string(after("saml-provider/"));
  }
  return p;
}

const ContextEntry* RequestContext::find(std::string_view key) const {
  for (const auto& e : keys)
    if (iequals(e.key, key)) return &e;
  return nullptr;
}

void RequestContext::set(std::string_view key, std::string_view value) {
  set(key, std::vector<std::string>{std::string(value)});
}

void RequestContext::set(std::string_view key, std::vector<std::string> values) {
  for (auto& e : keys) {
    if (iequals(e.key, key)) {
      e.values = std::move(values);
      return;
    }
  }
  keys.push_back({std::string(key), std::move(values)});
}

void RequestContext::erase(std::string_view key) {
  keys.erase(std::remove_if(keys.begin(), keys.end(), [&](const ContextEntry& e) { return iequals(e.key, key); }),
             keys.end());
}

RequestContext make_request_context(std::string_view caller_arn, std::string_view role_arn, const CallParameters& call) {
  RequestContext r;
  r.caller = parse_caller_principal(caller_arn);
  r.role_arn = std::string(role_arn);
  {
    const CallerPrincipal role = parse_caller_principal(role_arn);
    r.role_account = role.account;
  }
  r.call = call;
  if (!call.action.empty()) {
    r.action = call.action;
  } else if (r.caller.kind == CallerKind::WebIdentity) {
    r.action = "sts:AssumeRoleWithWebIdentity";
  } else if (r.caller.kind == CallerKind::Saml) {
    r.action = "sts:AssumeRoleWithSAML";
  }
  const CallerPrincipal& c = r.caller;
  switch (c.kind) {
    case CallerKind::User:
    case CallerKind::Role:
    case CallerKind::AssumedRole:
    case CallerKind::FederatedUser:
    case CallerKind::Root:
      r.set("aws:PrincipalArn", c.principal_arn);
      r.set("aws:PrincipalAccount", c.account);
      r.set("aws:PrincipalType", c.kind == CallerKind::User            ? "User"
                                 : c.kind == CallerKind::FederatedUser ? "FederatedUser"
                                 : c.kind == CallerKind::Root          ? "Account"
                                                                       : "AssumedRole");
      if (c.kind == CallerKind::User) r.set("aws:username", c.name);
      break;
    case CallerKind::Service:
      r.set("aws:PrincipalIsAWSService", "true");
      r.set("aws:PrincipalServiceName", c.name);
      break;
    default:
      break;
  }
  if (call.external_id_sent || !call.external_id.empty()) r.set("sts:ExternalId", call.external_id);
  if (!call.session_name.empty()) r.set("sts:RoleSessionName", call.session_name);
  if (!call.source_identity.empty()) r.set("sts:SourceIdentity", call.source_identity);
  if (!call.tags.empty()) {
    std::vector<std::string> tag_keys;
    for (const auto& t : call.tags) {
      r.set("aws:RequestTag/" + t.key, t.value);
      tag_keys.push_back(t.key);
    }
    r.set("aws:TagKeys", tag_keys);
  }
  if (!call.transitive_tag_keys.empty()) r.set("sts:TransitiveTagKeys", call.transitive_tag_keys);
  // Long-term keys carry no MFA key at all; session credentials carry true/false. Sending
  // SerialNumber + TokenCode with AssumeRole authenticates this call with MFA.
  if (!call.mfa_serial.empty() && !call.token_code.empty()) {
    r.set("aws:MultiFactorAuthPresent", "true");
    r.set("aws:MultiFactorAuthAge", "0");
  } else if (c.kind == CallerKind::AssumedRole || c.kind == CallerKind::FederatedUser) {
    r.set("aws:MultiFactorAuthPresent", "false");
  }
  return r;
}

CallParameters call_parameters(const CallerConfig& caller) {
  CallParameters p;
  if (!caller.operation.empty() && caller.operation.rfind("AssumeRole", 0) == 0) p.action = "sts:" + caller.operation;
  p.external_id = caller.external_id;
  p.external_id_sent = caller.field("external_id") != nullptr || !caller.external_id.empty();
  p.session_name = caller.session_name;
  p.source_identity = caller.source_identity;
  for (const auto& t : caller.tags) p.tags.push_back({t.key, t.value});
  p.transitive_tag_keys = caller.transitive_tag_keys;
  p.mfa_serial = caller.mfa_serial;
  p.token_code = caller.token_code;
  p.duration_seconds = caller.duration_seconds;
  return p;
}

RequestContext make_request_context(std::string_view caller_arn, const CallerConfig& caller) {
  return make_request_context(caller_arn, caller.role_arn, call_parameters(caller));
}

}  // namespace stackengine
