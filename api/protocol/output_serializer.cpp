#include "api/protocol/output_serializer.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "api/protocol/base64.hpp"
#include "api/protocol/timestamp.hpp"
#include "api/protocol/xml_writer.hpp"

namespace localec2::api {
namespace {

using nlohmann::json;

constexpr std::string_view kXmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

class Writer {
 public:
  Writer(const ServiceModel& model, std::string& out) : model_(model), out_(out) {}

  // The object's members in the shape's order. Both the object's keys and MembersByName are in name
  // order, so one merged pass finds every member (no lookup per member).
  void Members(const ShapeDef& shape, const json& object) {
    if (!object.is_object())
      throw std::logic_error("expected an object for shape " + std::string(shape.name));
    const std::span<const MemberDef> members = model_.Members(shape);
    const std::span<const std::uint16_t> by_name = model_.MembersByName(shape);
    // Most shapes have few members: their slots live on the stack.
    std::array<const json*, 96> inline_slots;  // only the first members.size() are cleared and used
    std::vector<const json*> heap_slots;
    const json** found = inline_slots.data();
    if (members.size() > inline_slots.size()) {
      heap_slots.resize(members.size());
      found = heap_slots.data();
    }
    std::fill_n(found, members.size(), nullptr);
    size_t next = 0;
    for (auto it = object.begin(); it != object.end(); ++it) {
      const std::string& key = it.key();
      while (next < by_name.size() && members[by_name[next]].name < key) ++next;
      if (next < by_name.size() && members[by_name[next]].name == key) {
        found[by_name[next++]] = &it.value();
      } else if (!it->is_null()) {
        throw std::logic_error("output has keys that are not members of " + std::string(shape.name) + ": " +
                               object.dump());
      }
    }
    for (size_t k = 0; k < members.size(); ++k) {
      if (found[k] != nullptr && !found[k]->is_null())
        Element(members[k].xml_name, model_.Shape(members[k].shape), *found[k]);
    }
  }

  void Element(std::string_view name, const ShapeDef& shape, const json& value) {
    Open(name);
    if (value.is_binary() && shape.kind == ShapeKind::kStructure) {  // written by an XmlSink: as it is
      const json::binary_t& fragment = value.get_binary();
      out_.append(reinterpret_cast<const char*>(fragment.data()), fragment.size());
      Close(name);
      return;
    }
    switch (shape.kind) {
      case ShapeKind::kStructure:
        Members(shape, value);
        break;
      case ShapeKind::kList: {
        if (!value.is_array())
          throw std::logic_error("expected an array for shape " + std::string(shape.name));
        const ShapeDef& element = model_.Shape(shape.element);
        for (const json& item : value) Element(shape.element_xml_name, element, item);
        break;
      }
      default:
        Scalar(shape, value);
    }
    Close(name);
  }

  void Scalar(const ShapeDef& shape, const json& value) {
    switch (shape.kind) {
      case ShapeKind::kBoolean:
        if (!value.is_boolean()) break;
        out_ += value.get<bool>() ? "true" : "false";
        return;
      case ShapeKind::kInteger:
      case ShapeKind::kLong:
        if (!value.is_number_integer()) break;
        out_ += std::to_string(value.get<long long>());
        return;
      case ShapeKind::kDouble:
      case ShapeKind::kFloat: {
        if (!value.is_number()) break;
        char buf[32];
        auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, value.get<double>());
        out_.append(buf, ptr);
        return;
      }
      case ShapeKind::kTimestamp:
        if (value.is_number_integer()) {
          out_ += FormatTimestamp(value.get<long long>());
          return;
        }
        if (!value.is_string()) break;
        AppendXmlEscaped(out_, value.get_ref<const std::string&>());
        return;
      case ShapeKind::kBlob:
        if (!value.is_string()) break;
        out_ += Base64Encode(value.get_ref<const std::string&>());
        return;
      case ShapeKind::kString:
        if (!value.is_string()) break;
        AppendXmlEscaped(out_, value.get_ref<const std::string&>());
        return;
      default:
        break;
    }
    throw std::logic_error("wrong JSON type for shape " + std::string(shape.name) + ": " + value.dump());
  }

 private:
  void Open(std::string_view name) {
    out_ += '<';
    out_ += name;
    out_ += '>';
  }
  void Close(std::string_view name) {
    out_ += "</";
    out_ += name;
    out_ += '>';
  }

  const ServiceModel& model_;
  std::string& out_;
};

}  // namespace

std::string SerializeOutput(const ServiceModel& model, const OperationDef& operation, const json& output,
                            std::string_view request_id) {
  // Sized like this thread's last answer to the same action: a page of instances is hundreds of KB, and
  // growing to it by doubling copies it again and again.
  thread_local std::unordered_map<const OperationDef*, size_t> last_size;
  size_t& expected = last_size[&operation];
  std::string out;
  out.reserve(std::clamp<size_t>(expected + expected / 8, 512, 8 << 20));
  out += kXmlDeclaration;
  out += '<';
  out += operation.name;
  out += "Response xmlns=\"";
  out += model.XmlNamespace();
  out += "\">";
  AppendXmlElement(out, "requestId", request_id);
  if (operation.output != kNoShape) {
    Writer(model, out).Members(model.Shape(operation.output), output);
  } else {
    out += "<return>true</return>";
  }
  out += "</";
  out += operation.name;
  out += "Response>";
  expected = out.size();
  return out;
}

std::string SerializeError(std::string_view code, std::string_view message, std::string_view request_id) {
  std::string out;
  out.reserve(256 + message.size());
  out += kXmlDeclaration;
  out += "<Response><Errors><Error>";
  AppendXmlElement(out, "Code", code);
  AppendXmlElement(out, "Message", message);
  out += "</Error></Errors>";
  AppendXmlElement(out, "RequestID", request_id);
  out += "</Response>";
  return out;
}

}  // namespace localec2::api
