// A minimal JSON object writer for the hot record types: appends `"name":value` pairs straight into a
// string, with no intermediate tree. The output is ordinary JSON that record_codec's nlohmann decoders
// read back (a test checks both directions agree).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace localec2::storage {

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) { out_ += '{'; }
  void Finish() { out_ += '}'; }

  void Field(std::string_view name, std::string_view value);
  void Field(std::string_view name, const char* value) { Field(name, std::string_view(value)); }
  void Field(std::string_view name, std::int64_t value);
  void Field(std::string_view name, int value) { Field(name, static_cast<std::int64_t>(value)); }
  void Field(std::string_view name, bool value);
  void Field(std::string_view name, const std::vector<std::string>& values);
  void Field(std::string_view name, const std::map<std::string, std::string>& values);
  // Starts `"name":` for a value the caller writes itself.
  void Key(std::string_view name);

  static void AppendString(std::string& out, std::string_view value);

 private:
  std::string& out_;
  bool first_ = true;
};

}  // namespace localec2::storage
