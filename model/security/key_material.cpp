#include "model/security/key_material.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "model/core/error_codes.hpp"

namespace localec2::model {
namespace {

using Bytes = std::string;

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const {
    Free(p);
  }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;

Error OpenSslFailure(std::string_view what) {
  return MakeError(codes::kInternalError, "OpenSSL failed to " + std::string(what));
}

Error BadKeyFormat() { return MakeError(codes::kKeyFormat, "Key is not in valid OpenSSH public key format"); }

// SSH wire encoding (RFC 4251 §5).
void PutUint32(Bytes& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xFF);
}
void PutString(Bytes& out, std::string_view s) {
  PutUint32(out, static_cast<std::uint32_t>(s.size()));
  out += s;
}
void PutMpint(Bytes& out, const BIGNUM* bn) {
  Bytes raw(static_cast<size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(raw.data()));
  if (!raw.empty() && (static_cast<unsigned char>(raw[0]) & 0x80)) raw.insert(raw.begin(), '\0');
  PutString(out, raw);
}

class Reader {
 public:
  explicit Reader(std::string_view data) : data_(data) {}
  std::optional<std::string_view> String() {
    if (data_.size() < 4) return std::nullopt;
    std::uint32_t n = 0;
    for (int i = 0; i < 4; ++i) n = (n << 8) | static_cast<unsigned char>(data_[i]);
    if (data_.size() - 4 < n) return std::nullopt;
    std::string_view s = data_.substr(4, n);
    data_.remove_prefix(4 + n);
    return s;
  }
  bool done() const { return data_.empty(); }

 private:
  std::string_view data_;
};

Bytes Digest(const EVP_MD* md, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out, &len, md, nullptr);
  return Bytes(reinterpret_cast<char*>(out), len);
}

std::string ColonHex(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    if (!out.empty()) out += ':';
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string Base64(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  int n =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

std::optional<Bytes> Unbase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  Bytes out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  size_t padding = text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0;
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

std::string Wrap(std::string_view text, size_t width) {
  std::string out;
  for (size_t i = 0; i < text.size(); i += width) {
    out += text.substr(i, width);
    out += '\n';
  }
  return out;
}

std::string Ed25519Fingerprint(std::string_view blob) { return Base64(Digest(EVP_sha256(), blob)); }

BnPtr RsaParam(const EVP_PKEY* pkey, const char* name) {
  BIGNUM* bn = nullptr;
  EVP_PKEY_get_bn_param(pkey, name, &bn);
  return BnPtr(bn);
}

Bytes RsaPublicBlob(const EVP_PKEY* pkey) {
  Bytes blob;
  PutString(blob, "ssh-rsa");
  PutMpint(blob, RsaParam(pkey, OSSL_PKEY_PARAM_RSA_E).get());
  PutMpint(blob, RsaParam(pkey, OSSL_PKEY_PARAM_RSA_N).get());
  return blob;
}

// PuTTY private key file, version 2, unencrypted.
std::string PuttyKeyFile(std::string_view algorithm, std::string_view comment, std::string_view public_blob,
                         std::string_view private_blob) {
  Bytes mac_data;
  PutString(mac_data, algorithm);
  PutString(mac_data, "none");
  PutString(mac_data, comment);
  PutString(mac_data, public_blob);
  PutString(mac_data, private_blob);
  Bytes mac_key = Digest(EVP_sha1(), "putty-private-key-file-mac-key");
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), mac_key.data(), static_cast<int>(mac_key.size()),
       reinterpret_cast<const unsigned char*>(mac_data.data()), mac_data.size(), mac, &mac_len);
  std::string mac_hex = ColonHex(std::string_view(reinterpret_cast<char*>(mac), mac_len));
  std::erase(mac_hex, ':');
  std::string pub = Wrap(Base64(public_blob), 64), priv = Wrap(Base64(private_blob), 64);
  auto lines = [](const std::string& s) { return std::to_string(std::count(s.begin(), s.end(), '\n')); };
  return "PuTTY-User-Key-File-2: " + std::string(algorithm) +
         "\nEncryption: none\nComment: " + std::string(comment) + "\nPublic-Lines: " + lines(pub) + "\n" +
         pub + "Private-Lines: " + lines(priv) + "\n" + priv + "Private-MAC: " + mac_hex + "\n";
}

}  // namespace

