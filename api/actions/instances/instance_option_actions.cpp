// The instance options changed after launch: CPU credits, metadata service, maintenance, UEFI data.
#include "api/actions/families.hpp"
#include "model/instances/instance_options.hpp"

namespace localec2::api {
namespace {

model::Result<Json> DescribeInstanceCreditSpecifications(ActionContext& context, const Json& input) {
  auto page = model::DescribeInstanceCreditSpecifications(
      context.ec2, context.caller, {StringList(input, "InstanceIds"), FilterList(input), PageOf(input)});
  if (!page) return std::move(page).error();
  Json items = Json::array();
  for (const model::CreditSpecification& s : page->items)
    items.push_back({{"InstanceId", s.instance_id}, {"CpuCredits", s.cpu_credits}});
  return PagedOutput("InstanceCreditSpecifications", std::move(items), page->next_token);
}

model::Result<Json> ModifyInstanceCreditSpecification(ActionContext& context, const Json& input) {
  std::vector<model::CreditSpecification> specifications;
  if (auto list = input.find("InstanceCreditSpecifications"); list != input.end()) {
    for (const Json& item : *list)
      specifications.push_back({StringMember(item, "InstanceId"), StringMember(item, "CpuCredits")});
  }
  auto outcome = model::ModifyInstanceCreditSpecification(context.ec2, context.caller, specifications);
  if (!outcome) return std::move(outcome).error();
  Json successful = Json::array();
  for (const std::string& id : outcome->successful) successful.push_back({{"InstanceId", id}});
  Json unsuccessful = Json::array();
  for (const auto& failure : outcome->unsuccessful) {
    unsuccessful.push_back({{"InstanceId", failure.instance_id},
                            {"Error", {{"Code", failure.code}, {"Message", failure.message}}}});
  }
  return Json{{"SuccessfulInstanceCreditSpecifications", std::move(successful)},
              {"UnsuccessfulInstanceCreditSpecifications", std::move(unsuccessful)}};
}

model::Result<Json> ModifyInstanceMetadataOptions(ActionContext& context, const Json& input) {
  model::MetadataOptionsRequest request;
  request.instance_id = StringMember(input, "InstanceId");
  request.http_tokens = StringMember(input, "HttpTokens");
  request.http_endpoint = StringMember(input, "HttpEndpoint");
  request.http_put_response_hop_limit = OptionalInt(input, "HttpPutResponseHopLimit");
  request.http_protocol_ipv6 = StringMember(input, "HttpProtocolIpv6");
  request.instance_metadata_tags = StringMember(input, "InstanceMetadataTags");
  auto options = model::ModifyInstanceMetadataOptions(context.ec2, context.caller, request);
  if (!options) return std::move(options).error();
  return Json{{"InstanceId", request.instance_id},
              {"InstanceMetadataOptions",
               {{"State", options->state},
                {"HttpTokens", options->http_tokens},
                {"HttpPutResponseHopLimit", options->http_put_response_hop_limit},
                {"HttpEndpoint", options->http_endpoint},
                {"HttpProtocolIpv6", options->http_protocol_ipv6},
                {"InstanceMetadataTags", options->instance_metadata_tags}}}};
}

model::Result<Json> ModifyInstanceMaintenanceOptions(ActionContext& context, const Json& input) {
  if (input.contains("RebootMigration")) {
    return model::MakeError(model::codes::kInvalidParameterValue,
                            "The parameter RebootMigration is not supported by localec2.");
  }
  const std::string instance_id = StringMember(input, "InstanceId");
  auto auto_recovery = model::ModifyInstanceMaintenanceOptions(context.ec2, context.caller, instance_id,
                                                               StringMember(input, "AutoRecovery"));
  if (!auto_recovery) return std::move(auto_recovery).error();
  return Json{{"InstanceId", instance_id}, {"AutoRecovery", *auto_recovery}};
}

model::Result<Json> GetInstanceUefiData(ActionContext& context, const Json& input) {
  const std::string instance_id = StringMember(input, "InstanceId");
  auto data = model::GetInstanceUefiData(context.ec2, context.caller, instance_id);
  if (!data) return std::move(data).error();
  return Json{{"InstanceId", instance_id}, {"UefiData", *data}};
}

}  // namespace

std::span<const ActionEntry> InstanceOptionActions() {
  static constexpr ActionEntry kActions[] = {
      LOCALEC2_ACTION(DescribeInstanceCreditSpecifications), LOCALEC2_ACTION(GetInstanceUefiData),
      LOCALEC2_ACTION(ModifyInstanceCreditSpecification), LOCALEC2_ACTION(ModifyInstanceMaintenanceOptions),
      LOCALEC2_ACTION(ModifyInstanceMetadataOptions)};
  return kActions;
}

}  // namespace localec2::api
