#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "api/protocol/input_parser.hpp"
#include "wire/form_decoder.hpp"

using namespace localec2::api;
using nlohmann::json;
namespace model = localec2::model;
namespace wire = localec2::wire;

namespace {

model::Result<json> Parse(const char* action, std::string_view body) {
  auto params = wire::DecodeForm(body);
  if (!params) return std::move(params).error();
  return ParseInput(ServiceModel::Ec2(), *ServiceModel::Ec2().FindOperation(action), *params);
}

std::string ErrorCode(const model::Result<json>& result) { return result ? "" : result.error().code; }

}  // namespace

TEST_CASE("form decoding percent-decodes, treats + as space and sorts by name", "[protocol][form]") {
  auto params = wire::DecodeForm("b=x%20y+z&a=%C3%A9&empty=&flag");
  REQUIRE(params);
  REQUIRE(params->all().size() == 4);
  CHECK(params->all()[0].name == "a");
  CHECK(params->Find("a")->value == "\xC3\xA9");
  CHECK(params->Find("b")->value == "x y z");
  CHECK(params->Find("empty")->value.empty());
  CHECK(params->Find("flag")->value.empty());
  CHECK(params->Find("c") == nullptr);
}

TEST_CASE("form decoding refuses bad escapes, invalid UTF-8 and repeated names", "[protocol][form]") {
  CHECK(wire::DecodeForm("a=%zz").error().code == "MalformedQueryString");
  CHECK(wire::DecodeForm("a=%4").error().code == "MalformedQueryString");
  CHECK(wire::DecodeForm("a=%").error().code == "MalformedQueryString");
  CHECK(wire::DecodeForm("a=%C0%AF").error().code == "MalformedQueryString");     // overlong
  CHECK(wire::DecodeForm("a=%ED%A0%80").error().code == "MalformedQueryString");  // surrogate
  CHECK(wire::DecodeForm("=1").error().code == "MalformedQueryString");
  auto repeated = wire::DecodeForm("a=1&a=2");
  CHECK(repeated.error().code == "InvalidParameterValue");
  CHECK(repeated.error().message == "The parameter a is specified more than once");
}

TEST_CASE("every botocore-serialized fixture parses to what the boto3 user passed", "[protocol][input]") {
  std::ifstream file(LOCALEC2_SOURCE_DIR "/tests/wire/input_fixtures.json");
  json fixtures = json::parse(file);
  REQUIRE(fixtures.size() == 9);
  for (const json& fixture : fixtures) {
    INFO(fixture["operation"]);
    auto input = Parse(fixture["operation"].get<std::string>().c_str(), fixture["body"].get<std::string>());
    REQUIRE(input);
    CHECK(*input == fixture["expected_input"]);
  }
}

TEST_CASE("a missing required member is MissingParameter with its wire name", "[protocol][input]") {
  auto result = Parse("RunInstances", "Action=RunInstances&MinCount=1");
  REQUIRE(ErrorCode(result) == "MissingParameter");
  CHECK(result.error().message == "The request must contain the parameter MaxCount");
  auto nested =
      Parse("AuthorizeSecurityGroupIngress",
            "Action=AuthorizeSecurityGroupIngress&GroupId=sg-1&IpPermissions.1.IpRanges.1.Description=x");
  // CidrIp is not required by the model; the nested list still parses.
  REQUIRE(nested);
  CHECK((*nested)["IpPermissions"][0]["IpRanges"][0]["Description"] == "x");
}