std::shared_ptr<EVP_PKEY> NewRsaKey() { return std::shared_ptr<EVP_PKEY>(EVP_RSA_gen(2048), EVP_PKEY_free); }

// Private key, public key and fingerprint of an already generated RSA key.
Result<CreatedKey> FinishRsaKey(const std::shared_ptr<EVP_PKEY>& pkey, std::string_view key_format,
                                std::string_view comment) {
  if (!pkey) return OpenSslFailure("generate an RSA key");
  CreatedKey key;
  // Fingerprint: SHA-1 of the DER PKCS#8 form of the private key.
  PKCS8_PRIV_KEY_INFO* p8 = EVP_PKEY2PKCS8(pkey.get());
  if (p8 == nullptr) return OpenSslFailure("encode PKCS#8");
  unsigned char* der = nullptr;
  int der_len = i2d_PKCS8_PRIV_KEY_INFO(p8, &der);
  PKCS8_PRIV_KEY_INFO_free(p8);
  if (der_len <= 0) return OpenSslFailure("encode PKCS#8");
  key.fingerprint = ColonHex(Digest(EVP_sha1(), std::string_view(reinterpret_cast<char*>(der), der_len)));
  OPENSSL_free(der);

  Bytes blob = RsaPublicBlob(pkey.get());
  key.public_key = "ssh-rsa " + Base64(blob) + " " + std::string(comment);
  if (key_format == "ppk") {
    Bytes priv;
    PutMpint(priv, RsaParam(pkey.get(), OSSL_PKEY_PARAM_RSA_D).get());
    PutMpint(priv, RsaParam(pkey.get(), OSSL_PKEY_PARAM_RSA_FACTOR1).get());
    PutMpint(priv, RsaParam(pkey.get(), OSSL_PKEY_PARAM_RSA_FACTOR2).get());
    PutMpint(priv, RsaParam(pkey.get(), OSSL_PKEY_PARAM_RSA_COEFFICIENT1).get());
    key.private_key = PuttyKeyFile("ssh-rsa", comment, blob, priv);
    return key;
  }
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!PEM_write_bio_PrivateKey_traditional(bio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr)) {
    return OpenSslFailure("write PEM");
  }
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  key.private_key.assign(data, static_cast<size_t>(len));
  return key;
}

Result<CreatedKey> CreateEd25519Key(std::string_view key_format, std::string_view comment) {
  PkeyPtr pkey(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!pkey) return OpenSslFailure("generate an ed25519 key");
  unsigned char pub[32], seed[32];
  size_t pub_len = sizeof pub, seed_len = sizeof seed;
  if (!EVP_PKEY_get_raw_public_key(pkey.get(), pub, &pub_len) ||
      !EVP_PKEY_get_raw_private_key(pkey.get(), seed, &seed_len)) {
    return OpenSslFailure("read the ed25519 key");
  }
  std::string_view pub_bytes(reinterpret_cast<char*>(pub), 32), seed_bytes(reinterpret_cast<char*>(seed), 32);
  Bytes blob;
  PutString(blob, "ssh-ed25519");
  PutString(blob, pub_bytes);
  CreatedKey key;
  key.fingerprint = Ed25519Fingerprint(blob);
  key.public_key = "ssh-ed25519 " + Base64(blob) + " " + std::string(comment);
  if (key_format == "ppk") {
    Bytes priv;
    PutString(priv, seed_bytes);
    key.private_key = PuttyKeyFile("ssh-ed25519", comment, blob, priv);
    OPENSSL_cleanse(seed, sizeof seed);
    return key;
  }
  // OpenSSH private key format (PROTOCOL.key), unencrypted.
  std::uint32_t check = 0;
  RAND_bytes(reinterpret_cast<unsigned char*>(&check), sizeof check);
  Bytes section;
  PutUint32(section, check);
  PutUint32(section, check);
  PutString(section, "ssh-ed25519");
  PutString(section, pub_bytes);
  PutString(section, std::string(seed_bytes) + std::string(pub_bytes));
  PutString(section, comment);
  for (char pad = 1; section.size() % 8 != 0; ++pad) section += pad;
  Bytes body = std::string("openssh-key-v1") + '\0';
  PutString(body, "none");
  PutString(body, "none");
  PutString(body, "");
  PutUint32(body, 1);
  PutString(body, blob);
  PutString(body, section);
  OPENSSL_cleanse(section.data(), section.size());
  OPENSSL_cleanse(seed, sizeof seed);
  key.private_key = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + Wrap(Base64(body), 70) +
                    "-----END OPENSSH PRIVATE KEY-----\n";
  return key;
}

