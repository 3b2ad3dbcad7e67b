#include "api/auth/sigv4.hpp"

#include <catch2/catch.hpp>

using namespace localec2;

namespace {

// AWS's SigV4 test suite: credentials, date and scope shared by its cases.
constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr const char* kDate = "20150830T123600Z";
constexpr std::int64_t kDateMs = 1440938160000;
const std::string kEmptyHash = api::Sha256Hex("");

std::string SuiteSignature(std::string_view method, std::string_view query) {
  std::vector<std::pair<std::string, std::string>> headers = {{"host", "example.amazonaws.com"},
                                                              {"x-amz-date", kDate}};
  api::SignedRequest request{method, "/", query, headers, ""};
  std::string canonical = api::CanonicalRequest(request, "host;x-amz-date", kEmptyHash, false);
  return api::SignatureHex(kSecret, "20150830", "us-east-1", "service",
                           api::StringToSign(kDate, "20150830/us-east-1/service/aws4_request", canonical));
}

// An EC2 request signed the way botocore signs it, for the verification cases.
struct Ec2Request {
  std::string body = "Action=DescribeRegions&Version=2016-11-15";
  std::string amz_date = kDate;
  std::string key = "AKIDEXAMPLE";
  std::string secret = kSecret;
  std::string service = "ec2";
  std::vector<std::pair<std::string, std::string>> headers;

  api::SignedRequest Sign() {
    headers = {{"content-type", "application/x-www-form-urlencoded; charset=utf-8"},
               {"host", "127.0.0.1:4566"},
               {"x-amz-date", amz_date}};
    api::SignedRequest request{"POST", "/", "", headers, body};
    const std::string signed_headers = "content-type;host;x-amz-date";
    std::string date = amz_date.substr(0, 8);
    std::string scope = date + "/us-west-2/" + service + "/aws4_request";
    std::string signature = api::SignatureHex(
        secret, date, "us-west-2", service,
        api::StringToSign(amz_date, scope,
                          api::CanonicalRequest(request, signed_headers, api::Sha256Hex(body), false)));
    headers.emplace_back("authorization", "AWS4-HMAC-SHA256 Credential=" + key + "/" + scope +
                                              ", SignedHeaders=" + signed_headers +
                                              ", Signature=" + signature);
    return {"POST", "/", "", headers, body};
  }
};

api::CredentialStore Keys() {
  return *api::CredentialStore::Parse("AKIDEXAMPLE:" + std::string(kSecret) + ":111122223333");
}

std::string CodeOf(const model::Result<api::VerifiedCaller>& result) {
  return result ? "" : result.error().code;
}

}  // namespace

TEST_CASE("AWS's published SigV4 test vectors", "[api][sigv4]") {
  std::vector<std::pair<std::string, std::string>> headers = {{"host", "example.amazonaws.com"},
                                                              {"x-amz-date", kDate}};
  api::SignedRequest vanilla{"GET", "/", "", headers, ""};
  std::string canonical = api::CanonicalRequest(vanilla, "host;x-amz-date", kEmptyHash, false);
  CHECK(canonical ==
        "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(api::StringToSign(kDate, "20150830/us-east-1/service/aws4_request", canonical) ==
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
        "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  CHECK(SuiteSignature("GET", "") ==
        "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");  // get-vanilla
  CHECK(SuiteSignature("POST", "") ==
        "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b");  // post-vanilla
  CHECK(SuiteSignature("GET", "Param2=value2&Param1=value1") ==               // query-order-key-case
        "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500");
  CHECK(SuiteSignature("GET", "Param1=value2&Param1=value1") ==  // query-order-value
        "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694");
}

TEST_CASE("a request signed with the right secret passes and names its account", "[api][sigv4]") {
  Ec2Request good;
  auto verified = api::VerifySigV4(good.Sign(), Keys(), kDateMs + 1000);
  REQUIRE(verified);
  CHECK(verified->account_id == "111122223333");
  CHECK(verified->region == "us-west-2");
}

