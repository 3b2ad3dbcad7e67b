// Writes a structure of the service model straight to XML, member by member, as a handler names them: the
// element names and scalar forms come from the compiled shapes, as in output_serializer.cpp, without an
// intermediate JSON tree. For the answers whose size is most of a call's cost (instances); JsonSink
// (api/actions/json_sink.hpp) takes the same calls and builds the tree that Invoke's other callers read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "api/protocol/service_model.hpp"

namespace localec2::api {

class XmlListSink;

class XmlSink {
 public:
  // Appends the members of `shape` (a structure) to `out`; the caller writes the enclosing element.
  XmlSink(const ServiceModel& model, const ShapeDef& shape, std::string& out)
      : model_(model), shape_(shape), out_(out) {}

  void String(std::string_view member, std::string_view value);
  void Integer(std::string_view member, std::int64_t value);
  void Boolean(std::string_view member, bool value);
  void Timestamp(std::string_view member, std::int64_t epoch_ms);
  template <class Fill>
  void Structure(std::string_view member, Fill&& fill) {
    const MemberDef& m = Member(member);
    Open(m.xml_name);
    XmlSink child(model_, model_.Shape(m.shape), out_);
    fill(child);
    Close(m.xml_name);
  }
  template <class Each>
  void List(std::string_view member, Each&& each);

 private:
  friend class XmlListSink;
  // The member of this structure named `name`; a name the shape lacks is a defect (logic_error).
  const MemberDef& Member(std::string_view name) const;
  void Open(std::string_view name);
  void Close(std::string_view name);

  const ServiceModel& model_;
  const ShapeDef& shape_;
  std::string& out_;
};

// The items of one list member.
class XmlListSink {
 public:
  XmlListSink(const ServiceModel& model, const ShapeDef& list, std::string& out)
      : model_(model), list_(list), out_(out) {}
  template <class Fill>
  void Structure(Fill&& fill) {
    XmlSink item(model_, model_.Shape(list_.element), out_);
    item.Open(list_.element_xml_name);
    fill(item);
    item.Close(list_.element_xml_name);
  }
  void String(std::string_view value);

 private:
  const ServiceModel& model_;
  const ShapeDef& list_;
  std::string& out_;
};

template <class Each>
void XmlSink::List(std::string_view member, Each&& each) {
  const MemberDef& m = Member(member);
  Open(m.xml_name);
  XmlListSink list(model_, model_.Shape(m.shape), out_);
  each(list);
  Close(m.xml_name);
}

}  // namespace localec2::api
