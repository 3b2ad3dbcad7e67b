#include "api/auth/sigv4.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <vector>

#include "model/core/error_codes.hpp"
#include "model/instances/role_credentials.hpp"

namespace localec2::api {
namespace {

constexpr std::int64_t kMaxSkewMs = 5 * 60 * 1000;

model::Error Fail(std::string_view code, std::string message) {
  return {std::string(code), std::move(message)};
}

std::string Hex(const unsigned char* data, size_t size) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = kDigits[data[i] >> 4];
    out[2 * i + 1] = kDigits[data[i] & 15];
  }
  return out;
}

std::string Hmac(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &size);
  return std::string(reinterpret_cast<char*>(out), size);
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// %XX decoding only: in a signed query string '+' is a literal plus.
std::string PercentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int high = HexValue(text[i + 1]);
      int low = HexValue(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

// AWS's URI encoding: unreserved characters stay, every other byte is %XX in upper case.
std::string UriEncode(std::string_view text) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kDigits[c >> 4];
      out += kDigits[c & 15];
    }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> QueryPairs(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> pairs;
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    size_t eq = item.find('=');
    pairs.emplace_back(PercentDecode(item.substr(0, eq)),
                       eq == std::string_view::npos ? "" : PercentDecode(item.substr(eq + 1)));
  }
  return pairs;
}

