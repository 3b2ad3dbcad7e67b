// The reading twin of JsonWriter, for the hot record types: reads `"name":value` pairs in exactly the
// order and form the writer writes them, straight into fields, with no intermediate tree. Anything else
// (another member order, a member missing or extra, whitespace, a number with a fraction or a leading
// zero, a string with a byte beyond ASCII or a \u escape beyond it) makes a read fail, and the caller falls
// back to nlohmann's decoder, which reads any JSON: so it only has to be right on what JsonWriter writes, and
// a failure costs time, never correctness.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace localec2::storage {

// Where reading is in a text; shared by the readers of nested objects.
struct JsonCursor {
  std::string_view text;
  size_t at = 0;
  bool Take(char c) {
    if (at >= text.size() || text[at] != c) return false;
    ++at;
    return true;
  }
  bool Peek(char c) const { return at < text.size() && text[at] == c; }
  bool AtEnd() const { return at == text.size(); }
};

// One object: Begin, its fields in order, Finish. Every call returns false on anything unexpected.
class JsonReader {
 public:
  explicit JsonReader(JsonCursor& cursor) : in_(cursor) {}
  bool Begin() { return in_.Take('{'); }
  bool Finish() { return in_.Take('}'); }

  bool Field(std::string_view name, std::string& value) { return Key(name) && String(in_, value); }
  bool Field(std::string_view name, std::int64_t& value);
  bool Field(std::string_view name, int& value);
  bool Field(std::string_view name, bool& value);
  bool Field(std::string_view name, std::vector<std::string>& values);
  bool Field(std::string_view name, std::map<std::string, std::string>& values);
  // Reads `"name":` for a value the caller reads itself.
  bool Key(std::string_view name);

  static bool String(JsonCursor& in, std::string& out);

 private:
  JsonCursor& in_;
  bool first_ = true;
};

}  // namespace localec2::storage
