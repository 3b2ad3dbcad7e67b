#pragma once

#include <string>
#include <string_view>

namespace localec2::api {

// Appends `text` to `out` as XML character data: & < > " ' escaped; bytes that are not well-formed
// UTF-8 and characters XML 1.0 forbids (C0 controls other than tab, LF, CR) become U+FFFD, so any
// string a client sent can be echoed back without breaking the document.
void AppendXmlEscaped(std::string& out, std::string_view text);

// Appends <name>escaped text</name>.
void AppendXmlElement(std::string& out, std::string_view name, std::string_view text);

}  // namespace localec2::api