std::string TrimAndCollapse(std::string_view value) {
  std::string out;
  bool space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// "yyyymmddThhmmssZ" → epoch milliseconds.
std::optional<std::int64_t> ParseAmzDate(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  int v[6];
  const int offsets[6][2] = {{0, 4}, {4, 2}, {6, 2}, {9, 2}, {11, 2}, {13, 2}};
  for (int i = 0; i < 6; ++i) {
    v[i] = 0;
    for (int j = 0; j < offsets[i][1]; ++j) {
      char c = text[offsets[i][0] + j];
      if (c < '0' || c > '9') return std::nullopt;
      v[i] = v[i] * 10 + (c - '0');
    }
  }
  using namespace std::chrono;
  year_month_day date{year(v[0]), month(static_cast<unsigned>(v[1])), day(static_cast<unsigned>(v[2]))};
  if (!date.ok() || v[3] > 23 || v[4] > 59 || v[5] > 60) return std::nullopt;
  auto tp = sys_days(date) + hours(v[3]) + minutes(v[4]) + seconds(v[5]);
  return duration_cast<milliseconds>(tp.time_since_epoch()).count();
}

std::string_view HeaderValue(const SignedRequest& request, std::string_view name) {
  for (const auto& [key, value] : request.headers) {
    if (key == name) return value;
  }
  return {};
}

// The parts of a signature, from either the Authorization header or the presigned query.
struct Presented {
  std::string credential, signed_headers, signature, amz_date;
  std::string security_token;                   // X-Amz-Security-Token: temporary credentials only
  std::optional<std::int64_t> expires_seconds;  // presigned only
  bool presigned = false;
};

model::Result<Presented> ReadSignature(const SignedRequest& request) {
  Presented p;
  std::string_view authorization = HeaderValue(request, "authorization");
  if (!authorization.empty()) {
    constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256 ";
    if (!authorization.starts_with(kAlgorithm)) {
      return Fail(model::codes::kIncompleteSignature,
                  "Authorization header requires the AWS4-HMAC-SHA256 algorithm.");
    }
    std::string_view rest = authorization.substr(kAlgorithm.size());
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      std::string_view item = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
      while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
      size_t eq = item.find('=');
      if (eq == std::string_view::npos) continue;
      std::string_view key = item.substr(0, eq), value = item.substr(eq + 1);
      if (key == "Credential") p.credential = value;
      if (key == "SignedHeaders") p.signed_headers = value;
      if (key == "Signature") p.signature = value;
    }
    for (auto [name, value] : {std::pair<const char*, const std::string*>{"Credential", &p.credential},
                               {"SignedHeaders", &p.signed_headers},
                               {"Signature", &p.signature}}) {
      if (value->empty()) {
        return Fail(model::codes::kIncompleteSignature,
                    std::string("Authorization header requires '") + name + "' parameter.");
      }
    }
    p.amz_date = HeaderValue(request, "x-amz-date");
    if (p.amz_date.empty()) {
      return Fail(model::codes::kIncompleteSignature,
                  "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    p.security_token = HeaderValue(request, "x-amz-security-token");
    return p;
  }
  std::map<std::string, std::string> query;
  for (auto& [key, value] : QueryPairs(request.query)) query[key] = value;
  if (!query.contains("X-Amz-Signature") && !query.contains("X-Amz-Algorithm")) {
    return Fail(model::codes::kMissingAuthenticationToken, "Request is missing Authentication Token");
  }
  p.presigned = true;
  if (query["X-Amz-Algorithm"] != "AWS4-HMAC-SHA256") {
    return Fail(model::codes::kIncompleteSignature, "X-Amz-Algorithm must be AWS4-HMAC-SHA256.");
  }
  for (const char* name : {"X-Amz-Credential", "X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-Signature"}) {
    if (query[name].empty()) {
      return Fail(model::codes::kIncompleteSignature,
                  std::string("AWS query-string parameters must include '") + name + "'.");
    }
  }
  p.credential = query["X-Amz-Credential"];
  p.signed_headers = query["X-Amz-SignedHeaders"];
  p.signature = query["X-Amz-Signature"];
  p.amz_date = query["X-Amz-Date"];
  p.security_token = query["X-Amz-Security-Token"];
  if (auto it = query.find("X-Amz-Expires"); it != query.end()) {
    std::int64_t seconds = 0;
    for (char c : it->second) {
      if (c < '0' || c > '9' || seconds > 604800)
        return Fail(model::codes::kIncompleteSignature, "X-Amz-Expires is invalid.");
      seconds = seconds * 10 + (c - '0');
    }
    p.expires_seconds = seconds;
  }
  return p;
}

// The credential of a role key the metadata service issued, when `credentials` accepts them: the key names
// its account, the session token must be the one issued with it (else AuthFailure, as for an unknown key)
// and unexpired (else RequestExpired).
model::Result<Credential> RoleCredential(const CredentialStore& credentials, const std::string& key_id,
                                         std::string_view token, std::int64_t now_ms) {
  auto account = model::AccountOfIssuedKey(key_id);
  auto expiration = model::ExpirationOfToken(credentials.role_secret(), key_id, token);
  if (credentials.role_secret().empty() || !account || !expiration) {
    return Fail(model::codes::kAuthFailure, "AWS was not able to validate the provided access credentials");
  }
  if (now_ms >= *expiration) return Fail(model::codes::kRequestExpired, "Request has expired.");
  return Credential{model::SecretOfIssuedKey(credentials.role_secret(), key_id), std::move(*account)};
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return Hex(digest, sizeof digest);
}

std::string CanonicalRequest(const SignedRequest& request, std::string_view signed_headers,
                             std::string_view payload_hash, bool exclude_signature_param) {
  std::string out(request.method);
  out += '\n';
  // The path, each segment encoded (EC2 is always "/").
  std::string_view path = request.path.empty() ? "/" : request.path;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out += UriEncode(PercentDecode(path.substr(start, slash - start)));
    if (slash < path.size()) out += '/';
    start = slash + 1;
  }
  out += '\n';
  std::vector<std::pair<std::string, std::string>> pairs;
  for (auto& [key, value] : QueryPairs(request.query)) {
    if (exclude_signature_param && key == "X-Amz-Signature") continue;
    pairs.emplace_back(UriEncode(key), UriEncode(value));
  }
  std::sort(pairs.begin(), pairs.end());
  for (size_t i = 0; i < pairs.size(); ++i) {
    if (i) out += '&';
    out += pairs[i].first + "=" + pairs[i].second;
  }
  out += '\n';
  std::string_view names = signed_headers;
  while (!names.empty()) {
    size_t semi = names.find(';');
    std::string_view name = names.substr(0, semi);
    names = semi == std::string_view::npos ? std::string_view() : names.substr(semi + 1);
    std::string joined;
    for (const auto& [key, value] : request.headers) {
      if (key != name) continue;
      if (!joined.empty()) joined += ',';
      joined += TrimAndCollapse(value);
    }
    out += std::string(name) + ":" + joined + "\n";
  }
  out += '\n';
  out += signed_headers;
  out += '\n';
  out += payload_hash;
  return out;
}

std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request) {
  return "AWS4-HMAC-SHA256\n" + std::string(amz_date) + "\n" + std::string(scope) + "\n" +
         Sha256Hex(canonical_request);
}

