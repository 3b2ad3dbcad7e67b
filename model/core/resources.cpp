#include "model/core/resources.hpp"

namespace localec2::model {
namespace {

struct TypeOf {
  std::string_view operator()(const KeyPair&) const { return "key-pair"; }
  std::string_view operator()(const SecurityGroup&) const { return "security-group"; }
  std::string_view operator()(const Vpc&) const { return "vpc"; }
  std::string_view operator()(const Subnet&) const { return "subnet"; }
  std::string_view operator()(const Instance&) const { return "instance"; }
  std::string_view operator()(const Image&) const { return "image"; }
  std::string_view operator()(const Snapshot&) const { return "snapshot"; }
  std::string_view operator()(const Volume&) const { return "volume"; }
};

struct IdOf {
  const std::string& operator()(const KeyPair& r) const { return r.key_pair_id; }
  const std::string& operator()(const SecurityGroup& r) const { return r.group_id; }
  const std::string& operator()(const Vpc& r) const { return r.vpc_id; }
  const std::string& operator()(const Subnet& r) const { return r.subnet_id; }
  const std::string& operator()(const Instance& r) const { return r.instance_id; }
  const std::string& operator()(const Image& r) const { return r.image_id; }
  const std::string& operator()(const Snapshot& r) const { return r.snapshot_id; }
  const std::string& operator()(const Volume& r) const { return r.volume_id; }
};

}  // namespace

std::string_view ResourceType(const Resource& resource) { return std::visit(TypeOf{}, resource); }
const std::string& ResourceId(const Resource& resource) { return std::visit(IdOf{}, resource); }

}  // namespace localec2::model
