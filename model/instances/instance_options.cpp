// The instance options changed after launch (instance_options.hpp): CPU credits, metadata service,
// maintenance and UEFI data.
#include "model/instances/instance_options.hpp"

#include <algorithm>
#include <initializer_list>

#include "model/core/tx.hpp"
#include "model/instances/instance_lifecycle.hpp"
#include "model/instances/instances.hpp"
#include "model/instances/launch_options.hpp"

namespace localec2::model {
namespace {

Status CheckOneOf(const std::string& value, std::initializer_list<std::string_view> allowed,
                  std::string_view parameter) {
  if (value.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return Ok{};
  return MakeError(codes::kInvalidParameterValue,
                   "Value (" + value + ") for parameter " + std::string(parameter) + " is invalid.");
}

Error NoCredits(const std::string& instance_id) {
  return MakeError(
      codes::kUnsupportedOperation,
      "The instance '" + instance_id + "' is not a burstable performance instance (T2, T3, T3a, T4g).");
}

// The one instance `instance_id` names, as stored. Errors: InvalidInstanceID.*.
Result<const Instance*> FindOne(const View& view, const std::string& instance_id) {
  auto found = FindInstances(view, {instance_id});
  if (!found) return std::move(found).error();
  return (*found)[0];
}

// The failure of one ModifyInstanceCreditSpecification item, or none.
std::optional<CreditSpecificationOutcome::Failure> CreditFailure(const View& view, const std::string& id) {
  auto found = FindOne(view, id);
  if (!found) return CreditSpecificationOutcome::Failure{id, found.error().code, found.error().message};
  const std::string_view state = CurrentState(**found, view.now(), view.timing());
  if (state == states::kShuttingDown || state == states::kTerminated) {
    return CreditSpecificationOutcome::Failure{
        id, std::string(codes::kIncorrectInstanceState),
        "The instance '" + id + "' is not in a state from which its credit option can be modified."};
  }
  if (!IsBurstable((*found)->instance_type)) {
    return CreditSpecificationOutcome::Failure{
        id, std::string(codes::kCreditSpecificationNotSupported),
        "The " + (*found)->instance_type + " instance type does not support CPU credits."};
  }
  return std::nullopt;
}

constexpr FilterField<CreditSpecification> kCreditFilters[] = {
    {"instance-id",
     [](const CreditSpecification& s, std::string_view, auto& out) { out.push_back(s.instance_id); }},
};

}  // namespace

Result<Page<CreditSpecification>> DescribeInstanceCreditSpecifications(
    Ec2& ec2, const Caller& caller, const DescribeCreditSpecificationsRequest& request) {
  if (auto page = ValidatePage(request.page, {5, 1000}); !page) return std::move(page).error();
  if (request.page.max_results && !request.instance_ids.empty()) return IdsWithMaxResults("instanceIds");
  auto filters = CompiledFilters<CreditSpecification>::Compile(request.filters, kCreditFilters);
  if (!filters) return std::move(filters).error();
  return ec2.Read(caller, [&](const View& view) -> Result<Page<CreditSpecification>> {
    auto named = FindInstances(view, request.instance_ids);
    if (!named) return std::move(named).error();
    std::vector<CreditSpecification> all;
    for (const Instance* instance : *named) {
      if (!IsBurstable(instance->instance_type) && instance->cpu_credits.empty())
        return NoCredits(instance->instance_id);
      all.push_back({instance->instance_id, CpuCreditsOf(*instance)});
    }
    if (request.instance_ids.empty()) {
      for (const auto& [id, instance] : view.partition().instances) {
        if (IsVisible(instance, view.now(), view.timing()) && CpuCreditsOf(instance) == "unlimited")
          all.push_back({id, "unlimited"});
      }
    }
    std::erase_if(all, [&](const CreditSpecification& s) { return !filters->Matches(s); });
    std::sort(all.begin(), all.end(),
              [](const auto& a, const auto& b) { return a.instance_id < b.instance_id; });
    all.erase(std::unique(all.begin(), all.end(),
                          [](const auto& a, const auto& b) { return a.instance_id == b.instance_id; }),
              all.end());
    Page<CreditSpecification> page;
    page.items = TakePage(
        all, request.page, [](const auto& s) { return s.instance_id; }, page.next_token);
    return page;
  });
}

Result<CreditSpecificationOutcome> ModifyInstanceCreditSpecification(
    Ec2& ec2, const Caller& caller, const std::vector<CreditSpecification>& specifications) {
  for (const CreditSpecification& spec : specifications) {
    if (spec.cpu_credits.empty())
      return MakeError(codes::kMissingParameter, "The request must contain the parameter CpuCredits");
    if (auto valid = CheckOneOf(spec.cpu_credits, {"standard", "unlimited"}, "CpuCredits"); !valid)
      return std::move(valid).error();
  }
  return ec2.Write(caller, [&](Tx& tx) -> Result<CreditSpecificationOutcome> {
    CreditSpecificationOutcome outcome;
    for (const CreditSpecification& spec : specifications) {
      if (auto failure = CreditFailure(tx, spec.instance_id)) {
        outcome.unsuccessful.push_back(std::move(*failure));
        continue;
      }
      Instance changed = tx.partition().instances.at(spec.instance_id);
      changed.cpu_credits = spec.cpu_credits;
      tx.Put(std::move(changed));
      outcome.successful.push_back(spec.instance_id);
    }
    return outcome;
  });
}

Result<MetadataOptions> ModifyInstanceMetadataOptions(Ec2& ec2, const Caller& caller,
                                                      const MetadataOptionsRequest& request) {
  for (auto valid :
       {CheckOneOf(request.http_tokens, {"optional", "required"}, "HttpTokens"),
        CheckOneOf(request.http_endpoint, {"enabled", "disabled"}, "HttpEndpoint"),
        CheckOneOf(request.http_protocol_ipv6, {"enabled", "disabled"}, "HttpProtocolIpv6"),
        CheckOneOf(request.instance_metadata_tags, {"enabled", "disabled"}, "InstanceMetadataTags")}) {
    if (!valid) return std::move(valid).error();
  }
  if (request.http_put_response_hop_limit &&
      (*request.http_put_response_hop_limit < 1 || *request.http_put_response_hop_limit > 64)) {
    return MakeError(codes::kInvalidParameterValue,
                     "Value (" + std::to_string(*request.http_put_response_hop_limit) +
                         ") for parameter HttpPutResponseHopLimit is invalid. Valid values are 1 to 64.");
  }
  return ec2.Write(caller, [&](Tx& tx) -> Result<MetadataOptions> {
    auto found = FindOne(tx, request.instance_id);
    if (!found) return std::move(found).error();
    const std::string_view state = CurrentState(**found, tx.now(), tx.timing());
    if (state != states::kRunning && state != states::kStopped) {
      return MakeError(codes::kIncorrectInstanceState, "The instance '" + request.instance_id +
                                                           "' is not in the 'running' or 'stopped' state.");
    }
    Instance changed = **found;
    if (!request.http_tokens.empty()) changed.http_tokens = request.http_tokens;
    if (!request.http_endpoint.empty()) changed.http_endpoint = request.http_endpoint;
    if (request.http_put_response_hop_limit)
      changed.http_put_response_hop_limit = *request.http_put_response_hop_limit;
    if (!request.http_protocol_ipv6.empty()) changed.http_protocol_ipv6 = request.http_protocol_ipv6;
    if (!request.instance_metadata_tags.empty())
      changed.instance_metadata_tags = request.instance_metadata_tags;
    MetadataOptions answer{"pending",
                           changed.http_tokens,
                           changed.http_endpoint,
                           changed.http_put_response_hop_limit,
                           changed.http_protocol_ipv6,
                           changed.instance_metadata_tags};
    tx.Put(std::move(changed));
    return answer;
  });
}

Result<std::string> ModifyInstanceMaintenanceOptions(Ec2& ec2, const Caller& caller,
                                                     const std::string& instance_id,
                                                     const std::string& auto_recovery) {
  if (auto valid = CheckOneOf(auto_recovery, {"default", "disabled"}, "AutoRecovery"); !valid)
    return std::move(valid).error();
  return ec2.Write(caller, [&](Tx& tx) -> Result<std::string> {
    auto found = FindOne(tx, instance_id);
    if (!found) return std::move(found).error();
    if (auto_recovery.empty() || auto_recovery == (*found)->auto_recovery) return (*found)->auto_recovery;
    Instance changed = **found;
    changed.auto_recovery = auto_recovery;
    tx.Put(std::move(changed));
    return auto_recovery;
  });
}

Result<std::string> GetInstanceUefiData(Ec2& ec2, const Caller& caller, const std::string& instance_id) {
  return ec2.Read(caller, [&](const View& view) -> Result<std::string> {
    auto found = FindOne(view, instance_id);
    if (!found) return std::move(found).error();
    if ((*found)->boot_mode == "legacy-bios") {
      return MakeError(
          codes::kUnsupportedOperation,
          "The instance '" + instance_id + "' does not boot in UEFI mode, so it has no UEFI data.");
    }
    return std::string("QU1aTlVFRkk=");  // "AMZNUEFI", an empty variable store's magic, base64
  });
}

}  // namespace localec2::model
