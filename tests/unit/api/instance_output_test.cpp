// The Query protocol writes instances straight to XML (instance_output.hpp through XmlSink); the console
// reads the same writer's JSON tree. Both must tell the same: the XML answer equals, byte for byte, what
// the serializer makes of the tree.
#include <catch2/catch.hpp>
#include <regex>

#include "api/dispatcher.hpp"
#include "api/invoke.hpp"
#include "api/protocol/input_parser.hpp"
#include "api/protocol/output_serializer.hpp"
#include "api/protocol/service_model.hpp"
#include "api/protocol/xml_sink.hpp"
#include "tests/support/model_test_support.hpp"
#include "wire/form_decoder.hpp"

using namespace localec2;

namespace {

struct QueryFixture : test::ModelFixture {
  api::Dispatcher dispatcher{{}, ec2};
  model::Caller caller{"000000000000", "us-east-1"};  // the dispatcher's caller for unsigned requests

  api::ApiResponse Call(const std::string& body) {
    return dispatcher.Handle({"POST", "/", "", "application/x-www-form-urlencoded", "", body, {}});
  }
  // The same call answered through the tree, with `request_id`.
  std::string ThroughTree(const std::string& body, const std::string& request_id) {
    const api::ServiceModel& service = api::ServiceModel::Ec2();
    auto params = wire::DecodeForm(body, "");
    REQUIRE(params);
    const std::string action = params->Find("Action")->value;
    const api::OperationDef* operation = service.FindOperation(action);
    auto input = api::ParseInput(service, *operation, *params);
    REQUIRE(input);
    api::ActionContext context{caller, ec2, false};
    auto output = api::Invoke(context, action, *input, request_id);
    REQUIRE(output);
    CHECK_FALSE(output->dump().empty());  // a tree, no fragments
    return api::SerializeOutput(service, *operation, *output, request_id);
  }
};

std::string First(const std::string& body, const std::string& element) {
  std::smatch match;
  REQUIRE(std::regex_search(body, match, std::regex("<" + element + ">([^<]+)</" + element + ">")));
  return match[1];
}

}  // namespace

TEST_CASE_METHOD(QueryFixture, "instances written as XML equal the tree's XML", "[api][instance-output]") {
  const std::string image = First(Call("Action=DescribeImages&Owner.1=amazon").body, "imageId");
  REQUIRE(Call("Action=CreateKeyPair&KeyName=lab").status == 200);
  auto plain = Call("Action=RunInstances&MinCount=2&MaxCount=2&InstanceType=t3.micro&ImageId=" + image);
  REQUIRE(plain.status == 200);
  auto rich = Call("Action=RunInstances&MinCount=1&MaxCount=1&InstanceType=t3.micro&ImageId=" + image +
                   "&KeyName=lab&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name"
                   "&TagSpecification.1.Tag.1.Value=a%26b%3Cc&NetworkInterface.1.DeviceIndex=0"
                   "&NetworkInterface.1.AssociatePublicIpAddress=true"
                   "&NetworkInterface.1.SecondaryPrivateIpAddressCount=2&Monitoring.Enabled=true"
                   "&MetadataOptions.HttpTokens=required&PrivateDnsNameOptions.HostnameType=resource-name");
  REQUIRE(rich.status == 200);
  // RunInstances: its answer equals the tree's for the same reservation (the ids are in the answer).
  const std::string stopped = First(plain.body, "instanceId");
  REQUIRE(Call("Action=StopInstances&InstanceId.1=" + stopped).status == 200);
  clock.Advance(60 * 60 * 1000);  // stopped, with a state reason
  for (const std::string& describe :
       {std::string("Action=DescribeInstances"), std::string("Action=DescribeInstances&MaxResults=5"),
        std::string("Action=DescribeInstances&Filter.1.Name=tag:Name&Filter.1.Value.1=a%26b%3Cc"),
        "Action=DescribeInstances&InstanceId.1=" + stopped}) {
    INFO(describe);
    auto direct = Call(describe);
    REQUIRE(direct.status == 200);
    CHECK(direct.body.find("<instancesSet><item>") != std::string::npos);
    CHECK(direct.body == ThroughTree(describe, direct.request_id));
  }
  CHECK(Call("Action=DescribeInstances").body.find("<value>a&amp;b&lt;c</value>") != std::string::npos);
  // The dispatcher's path does write fragments, and the console's does not.
  for (bool xml : {true, false}) {
    api::ActionContext context{caller, ec2, xml};
    auto output = api::Invoke(context, "DescribeInstances", nlohmann::json::object(), "r");
    REQUIRE(output);
    CHECK(output->at("Reservations")[0].at("Instances")[0].is_binary() == xml);
  }
}

TEST_CASE("a member the shape lacks is a defect, not silently written", "[api][instance-output]") {
  const api::ServiceModel& service = api::ServiceModel::Ec2();
  std::string out;
  api::XmlSink sink(service, *service.FindShape("InstanceState"), out);
  sink.Integer("Code", 16);
  sink.String("Name", "running");
  CHECK(out == "<code>16</code><name>running</name>");
  CHECK_THROWS_AS(sink.String("Colour", "blue"), std::logic_error);
}
