// What the instance metadata service (imds/) tells one instance about itself, gathered in one read: the
// instance as Describe* shows it, plus what only the metadata tree names (the launch key's public half,
// the zone id, the CIDR blocks of each interface's subnet and VPC). Found by instance id alone, because a
// metadata request carries no signature: the id picks the account and region.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "model/core/ec2.hpp"
#include "model/core/result.hpp"
#include "model/instances/instances.hpp"

namespace localec2::model {

struct InstanceMetadata {
  Scope scope;  // the instance's account and region
  InstanceView view;
  // The OpenSSH public key of the key pair the instance was launched with; empty when it was launched
  // without one (or the pair has since been deleted: localec2 keeps only the name on the instance).
  std::string public_key;
  std::string availability_zone_id;
  std::map<std::string, std::string> subnet_cidrs;  // subnet id → its IPv4 CIDR block
  std::map<std::string, std::string> vpc_cidrs;     // VPC id → its primary IPv4 CIDR block
};

// The metadata of `instance_id`, in whichever partition holds it. Errors: InvalidInstanceID.Malformed,
// InvalidInstanceID.NotFound (also once a terminated instance has vanished).
Result<InstanceMetadata> DescribeInstanceMetadata(Ec2& ec2, const std::string& instance_id);

// The id of a visible instance, in any account and region, for which `matches(id)` holds; nullopt when none.
std::optional<std::string> FindInstanceId(Ec2& ec2, const std::function<bool(const std::string&)>& matches);

}  // namespace localec2::model
