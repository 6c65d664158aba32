#pragma once

#include <string_view>

namespace clab::python {

// The text of one file of engine/python/templates/ ("threads", "io_socket", "program"), embedded
// at build time. A name with no file is a programming error: std::logic_error.
std::string_view templateText(std::string_view name);

} // namespace clab::python
