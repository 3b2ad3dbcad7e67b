#include "api/sts/sts_front.hpp"

#include <catch2/catch.hpp>

#include "wire/form_decoder.hpp"

using namespace localec2::api;
namespace wire = localec2::wire;

namespace {

QueryService Route(std::string_view body, std::optional<std::string> scope_service = std::nullopt) {
  auto params = wire::DecodeForm(body, "");
  REQUIRE(params);
  std::optional<CredentialScope> scope;
  if (scope_service) scope = CredentialScope{"test", "20260101", "us-east-1", *scope_service};
  const wire::FormParams::Param* action = params->Find("Action");
  return ServiceOf(scope, *params, action ? action->value : "");
}

}  // namespace

TEST_CASE("a request at the endpoint goes to STS or IAM by its signature's scope, else by its Version",
          "[api][sts]") {
  CHECK(Route("Action=GetCallerIdentity&Version=2011-06-15", "sts") == QueryService::kSts);
  CHECK(Route("Action=GetUser&Version=2010-05-08", "iam") == QueryService::kIam);
  // A signed request's scope decides, whatever its Version says.
  CHECK(Route("Action=DescribeRegions&Version=2011-06-15", "ec2") == QueryService::kEc2);
  CHECK(Route("Action=DescribeRegions&Version=2016-11-15", "sts") == QueryService::kSts);
  CHECK(Route("Action=DescribeRegions&Version=2016-11-15", "s3") == QueryService::kEc2);
  // Unsigned: the Version; without one, only GetCallerIdentity (no EC2 action) leaves EC2.
  CHECK(Route("Action=AssumeRole&Version=2011-06-15") == QueryService::kSts);
  CHECK(Route("Action=ListUsers&Version=2010-05-08") == QueryService::kIam);
  CHECK(Route("Action=GetCallerIdentity") == QueryService::kSts);
  CHECK(Route("Action=GetCallerIdentity&Version=2016-11-15") == QueryService::kEc2);
  CHECK(Route("Action=DescribeRegions") == QueryService::kEc2);
}

TEST_CASE("GetCallerIdentity answers the caller's account as root; other operations name themselves",
          "[api][sts]") {
  ApiResponse identity =
      HandleStsOrIam(QueryService::kSts, "GetCallerIdentity", {"123456789012", "eu-west-1"}, "r-1");
  CHECK(identity.status == 200);
  CHECK(identity.body ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<GetCallerIdentityResponse "
        "xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:iam::"
        "123456789012:root</Arn><UserId>123456789012</UserId><Account>123456789012</Account>"
        "</GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
        "</GetCallerIdentityResponse>");
  ApiResponse user = HandleStsOrIam(QueryService::kIam, "GetUser", {"123456789012", "us-east-1"}, "r-2");
  CHECK(user.status == 501);
  CHECK(user.error_code == "NotImplemented");
  CHECK(user.body.find("<Message>The action GetUser of IAM is not emulated by localec2.</Message>") !=
        std::string::npos);
  ApiResponse unknown = HandleStsOrIam(QueryService::kSts, "GetUser", {"123456789012", "us-east-1"}, "r-3");
  CHECK(unknown.status == 400);
  CHECK(unknown.error_code == "InvalidAction");
  CHECK(unknown.body.find("<Type>Sender</Type>") != std::string::npos);
}
