// Formats whose parsers have not landed yet.
#include "caller/syntax.hpp"

namespace stackengine::caller_detail {
std::unique_ptr<CallerSyntax> make_aws_config_syntax() { return nullptr; }
std::unique_ptr<CallerSyntax> make_terraform_syntax() { return nullptr; }
std::unique_ptr<CallerSyntax> make_github_actions_syntax() { return nullptr; }
std::unique_ptr<CallerSyntax> make_sdk_syntax(std::string_view) { return nullptr; }
}  // namespace stackengine::caller_detail
