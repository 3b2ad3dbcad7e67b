// The instance options changed after launch: CPU credits, the metadata service, maintenance, and the
// UEFI variable store. Each call runs in the Ec2 engine for the caller's account and region.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/core/ec2.hpp"
#include "model/core/filter.hpp"
#include "model/core/pagination.hpp"
#include "model/core/result.hpp"

namespace localec2::model {

struct CreditSpecification {
  std::string instance_id;
  std::string cpu_credits;  // standard | unlimited
};
struct DescribeCreditSpecificationsRequest {
  std::vector<std::string> instance_ids;
  std::vector<Filter> filters;  // instance-id
  PageRequest page;
};
// The credit option of the burstable instances named; with none named, those running unlimited.
// Paginated by instance id (MaxResults 5–1000, not with ids). Errors: InvalidInstanceID.*,
// UnsupportedOperation (an instance named has no CPU credits), unknown filter, pagination errors.
Result<Page<CreditSpecification>> DescribeInstanceCreditSpecifications(
    Ec2& ec2, const Caller& caller, const DescribeCreditSpecificationsRequest& request);

struct CreditSpecificationOutcome {
  std::vector<std::string> successful;  // instance ids
  struct Failure {
    std::string instance_id;
    std::string code;  // InvalidInstanceID.Malformed/NotFound, InstanceCreditSpecification.NotSupported
    std::string message;
  };
  std::vector<Failure> unsuccessful;
};
// Sets each instance's credit option; an instance that cannot take it is listed as unsuccessful and the
// others still change. Errors: InvalidParameterValue (a value other than standard | unlimited).
Result<CreditSpecificationOutcome> ModifyInstanceCreditSpecification(
    Ec2& ec2, const Caller& caller, const std::vector<CreditSpecification>& specifications);

struct MetadataOptionsRequest {
  std::string instance_id;
  std::string http_tokens;  // empty: unchanged
  std::string http_endpoint;
  std::optional<int> http_put_response_hop_limit;
  std::string http_protocol_ipv6;
  std::string instance_metadata_tags;
};
struct MetadataOptions {
  std::string state;  // pending: the change is being applied (Describe* shows it applied)
  std::string http_tokens;
  std::string http_endpoint;
  int http_put_response_hop_limit = 0;
  std::string http_protocol_ipv6;
  std::string instance_metadata_tags;
};
// Changes the metadata options of a running or stopped instance. Errors: InvalidInstanceID.*,
// IncorrectInstanceState, InvalidParameterValue (a value outside its enumeration, a hop limit outside 1–64).
Result<MetadataOptions> ModifyInstanceMetadataOptions(Ec2& ec2, const Caller& caller,
                                                      const MetadataOptionsRequest& request);

// Sets the instance's automatic recovery (default | disabled); answers the value now in force.
// Errors: InvalidInstanceID.*, InvalidParameterValue.
Result<std::string> ModifyInstanceMaintenanceOptions(Ec2& ec2, const Caller& caller,
                                                     const std::string& instance_id,
                                                     const std::string& auto_recovery);

// The instance's UEFI variable store, base64 (localec2 keeps an empty one). Errors: InvalidInstanceID.*,
// UnsupportedOperation (an instance that boots legacy BIOS).
Result<std::string> GetInstanceUefiData(Ec2& ec2, const Caller& caller, const std::string& instance_id);

}  // namespace localec2::model