namespace {

Result<std::string> RsaImportFingerprint(Reader& reader) {
  auto e = reader.String(), n = reader.String();
  if (!e || !n || !reader.done()) return BadKeyFormat();
  BnPtr e_bn(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()), static_cast<int>(e->size()), nullptr));
  BnPtr n_bn(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()), static_cast<int>(n->size()), nullptr));
  int bits = BN_num_bits(n_bn.get());
  if (bits != 1024 && bits != 2048 && bits != 4096) return BadKeyFormat();
  std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>> build(OSSL_PARAM_BLD_new());
  OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, n_bn.get());
  OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, e_bn.get());
  std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>> params(OSSL_PARAM_BLD_to_param(build.get()));
  std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
  EVP_PKEY* raw = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) {
    return BadKeyFormat();
  }
  PkeyPtr pkey(raw);
  unsigned char* der = nullptr;
  int der_len = i2d_PUBKEY(pkey.get(), &der);
  if (der_len <= 0) return BadKeyFormat();
  std::string fingerprint =
      ColonHex(Digest(EVP_md5(), std::string_view(reinterpret_cast<char*>(der), der_len)));
  OPENSSL_free(der);
  return fingerprint;
}

}  // namespace

Result<CreatedKey> CreateKeyMaterial(std::string_view key_type, std::string_view key_format,
                                     std::string_view comment) {
  return key_type == "ed25519" ? CreateEd25519Key(key_format, comment)
                               : FinishRsaKey(NewRsaKey(), key_format, comment);
}

namespace {

std::string_view Trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  return text;
}

// The lines of `text`, each trimmed, blank ones left out.
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = Trimmed(text.substr(0, end));
    if (!line.empty()) lines.push_back(line);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return lines;
}

// "<type> <base64 blob>[ <comment>]" for an SSH public key blob.
std::optional<std::string> OpenSshLine(std::string_view blob, std::string_view comment) {
  Reader reader(blob);
  auto type = reader.String();
  if (!type || type->empty()) return std::nullopt;
  std::string line = std::string(*type) + " " + Base64(blob);
  if (!comment.empty()) line += " " + std::string(comment);
  return line;
}

// RFC 4716: "---- BEGIN SSH2 PUBLIC KEY ----", headers ("Tag: value", a line ending in a backslash
// continues on the next; a Comment's quotes are dropped), the base64 blob, "---- END SSH2 PUBLIC KEY ----".
std::optional<std::string> FromRfc4716(const std::vector<std::string_view>& lines) {
  if (lines.size() < 3 || lines.front() != "---- BEGIN SSH2 PUBLIC KEY ----" ||
      lines.back() != "---- END SSH2 PUBLIC KEY ----") {
    return std::nullopt;
  }
  std::string comment, body;
  bool in_header = false;  // a header line ended in a backslash
  std::string header;
  for (size_t i = 1; i + 1 < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (in_header || (body.empty() && line.find(':') != std::string_view::npos)) {
      in_header = line.ends_with('\\');
      header += line.substr(0, line.size() - (in_header ? 1 : 0));
      if (in_header) continue;
      size_t colon = header.find(':');
      std::string_view tag = Trimmed(std::string_view(header).substr(0, colon));
      std::string_view value = Trimmed(std::string_view(header).substr(colon + 1));
      if (tag.size() > 64 || tag.find(' ') != std::string_view::npos) return std::nullopt;
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
        value = value.substr(1, value.size() - 2);
      std::string lowered(tag);
      for (char& c : lowered) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lowered == "comment") comment = value;
      header.clear();
      continue;
    }
    body += line;
  }
  if (in_header) return std::nullopt;
  auto blob = Unbase64(body);
  if (!blob) return std::nullopt;
  return OpenSshLine(*blob, comment);
}

