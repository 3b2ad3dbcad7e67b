// The EC2 service model as compiled tables: operations, shapes and members of botocore's
// ec2/2016-11-15 model (api/service_model/), generated at build time by model_codegen.cpp so start-up
// parses nothing.
//
// EC2 query naming, resolved once by the generator:
//   input wire name  = member queryName, else its locationName with the first letter capitalised,
//                      else the member name; list elements are `Name.N` (N from 1, no `.member.`).
//   output XML name  = member locationName, else the member name; list elements are the list member's
//                      locationName (always `item` in EC2).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace localec2::api {

enum class ShapeKind : std::uint8_t {
  kStructure,
  kList,
  kString,
  kInteger,
  kLong,
  kBoolean,
  kDouble,
  kFloat,
  kTimestamp,
  kBlob,
};

using ShapeIndex = std::uint16_t;

struct MemberDef {
  std::string_view name;        // the key boto3 users know: ImageId, MinCount
  std::string_view query_name;  // the input form name
  std::string_view xml_name;    // the output element name
  ShapeIndex shape;
  bool required;
};

struct ShapeDef {
  std::string_view name;
  ShapeKind kind;
  std::uint32_t first;  // structure: first member; string: first enum value
  std::uint32_t count;  // structure: member count; string: enum value count (0: any string)
  ShapeIndex element;   // list: the element shape
  std::string_view element_xml_name;
};

inline constexpr ShapeIndex kNoShape = 0xFFFF;

struct OperationDef {
  std::string_view name;
  ShapeIndex input;   // kNoShape when the operation takes no input
  ShapeIndex output;  // kNoShape when the answer has no members
};

// Read-only view of the compiled tables; all lookups are O(log n) or O(1) and allocation-free.
class ServiceModel {
 public:
  // The EC2 model compiled into this binary.
  static const ServiceModel& Ec2();

  // The operation named exactly `name` (case-sensitive, as AWS matches Action), or nullptr.
  const OperationDef* FindOperation(std::string_view name) const;
  // The shape named `name`, or nullptr (for tests and tools; requests never look shapes up by name).
  const ShapeDef* FindShape(std::string_view name) const;

  const ShapeDef& Shape(ShapeIndex index) const { return shapes_[index]; }
  std::span<const MemberDef> Members(const ShapeDef& structure) const {
    return members_.subspan(structure.first, structure.count);
  }
  // The structure's member positions (0 … count-1) in the byte order of their names: the order of a JSON
  // object's keys, so the serializer merges the two instead of looking every member up.
  std::span<const std::uint16_t> MembersByName(const ShapeDef& structure) const {
    return std::span<const std::uint16_t>(members_by_name_).subspan(structure.first, structure.count);
  }
  std::span<const std::string_view> EnumValues(const ShapeDef& string_shape) const {
    return enum_values_.subspan(string_shape.first, string_shape.count);
  }
  std::span<const OperationDef> Operations() const { return operations_; }
  std::string_view XmlNamespace() const { return xml_namespace_; }
  std::string_view ApiVersion() const { return api_version_; }

  ServiceModel(std::span<const OperationDef> operations, std::span<const ShapeDef> shapes,
               std::span<const MemberDef> members, std::span<const std::string_view> enum_values,
               std::string_view xml_namespace, std::string_view api_version)
      : operations_(operations),
        shapes_(shapes),
        members_(members),
        enum_values_(enum_values),
        xml_namespace_(xml_namespace),
        api_version_(api_version),
        members_by_name_(OrderMembersByName(shapes, members)) {}

 private:
  std::span<const OperationDef> operations_;  // sorted by name
  std::span<const ShapeDef> shapes_;          // sorted by name
  std::span<const MemberDef> members_;
  std::span<const std::string_view> enum_values_;
  std::string_view xml_namespace_;
  std::string_view api_version_;
  std::vector<std::uint16_t> members_by_name_;  // per structure, as MembersByName answers

  static std::vector<std::uint16_t> OrderMembersByName(std::span<const ShapeDef> shapes,
                                                       std::span<const MemberDef> members);
};

}  // namespace localec2::api
