// The JSON twin of XmlSink (api/protocol/xml_sink.hpp): the same calls build the nlohmann tree that Invoke
// returns, so one writer function serves both the Query protocol's XML and the console's JSON.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>

#include "nlohmann/json.hpp"

namespace localec2::api {

class JsonListSink;

class JsonSink {
 public:
  void String(std::string_view member, std::string_view value) { out_[std::string(member)] = value; }
  void Integer(std::string_view member, std::int64_t value) { out_[std::string(member)] = value; }
  void Boolean(std::string_view member, bool value) { out_[std::string(member)] = value; }
  // Kept as epoch milliseconds, which the serializer formats.
  void Timestamp(std::string_view member, std::int64_t epoch_ms) { out_[std::string(member)] = epoch_ms; }
  template <class Fill>
  void Structure(std::string_view member, Fill&& fill) {
    JsonSink child;
    fill(child);
    out_[std::string(member)] = std::move(child).Take();
  }
  template <class Each>
  void List(std::string_view member, Each&& each);
  nlohmann::json Take() && { return std::move(out_); }

 private:
  nlohmann::json out_ = nlohmann::json::object();
};

class JsonListSink {
 public:
  template <class Fill>
  void Structure(Fill&& fill) {
    JsonSink item;
    fill(item);
    out_.push_back(std::move(item).Take());
  }
  void String(std::string_view value) { out_.push_back(value); }
  nlohmann::json Take() && { return std::move(out_); }

 private:
  nlohmann::json out_ = nlohmann::json::array();
};

template <class Each>
void JsonSink::List(std::string_view member, Each&& each) {
  JsonListSink list;
  each(list);
  out_[std::string(member)] = std::move(list).Take();
}

}  // namespace localec2::api
