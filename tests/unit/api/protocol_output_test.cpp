#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "api/protocol/base64.hpp"
#include "api/protocol/output_serializer.hpp"
#include "api/protocol/timestamp.hpp"
#include "api/protocol/xml_writer.hpp"
#include "model/core/error_codes.hpp"

using namespace localec2::api;
using nlohmann::json;

TEST_CASE("a DescribeRegions answer is EC2's XML, members by locationName, lists of items",
          "[protocol][output]") {
  const ServiceModel& model = ServiceModel::Ec2();
  json output = {{"Regions",
                  {{{"RegionName", "eu-west-1"},
                    {"Endpoint", "ec2.eu-west-1.amazonaws.com"},
                    {"OptInStatus", "opt-in-not-required"}}}}};
  CHECK(SerializeOutput(model, *model.FindOperation("DescribeRegions"), output, "req-1") ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<DescribeRegionsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
        "<requestId>req-1</requestId><regionInfo><item><optInStatus>opt-in-not-required</optInStatus>"
        "<regionName>eu-west-1</regionName><regionEndpoint>ec2.eu-west-1.amazonaws.com</regionEndpoint>"
        "</item></regionInfo></DescribeRegionsResponse>");
}

TEST_CASE("an operation without output answers return true", "[protocol][output]") {
  const ServiceModel& model = ServiceModel::Ec2();
  const OperationDef* op = model.FindOperation("CancelConversionTask");
  REQUIRE(op->output == kNoShape);
  CHECK(SerializeOutput(model, *op, json::object(), "r")
            .find("<requestId>r</requestId><return>true</return>"
                  "</CancelConversionTaskResponse>") != std::string::npos);
}

TEST_CASE("scalars are written as EC2 writes them", "[protocol][output]") {
  const ServiceModel& model = ServiceModel::Ec2();
  const OperationDef* op = model.FindOperation("CreateKeyPair");
  std::string xml = SerializeOutput(model, *op, {{"KeyName", "a<b"}, {"KeyFingerprint", "f"}}, "r");
  CHECK(xml.find("<keyName>a&lt;b</keyName><keyFingerprint>f</keyFingerprint>") != std::string::npos);
  CHECK_THROWS_AS(SerializeOutput(model, *op, {{"KeyName", 5}}, "r"), std::logic_error);
  CHECK_THROWS_AS(SerializeOutput(model, *op, {{"NoSuchMember", "x"}}, "r"), std::logic_error);
}

TEST_CASE("the error envelope is EC2's", "[protocol][output]") {
  CHECK(SerializeError("InvalidAction", "The action X is not valid & <bad>", "id-1") ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>InvalidAction</Code>"
        "<Message>The action X is not valid &amp; &lt;bad&gt;</Message></Error></Errors>"
        "<RequestID>id-1</RequestID></Response>");
  CHECK(localec2::model::HttpStatusFor("InvalidAction") == 400);
  CHECK(localec2::model::HttpStatusFor("AuthFailure") == 401);
  CHECK(localec2::model::HttpStatusFor("DryRunOperation") == 412);
  CHECK(localec2::model::HttpStatusFor("InternalError") == 500);
  CHECK(localec2::model::HttpStatusFor("InvalidKeyPair.NotFound") == 400);
}

TEST_CASE("XML text never carries bytes that would break the document", "[protocol][xml]") {
  std::string out;
  AppendXmlEscaped(out, std::string("ok \x01 \xFF \xC3\xA9 \t'\"", 13));
  CHECK(out == "ok \xEF\xBF\xBD \xEF\xBF\xBD \xC3\xA9 \t&apos;&quot;");
}

TEST_CASE("base64 round-trips and refuses malformed text", "[protocol][base64]") {
  for (const std::string& s : std::vector<std::string>{"", "f", "fo", "foo", "foob", "fooba", "foobar",
                                                       std::string("\0\xFF\x10", 3)}) {
    CHECK(Base64Decode(Base64Encode(s)) == s);
  }
  CHECK(Base64Encode("foobar") == "Zm9vYmFy");
  CHECK(Base64Encode("fo") == "Zm8=");
  CHECK_FALSE(Base64Decode("Zm8"));
  CHECK_FALSE(Base64Decode("Zm=8"));
  CHECK_FALSE(Base64Decode("Z!8="));
}

TEST_CASE("timestamps parse ISO 8601 and epoch seconds and format as EC2 does", "[protocol][timestamp]") {
  CHECK(ParseTimestamp("2026-01-02T03:04:05Z") == 1767323045000);
  CHECK(ParseTimestamp("2026-01-02T03:04:05.250Z") == 1767323045250);
  CHECK(ParseTimestamp("2026-01-02T05:04:05+02:00") == 1767323045000);
  CHECK(ParseTimestamp("2026-01-02") == 1767312000000);
  CHECK(ParseTimestamp("1767323045") == 1767323045000);
  CHECK_FALSE(ParseTimestamp("2026-02-30T00:00:00Z"));
  CHECK_FALSE(ParseTimestamp("yesterday"));
  CHECK_FALSE(ParseTimestamp("2026-01-02T03:04"));
  CHECK(FormatTimestamp(1767323045250) == "2026-01-02T03:04:05.250Z");
}
