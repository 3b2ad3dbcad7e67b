#include "storage/json_writer.hpp"

#include <cstdio>

namespace localec2::storage {

void JsonWriter::AppendString(std::string& out, std::string_view value) {
  out += '"';
  for (size_t i = 0; i < value.size(); ++i) {
    // Runs with nothing to escape (nearly all text) are appended whole.
    size_t run = i;
    while (run < value.size() && static_cast<unsigned char>(value[run]) >= 0x20 && value[run] != '"' &&
           value[run] != '\\')
      ++run;
    if (run != i) {
      out.append(value.data() + i, run - i);
      i = run;
      if (i == value.size()) break;
    }
    const char c = value[i];
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(c));
          out += escaped;
        } else {
          out += c;  // UTF-8 passes through: every stored string was validated as UTF-8 on input
        }
    }
  }
  out += '"';
}

void JsonWriter::Key(std::string_view name) {
  if (!first_) out_ += ',';
  first_ = false;
  AppendString(out_, name);
  out_ += ':';
}

void JsonWriter::Field(std::string_view name, std::string_view value) {
  Key(name);
  AppendString(out_, value);
}

void JsonWriter::Field(std::string_view name, std::int64_t value) {
  Key(name);
  out_ += std::to_string(value);
}

void JsonWriter::Field(std::string_view name, bool value) {
  Key(name);
  out_ += value ? "true" : "false";
}

void JsonWriter::Field(std::string_view name, const std::vector<std::string>& values) {
  Key(name);
  out_ += '[';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out_ += ',';
    AppendString(out_, values[i]);
  }
  out_ += ']';
}

void JsonWriter::Field(std::string_view name, const std::map<std::string, std::string>& values) {
  Key(name);
  out_ += '{';
  bool first = true;
  for (const auto& [key, value] : values) {
    if (!first) out_ += ',';
    first = false;
    AppendString(out_, key);
    out_ += ':';
    AppendString(out_, value);
  }
  out_ += '}';
}

}  // namespace localec2::storage
