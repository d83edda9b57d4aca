// Escaping shared by the renderers and the fixer's sentences (internal).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace stackengine::render {

// `s` with every invalid UTF-8 sequence replaced by U+FFFD (so nothing downstream,
// nlohmann's dump() included, can fail on it).
std::string valid_utf8(std::string_view s);
// JSON string body: quotes, backslashes and control characters escaped; UTF-8 kept;
// invalid UTF-8 written as U+FFFD.
std::string json_escape(std::string_view s);
// HCL quoted-string body: JSON's escapes plus "${" -> "$${" and "%{" -> "%%{" so
// Terraform does not treat IAM policy variables as its own templates.
std::string hcl_escape(std::string_view s);
// The canonical JSON rendering (render.hpp, PolicyFormat::Json) of a document. Objects
// may hold duplicate keys (pushed onto ordered_map's vector): each is written.
std::string canonical_json(const nlohmann::ordered_json& policy);
// A number, bool or null as JSON text.
std::string scalar_text(const nlohmann::ordered_json& v);

}  // namespace stackengine::render
