#include "api/protocol/xml_sink.hpp"

#include <algorithm>
#include <stdexcept>

#include "api/protocol/timestamp.hpp"
#include "api/protocol/xml_writer.hpp"

namespace localec2::api {

const MemberDef& XmlSink::Member(std::string_view name) const {
  const std::span<const MemberDef> members = model_.Members(shape_);
  const std::span<const std::uint16_t> by_name = model_.MembersByName(shape_);
  auto it =
      std::lower_bound(by_name.begin(), by_name.end(), name,
                       [&](std::uint16_t index, std::string_view n) { return members[index].name < n; });
  if (it == by_name.end() || members[*it].name != name)
    throw std::logic_error(std::string(name) + " is not a member of " + std::string(shape_.name));
  return members[*it];
}

void XmlSink::Open(std::string_view name) {
  out_ += '<';
  out_ += name;
  out_ += '>';
}

void XmlSink::Close(std::string_view name) {
  out_ += "</";
  out_ += name;
  out_ += '>';
}

void XmlSink::String(std::string_view member, std::string_view value) {
  AppendXmlElement(out_, Member(member).xml_name, value);
}

void XmlSink::Integer(std::string_view member, std::int64_t value) {
  const std::string_view name = Member(member).xml_name;
  Open(name);
  out_ += std::to_string(value);
  Close(name);
}

void XmlSink::Boolean(std::string_view member, bool value) {
  const std::string_view name = Member(member).xml_name;
  Open(name);
  out_ += value ? "true" : "false";
  Close(name);
}

void XmlSink::Timestamp(std::string_view member, std::int64_t epoch_ms) {
  const std::string_view name = Member(member).xml_name;
  Open(name);
  out_ += FormatTimestamp(epoch_ms);
  Close(name);
}

void XmlListSink::String(std::string_view value) { AppendXmlElement(out_, list_.element_xml_name, value); }

}  // namespace localec2::api
