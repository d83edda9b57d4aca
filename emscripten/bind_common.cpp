// Bindings only: plain C++ structs from include/stackengine become JS objects.
// Shared value types used by every module's bindings.
#include <emscripten/bind.h>

#include "stackengine/text.hpp"

using namespace emscripten;
using namespace stackengine;

EMSCRIPTEN_BINDINGS(stackengine_common) {
  value_object<SourceLocation>("SourceLocation")
      .field("offset", &SourceLocation::offset)
      .field("offsetUtf16", &SourceLocation::offset_utf16)
      .field("line", &SourceLocation::line)
      .field("column", &SourceLocation::column);
  value_object<TextError>("TextError")
      .field("code", &TextError::code)
      .field("message", &TextError::message)
      .field("location", &TextError::location);
  register_vector<std::string>("VectorString");
  function("heapBytesInUse", &heap_bytes_in_use);
}