std::string SignatureHex(std::string_view secret, std::string_view date, std::string_view region,
                         std::string_view service, std::string_view string_to_sign) {
  std::string key = Hmac("AWS4" + std::string(secret), date);
  key = Hmac(key, region);
  key = Hmac(key, service);
  key = Hmac(key, "aws4_request");
  std::string signature = Hmac(key, string_to_sign);
  return Hex(reinterpret_cast<const unsigned char*>(signature.data()), signature.size());
}

model::Result<VerifiedCaller> VerifySigV4(const SignedRequest& request, const CredentialStore& credentials,
                                          std::int64_t now_ms) {
  auto presented = ReadSignature(request);
  if (!presented) return std::move(presented).error();
  const Presented& p = *presented;
  // Credential = <key>/<yyyymmdd>/<region>/<service>/aws4_request
  std::vector<std::string> scope;
  size_t start = 0;
  while (start <= p.credential.size()) {
    size_t slash = p.credential.find('/', start);
    if (slash == std::string::npos) slash = p.credential.size();
    scope.push_back(p.credential.substr(start, slash - start));
    start = slash + 1;
  }
  if (scope.size() != 5 || scope[4] != "aws4_request" ||
      std::any_of(scope.begin(), scope.end(), [](const std::string& part) { return part.empty(); })) {
    return Fail(model::codes::kIncompleteSignature,
                "Credential is not of the form <key>/<date>/<region>/<service>/aws4_request.");
  }
  const std::string& key_id = scope[0];
  if (scope[3] != "ec2" && scope[3] != "sts" && scope[3] != "iam") {  // the services served here
    return Fail(model::codes::kSignatureDoesNotMatch,
                "Credential should be scoped to correct service: 'ec2'. ");
  }
  const Credential* credential = credentials.Find(key_id);
  std::optional<Credential> role;
  if (credential == nullptr) {
    auto found = RoleCredential(credentials, key_id, p.security_token, now_ms);
    if (!found) return std::move(found).error();
    role = std::move(*found);
    credential = &*role;
  }
  auto signed_at = ParseAmzDate(p.amz_date);
  if (!signed_at)
    return Fail(model::codes::kIncompleteSignature, "X-Amz-Date must be in the form yyyyMMdd'T'HHmmss'Z'.");
  if (p.amz_date.substr(0, 8) != scope[1]) {
    return Fail(model::codes::kSignatureDoesNotMatch,
                "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of "
                "date from HTTP: '" +
                    scope[1] + "' != '" + p.amz_date.substr(0, 8) + "'");
  }
  const bool too_early = *signed_at > now_ms + kMaxSkewMs;
  const bool too_late = p.presigned ? now_ms > *signed_at + p.expires_seconds.value_or(3600) * 1000
                                    : now_ms > *signed_at + kMaxSkewMs;
  if (too_early || too_late) return Fail(model::codes::kRequestExpired, "Request has expired.");
  if ((";" + p.signed_headers + ";").find(";host;") == std::string::npos) {
    return Fail(model::codes::kIncompleteSignature,
                "'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }
  std::string payload_hash(HeaderValue(request, "x-amz-content-sha256"));
  if (payload_hash.empty()) payload_hash = Sha256Hex(request.body);
  const std::string canonical = CanonicalRequest(request, p.signed_headers, payload_hash, p.presigned);
  const std::string scope_text = scope[1] + "/" + scope[2] + "/" + scope[3] + "/aws4_request";
  const std::string expected = SignatureHex(credential->secret_access_key, scope[1], scope[2], scope[3],
                                            StringToSign(p.amz_date, scope_text, canonical));
  if (expected.size() != p.signature.size() ||
      CRYPTO_memcmp(expected.data(), p.signature.data(), expected.size()) != 0) {
    return Fail(
        model::codes::kSignatureDoesNotMatch,
        "The request signature we calculated does not match the signature you provided. Check your AWS "
        "Secret Access Key and signing method. Consult the service documentation for details.");
  }
  return VerifiedCaller{key_id, credential->account_id, scope[2]};
}

}  // namespace localec2::api
