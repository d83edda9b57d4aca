// Formats whose parsers have not landed yet.
#include "caller/syntax.hpp"

namespace stackengine::caller_detail {
std::unique_ptr<CallerSyntax> make_sdk_syntax(std::string_view) { return nullptr; }
}  // namespace stackengine::caller_detail
