#include "storage/json_reader.hpp"

#include <limits>

namespace localec2::storage {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool Integer(JsonCursor& in, std::int64_t& value) {
  const bool negative = in.Take('-');
  if (in.AtEnd() || in.text[in.at] < '0' || in.text[in.at] > '9') return false;
  // JSON has no leading zeros ("00", "01"); "-0" is left to nlohmann too.
  if (in.text[in.at] == '0' &&
      (negative || (in.at + 1 < in.text.size() && in.text[in.at + 1] >= '0' && in.text[in.at + 1] <= '9'))) {
    return false;
  }
  std::uint64_t magnitude = 0;
  while (!in.AtEnd() && in.text[in.at] >= '0' && in.text[in.at] <= '9') {
    if (magnitude > (std::numeric_limits<std::uint64_t>::max() - 9) / 10) return false;
    magnitude = magnitude * 10 + static_cast<std::uint64_t>(in.text[in.at++] - '0');
  }
  if (in.Peek('.') || in.Peek('e') || in.Peek('E')) return false;
  if (magnitude > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return false;
  value = negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
  return true;
}

}  // namespace

bool JsonReader::String(JsonCursor& in, std::string& out) {
  if (!in.Take('"')) return false;
  out.clear();
  while (true) {
    const size_t start = in.at;
    while (in.at < in.text.size() && in.text[in.at] != '"' && in.text[in.at] != '\\') {
      // A control character is not JSON; beyond ASCII, nlohmann checks the UTF-8.
      const auto byte = static_cast<unsigned char>(in.text[in.at]);
      if (byte < 0x20 || byte >= 0x80) return false;
      ++in.at;
    }
    out.append(in.text.substr(start, in.at - start));
    if (in.AtEnd()) return false;
    if (in.Take('"')) return true;
    ++in.at;  // the backslash
    if (in.AtEnd()) return false;
    switch (in.text[in.at++]) {
      case '"':
        out += '"';
        break;
      case '\\':
        out += '\\';
        break;
      case '/':
        out += '/';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        if (in.text.size() - in.at < 4) return false;
        int code = 0;
        for (int i = 0; i < 4; ++i) {
          const int digit = HexDigit(in.text[in.at++]);
          if (digit < 0) return false;
          code = code * 16 + digit;
        }
        if (code >= 0x80) return false;  // beyond ASCII: left to nlohmann
        out += static_cast<char>(code);
        break;
      }
      default:
        return false;
    }
  }
}

bool JsonReader::Key(std::string_view name) {
  if (!first_ && !in_.Take(',')) return false;
  first_ = false;
  // Member names are plain ASCII without escapes: compare them in place.
  if (!in_.Take('"') || in_.text.substr(in_.at, name.size()) != name) return false;
  in_.at += name.size();
  return in_.Take('"') && in_.Take(':');
}

bool JsonReader::Field(std::string_view name, std::int64_t& value) {
  return Key(name) && Integer(in_, value);
}

bool JsonReader::Field(std::string_view name, int& value) {
  std::int64_t wide = 0;
  if (!Key(name) || !Integer(in_, wide)) return false;
  if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) return false;
  value = static_cast<int>(wide);
  return true;
}

bool JsonReader::Field(std::string_view name, bool& value) {
  if (!Key(name)) return false;
  if (in_.text.substr(in_.at, 4) == "true") {
    in_.at += 4;
    value = true;
    return true;
  }
  if (in_.text.substr(in_.at, 5) == "false") {
    in_.at += 5;
    value = false;
    return true;
  }
  return false;
}

bool JsonReader::Field(std::string_view name, std::vector<std::string>& values) {
  if (!Key(name) || !in_.Take('[')) return false;
  values.clear();
  if (in_.Take(']')) return true;
  do {
    if (!String(in_, values.emplace_back())) return false;
  } while (in_.Take(','));
  return in_.Take(']');
}

bool JsonReader::Field(std::string_view name, std::map<std::string, std::string>& values) {
  if (!Key(name) || !in_.Take('{')) return false;
  values.clear();
  if (in_.Take('}')) return true;
  std::string key;
  do {
    if (!String(in_, key) || !in_.Take(':')) return false;
    std::string value;
    if (!String(in_, value)) return false;
    if (!values.emplace(key, std::move(value)).second) return false;  // a repeated key: nlohmann decides
  } while (in_.Take(','));
  return in_.Take('}');
}

}  // namespace localec2::storage