TEST_CASE("values of the wrong type are InvalidParameterValue", "[protocol][input]") {
  CHECK(ErrorCode(Parse("RunInstances", "MinCount=one&MaxCount=1")) == "InvalidParameterValue");
  CHECK(ErrorCode(Parse("RunInstances", "MinCount=1&MaxCount=4294967296")) == "InvalidParameterValue");
  CHECK(ErrorCode(Parse("RunInstances", "MinCount=1&MaxCount=1&EbsOptimized=yes")) ==
        "InvalidParameterValue");
  CHECK(ErrorCode(Parse("RunInstances", "MinCount=1&MaxCount=1&InstanceType=t3.gigantic")) ==
        "InvalidParameterValue");
  CHECK(ErrorCode(Parse("ImportKeyPair", "KeyName=k&PublicKeyMaterial=not*base64")) ==
        "InvalidParameterValue");
  CHECK(ErrorCode(Parse("DescribeSpotPriceHistory", "StartTime=yesterday")) == "InvalidParameterValue");
  auto message = Parse("RunInstances", "MinCount=x&MaxCount=1");
  CHECK(message.error().message == "Value (x) for parameter MinCount is invalid.");
}

TEST_CASE("DescribeInstanceTypes leaves its InstanceType names to the model; RunInstances checks the enum",
          "[protocol][input]") {
  auto listed = Parse("DescribeInstanceTypes", "InstanceType.1=t3.micro&InstanceType.2=z9.huge");
  REQUIRE(listed);
  CHECK((*listed)["InstanceTypes"] == json::array({"t3.micro", "z9.huge"}));
  auto launched = Parse("RunInstances", "MinCount=1&MaxCount=1&InstanceType=z9.huge");
  CHECK(ErrorCode(launched) == "InvalidParameterValue");
  CHECK(launched.error().message == "Value (z9.huge) for parameter InstanceType is invalid.");
  CHECK(ErrorCode(Parse("DescribeSpotPriceHistory", "InstanceType.1=z9.huge")) == "InvalidParameterValue");
}

TEST_CASE("booleans are case-insensitive and integers keep their range", "[protocol][input]") {
  auto input = Parse("RunInstances", "MinCount=-2147483648&MaxCount=2147483647&EbsOptimized=TRUE");
  REQUIRE(input);
  CHECK((*input)["MinCount"] == -2147483648LL);
  CHECK((*input)["MaxCount"] == 2147483647);
  CHECK((*input)["EbsOptimized"] == true);
}

TEST_CASE("parameters outside the input shape are UnknownParameter", "[protocol][input]") {
  auto unknown = Parse("DescribeRegions", "Action=DescribeRegions&Colour=red");
  REQUIRE(ErrorCode(unknown) == "UnknownParameter");
  CHECK(unknown.error().message == "The parameter Colour is not recognized");
  // A list index that is not a positive canonical number names no element.
  CHECK(ErrorCode(Parse("DescribeRegions", "RegionName.0=a")) == "UnknownParameter");
  CHECK(ErrorCode(Parse("DescribeRegions", "RegionName.01=a")) == "UnknownParameter");
  CHECK(ErrorCode(Parse("DescribeRegions", "RegionName.x=a")) == "UnknownParameter");
  CHECK(ErrorCode(Parse("DescribeRegions", "RegionName.1.Deep=a")) == "UnknownParameter");
  // Protocol and signing parameters are not part of any input.
  CHECK(Parse("DescribeRegions", "Action=DescribeRegions&Version=2016-11-15&X-Amz-Date=20260101T000000Z"));
}

TEST_CASE("list elements are ordered by index, gaps allowed, and huge lists stay linear",
          "[protocol][input]") {
  auto input = Parse("DescribeRegions", "RegionName.10=c&RegionName.2=b&RegionName.1=a");
  REQUIRE(input);
  CHECK((*input)["RegionNames"] == json({"a", "b", "c"}));
  std::string body = "Action=DescribeRegions";
  for (int i = 1; i <= 5000; ++i) body += "&RegionName." + std::to_string(i) + "=r" + std::to_string(i);
  auto many = Parse("DescribeRegions", body);
  REQUIRE(many);
  CHECK((*many)["RegionNames"].size() == 5000);
  CHECK((*many)["RegionNames"][4999] == "r5000");
}