// A base64 DER SubjectPublicKeyInfo (RSA or Ed25519), bare or between "-----BEGIN PUBLIC KEY-----" and
// "-----END PUBLIC KEY-----" (what `ssh-keygen -e -m PKCS8` writes).
std::optional<std::string> FromDer(std::vector<std::string_view> lines) {
  if (lines.size() >= 2 && lines.front() == "-----BEGIN PUBLIC KEY-----" &&
      lines.back() == "-----END PUBLIC KEY-----") {
    lines = {lines.begin() + 1, lines.end() - 1};
  }
  std::string encoded;
  for (std::string_view line : lines) {
    for (char c : line) {
      if (!std::isspace(static_cast<unsigned char>(c))) encoded += c;
    }
  }
  auto der = Unbase64(encoded);
  if (!der) return std::nullopt;
  const auto* p = reinterpret_cast<const unsigned char*>(der->data());
  PkeyPtr pkey(d2i_PUBKEY(nullptr, &p, static_cast<long>(der->size())));
  if (!pkey || p != reinterpret_cast<const unsigned char*>(der->data()) + der->size()) return std::nullopt;
  if (EVP_PKEY_is_a(pkey.get(), "RSA")) return OpenSshLine(RsaPublicBlob(pkey.get()), "");
  unsigned char pub[32];
  size_t pub_len = sizeof pub;
  if (!EVP_PKEY_is_a(pkey.get(), "ED25519") || !EVP_PKEY_get_raw_public_key(pkey.get(), pub, &pub_len) ||
      pub_len != sizeof pub) {
    return std::nullopt;
  }
  Bytes blob;
  PutString(blob, "ssh-ed25519");
  PutString(blob, std::string_view(reinterpret_cast<char*>(pub), pub_len));
  return OpenSshLine(blob, "");
}

}  // namespace

Result<ImportedKey> ImportPublicKey(std::string_view given) {
  given = Trimmed(given);
  // RFC 4716 and DER are read into the OpenSSH form of the same key, which is what is then parsed.
  std::optional<std::string> converted;
  if (!given.starts_with("ssh-")) {
    const std::vector<std::string_view> lines = Lines(given);
    converted = given.starts_with("---- BEGIN SSH2") ? FromRfc4716(lines) : FromDer(lines);
    if (!converted) return BadKeyFormat();
  }
  std::string_view material = converted ? std::string_view(*converted) : given;
  size_t space = material.find(' ');
  if (space == std::string_view::npos) return BadKeyFormat();
  std::string_view type = material.substr(0, space);
  std::string_view rest = material.substr(space + 1);
  std::string_view encoded = rest.substr(0, rest.find(' '));
  auto blob = Unbase64(encoded);
  if (!blob) return BadKeyFormat();
  Reader reader(*blob);
  auto blob_type = reader.String();
  if (!blob_type || *blob_type != type) return BadKeyFormat();
  ImportedKey key;
  key.public_key = std::string(material);
  if (type == "ssh-rsa") {
    auto fingerprint = RsaImportFingerprint(reader);
    if (!fingerprint) return std::move(fingerprint).error();
    key.key_type = "rsa";
    key.fingerprint = std::move(*fingerprint);
    return key;
  }
  if (type == "ssh-ed25519") {
    auto pub = reader.String();
    if (!pub || pub->size() != 32 || !reader.done()) return BadKeyFormat();
    key.key_type = "ed25519";
    key.fingerprint = Ed25519Fingerprint(*blob);
    return key;
  }
  return BadKeyFormat();
}

}  // namespace localec2::model