TEST_CASE("SigV4 refusals carry AWS's codes", "[api][sigv4]") {
  const api::CredentialStore keys = Keys();
  SECTION("one byte of the body changed") {
    Ec2Request request;
    api::SignedRequest signed_request = request.Sign();
    std::string changed = request.body;
    changed.back() = '6';
    signed_request.body = changed;
    CHECK(CodeOf(api::VerifySigV4(signed_request, keys, kDateMs)) == "SignatureDoesNotMatch");
  }
  SECTION("wrong secret") {
    Ec2Request request;
    request.secret = "not-the-secret";
    CHECK(CodeOf(api::VerifySigV4(request.Sign(), keys, kDateMs)) == "SignatureDoesNotMatch");
  }
  SECTION("unknown key") {
    Ec2Request request;
    request.key = "AKIDUNKNOWN";
    CHECK(CodeOf(api::VerifySigV4(request.Sign(), keys, kDateMs)) == "AuthFailure");
  }
  SECTION("scope for another service") {
    Ec2Request request;
    request.service = "s3";
    CHECK(CodeOf(api::VerifySigV4(request.Sign(), keys, kDateMs)) == "SignatureDoesNotMatch");
  }
  SECTION("more than five minutes of skew, either way") {
    Ec2Request request;
    CHECK(CodeOf(api::VerifySigV4(request.Sign(), keys, kDateMs + 5 * 60 * 1000 + 1000)) == "RequestExpired");
    CHECK(CodeOf(api::VerifySigV4(request.Sign(), keys, kDateMs - 5 * 60 * 1000 - 1000)) == "RequestExpired");
    CHECK(CodeOf(api::VerifySigV4(request.Sign(), keys, kDateMs + 4 * 60 * 1000)).empty());
  }
  SECTION("no signature at all") {
    api::SignedRequest bare{"POST", "/", "", {}, "Action=DescribeRegions"};
    CHECK(CodeOf(api::VerifySigV4(bare, keys, kDateMs)) == "MissingAuthenticationToken");
  }
  SECTION("a malformed Authorization header") {
    std::vector<std::pair<std::string, std::string>> headers = {
        {"authorization", "AWS4-HMAC-SHA256 Credential=x"}, {"x-amz-date", kDate}};
    CHECK(CodeOf(api::VerifySigV4({"POST", "/", "", headers, ""}, keys, kDateMs)) == "IncompleteSignature");
  }
}

TEST_CASE("presigned queries are verified and expire", "[api][sigv4]") {
  const api::CredentialStore keys = Keys();
  std::string query =
      "Action=DescribeRegions&Version=2016-11-15&X-Amz-Algorithm=AWS4-HMAC-SHA256"
      "&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fec2%2Faws4_request&X-Amz-Date=20150830T123600Z"
      "&X-Amz-Expires=60&X-Amz-SignedHeaders=host";
  std::vector<std::pair<std::string, std::string>> headers = {{"host", "localhost"}};
  api::SignedRequest request{"GET", "/", query, headers, ""};
  std::string signature =
      api::SignatureHex(kSecret, "20150830", "us-east-1", "ec2",
                        api::StringToSign(kDate, "20150830/us-east-1/ec2/aws4_request",
                                          api::CanonicalRequest(request, "host", kEmptyHash, true)));
  std::string presigned = query + "&X-Amz-Signature=" + signature;
  request.query = presigned;
  CHECK(api::VerifySigV4(request, keys, kDateMs + 30 * 1000));
  CHECK(CodeOf(api::VerifySigV4(request, keys, kDateMs + 61 * 1000)) == "RequestExpired");
  std::string tampered = presigned;
  tampered.replace(tampered.find("DescribeRegions"), 15, "DescribeRegionz");
  request.query = tampered;
  CHECK(CodeOf(api::VerifySigV4(request, keys, kDateMs)) == "SignatureDoesNotMatch");
}

TEST_CASE("credentials parse from JSON or the compact form", "[api][sigv4]") {
  auto json = api::CredentialStore::Parse(
      R"([{"AccessKeyId": "AKIA1", "SecretAccessKey": "s1", "AccountId": "111111111111"}])");
  REQUIRE(json);
  CHECK(json->Find("AKIA1")->account_id == "111111111111");
  auto compact = api::CredentialStore::Parse("AKIA1:s1:111111111111, AKIA2:s2:222222222222");
  REQUIRE(compact);
  CHECK(compact->Find("AKIA2")->secret_access_key == "s2");
  CHECK(compact->Find("AKIA3") == nullptr);
  CHECK_FALSE(api::CredentialStore::Parse("AKIA1:s1:12"));
  CHECK_FALSE(api::CredentialStore::Parse(""));
  CHECK_FALSE(api::CredentialStore::Parse("[{\"AccessKeyId\": 1}]"));
}
