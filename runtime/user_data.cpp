#include "runtime/user_data.hpp"

#include <yaml.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>

namespace localec2::runtime {
namespace {

constexpr size_t kMaxDecompressed = 16 << 20;  // cloud-init's user data is small; a gzip bomb is not

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

bool StartsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r\n"), end = text.find_last_not_of(" \t\r\n");
  return begin == std::string::npos ? "" : text.substr(begin, end - begin + 1);
}

// ---- A small YAML tree over libyaml's document API ----

struct Node {
  enum Kind { kScalar, kSequence, kMapping } kind = kScalar;
  std::string scalar;
  std::vector<Node> items;
  std::vector<std::string> keys;  // a mapping's keys, and their values at the same index
  std::vector<Node> values;
  const Node* Find(const std::string& key) const {
    for (size_t n = 0; n < keys.size(); ++n)
      if (keys[n] == key) return &values[n];
    return nullptr;
  }
};

Node Convert(yaml_document_t* doc, yaml_node_t* node, int depth) {
  Node out;
  if (node == nullptr || depth > 32) return out;
  if (node->type == YAML_SCALAR_NODE) {
    out.scalar.assign(reinterpret_cast<const char*>(node->data.scalar.value), node->data.scalar.length);
  } else if (node->type == YAML_SEQUENCE_NODE) {
    out.kind = Node::kSequence;
    for (yaml_node_item_t* item = node->data.sequence.items.start; item < node->data.sequence.items.top;
         ++item)
      out.items.push_back(Convert(doc, yaml_document_get_node(doc, *item), depth + 1));
  } else if (node->type == YAML_MAPPING_NODE) {
    out.kind = Node::kMapping;
    for (yaml_node_pair_t* pair = node->data.mapping.pairs.start; pair < node->data.mapping.pairs.top;
         ++pair) {
      Node key = Convert(doc, yaml_document_get_node(doc, pair->key), depth + 1);
      out.keys.push_back(key.scalar);
      out.values.push_back(Convert(doc, yaml_document_get_node(doc, pair->value), depth + 1));
    }
  }
  return out;
}

bool ParseYaml(const std::string& text, Node& out) {
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser)) return false;
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  yaml_document_t doc;
  const bool ok = yaml_parser_load(&parser, &doc) != 0;
  if (ok) {
    out = Convert(&doc, yaml_document_get_root_node(&doc), 0);
    yaml_document_delete(&doc);
  }
  yaml_parser_delete(&parser);
  return ok;
}

// ---- MIME multipart (what cloud-init's make-mime and the SDK helpers produce) ----

std::map<std::string, std::string> Headers(const std::string& block) {
  std::map<std::string, std::string> headers;
  size_t pos = 0;
  std::string last;
  while (pos < block.size()) {
    size_t end = block.find('\n', pos);
    if (end == std::string::npos) end = block.size();
    std::string line = block.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    pos = end + 1;
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !last.empty()) {
      headers[last] += " " + Trim(line);
      continue;
    }
    const size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    last = Lower(Trim(line.substr(0, colon)));
    headers[last] = Trim(line.substr(colon + 1));
  }
  return headers;
}

std::string Parameter(const std::string& header, const std::string& name) {
  const std::string lower = Lower(header);
  size_t at = lower.find(name + "=");
  if (at == std::string::npos) return "";
  std::string value = header.substr(at + name.size() + 1);
  if (!value.empty() && value[0] == '"') return value.substr(1, value.find('"', 1) - 1);
  return value.substr(0, value.find_first_of("; \t"));
}

void Classify(const std::string& content, int depth, DecodedUserData& out);

void SplitMime(const std::string& message, int depth, DecodedUserData& out) {
  size_t split = message.find("\n\n");
  size_t skip = 2;
  if (const size_t crlf = message.find("\r\n\r\n"); crlf != std::string::npos && crlf < split) {
    split = crlf;
    skip = 4;
  }
  if (split == std::string::npos) {
    out.notes.push_back("MIME message without a body: skipped");
    return;
  }
  const auto headers = Headers(message.substr(0, split));
  const std::string body = message.substr(split + skip);
  const std::string type = headers.count("content-type") ? headers.at("content-type") : "text/plain";
  if (StartsWith(Lower(type), "multipart/")) {
    const std::string boundary = Parameter(type, "boundary");
    if (boundary.empty()) {
      out.notes.push_back("multipart user data without a boundary: skipped");
      return;
    }
    const std::string marker = "--" + boundary;
    size_t pos = body.find(marker);
    while (pos != std::string::npos) {
      pos += marker.size();
      if (body.compare(pos, 2, "--") == 0) break;  // the closing boundary
      const size_t next = body.find(marker, pos);
      std::string part = body.substr(pos, next == std::string::npos ? std::string::npos : next - pos);
      if (StartsWith(part, "\r\n"))
        part.erase(0, 2);
      else if (StartsWith(part, "\n"))
        part.erase(0, 1);
      if (part.size() >= 2 && part.compare(part.size() - 2, 2, "\r\n") == 0)
        part.resize(part.size() - 2);
      else if (!part.empty() && part.back() == '\n')
        part.pop_back();
      SplitMime(part, depth + 1, out);
      pos = next;
    }
    return;
  }
  std::string content = body;
  if (headers.count("content-transfer-encoding") &&
      Lower(headers.at("content-transfer-encoding")) == "base64")
    content = Base64Decode(body);
  const std::string lower = Lower(type);
  if (StartsWith(lower, "text/x-shellscript") && !StartsWith(content, "#!"))
    content = "#!/bin/sh\n" + content;
  if (StartsWith(lower, "text/cloud-config") && !StartsWith(content, "#cloud-config"))
    content = "#cloud-config\n" + content;
  Classify(content, depth + 1, out);
}

void AddPart(DecodedUserData& out, const std::string& kind, std::string script) {
  char name[64];
  std::snprintf(name, sizeof name, "%03zu-%s", out.parts.size() + 1, kind.c_str());
  out.parts.push_back({name, std::move(script)});
}

void Classify(const std::string& content, int depth, DecodedUserData& out) {
  if (depth > 8) {
    out.notes.push_back("user data nested too deeply: skipped");
    return;
  }
  if (content.size() >= 2 && static_cast<unsigned char>(content[0]) == 0x1f &&
      static_cast<unsigned char>(content[1]) == 0x8b) {
    bool ok = false;
    std::string inflated = Gunzip(content, ok);
    if (!ok) {
      out.notes.push_back("gzip user data that does not inflate (or exceeds 16 MiB): skipped");
      return;
    }
    Classify(inflated, depth + 1, out);
    return;
  }
  if (StartsWith(content, "#!")) {
    AddPart(out, "script", content);
  } else if (StartsWith(content, "#cloud-config")) {
    AddPart(out, "cloud-config", CloudConfigScript(content, out.notes));
  } else if (StartsWith(Lower(content), "content-type:") || StartsWith(Lower(content), "mime-version:")) {
    SplitMime(content, depth + 1, out);
  } else if (!Trim(content).empty()) {
    const std::string first = content.substr(0, content.find('\n'));
    out.notes.push_back("user data part of an unsupported kind (" + first.substr(0, 40) + "): not run");
  }
}

}  // namespace

std::string Base64Decode(const std::string& text) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    const size_t index = alphabet.find(c == '-' ? '+' : c == '_' ? '/' : c);
    if (index == std::string::npos) continue;  // line breaks and spaces
    value = (value << 6) | static_cast<unsigned>(index);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 0xff);
    }
  }
  return out;
}

std::string Gunzip(const std::string& data, bool& ok) {
  ok = false;
  z_stream stream{};
  if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) return "";
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[16384];
  int status = Z_OK;
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof buffer;
    status = inflate(&stream, Z_NO_FLUSH);
    if (status != Z_OK && status != Z_STREAM_END) break;
    out.append(buffer, sizeof buffer - stream.avail_out);
    if (out.size() > kMaxDecompressed) break;
  }
  inflateEnd(&stream);
  ok = status == Z_STREAM_END && out.size() <= kMaxDecompressed;
  return ok ? out : "";
}

std::string ShellQuote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string CloudConfigScript(const std::string& yaml, std::vector<std::string>& notes) {
  Node root;
  std::string script = "#!/bin/sh\n# generated by localec2 from #cloud-config: write_files, then runcmd\n";
  if (!ParseYaml(yaml, root) || root.kind != Node::kMapping) {
    notes.push_back("#cloud-config that is not a YAML mapping: skipped");
    return script;
  }
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  auto encode = [](const std::string& bytes) {
    std::string out;
    unsigned value = 0;
    int bits = 0;
    for (unsigned char c : bytes) {
      value = (value << 8) | c;
      bits += 8;
      while (bits >= 6) {
        bits -= 6;
        out += alphabet[(value >> bits) & 63];
      }
    }
    if (bits > 0) out += alphabet[(value << (6 - bits)) & 63];
    while (out.size() % 4) out += '=';
    return out;
  };
  for (const std::string& key : root.keys) {
    if (key != "write_files" && key != "runcmd")
      notes.push_back("#cloud-config key '" + key + "' is not supported in the sandbox: ignored");
  }
  if (const Node* files = root.Find("write_files"); files && files->kind == Node::kSequence) {
    for (const Node& file : files->items) {
      const Node* path = file.Find("path");
      if (!path || path->scalar.empty()) continue;
      std::string content = file.Find("content") ? file.Find("content")->scalar : "";
      const Node* encoding = file.Find("encoding");
      const std::string enc = encoding ? Lower(encoding->scalar) : "";
      if (enc == "b64" || enc == "base64") content = Base64Decode(content);
      if (enc == "gz+b64" || enc == "gzip+base64" || enc == "gz+base64") {
        bool ok = false;
        content = Gunzip(Base64Decode(content), ok);
      }
      const std::string target = ShellQuote(path->scalar);
      const bool append = file.Find("append") && Lower(file.Find("append")->scalar) == "true";
      script += "mkdir -p \"$(dirname " + target + ")\"\n";
      script +=
          "echo " + ShellQuote(encode(content)) + " | base64 -d " + (append ? ">> " : "> ") + target + "\n";
      const std::string permissions = file.Find("permissions") ? file.Find("permissions")->scalar : "0644";
      script += "chmod " + ShellQuote(permissions) + " " + target + "\n";
      if (const Node* owner = file.Find("owner"); owner && !owner->scalar.empty())
        script += "chown " + ShellQuote(owner->scalar) + " " + target + "\n";
    }
  }
  if (const Node* commands = root.Find("runcmd"); commands && commands->kind == Node::kSequence) {
    for (const Node& command : commands->items) {
      if (command.kind == Node::kScalar) {
        script += command.scalar + "\n";
      } else if (command.kind == Node::kSequence) {
        std::string line;
        for (const Node& arg : command.items) line += (line.empty() ? "" : " ") + ShellQuote(arg.scalar);
        script += line + "\n";
      }
    }
  }
  return script;
}

DecodedUserData DecodeUserData(const std::string& base64) {
  DecodedUserData out;
  if (base64.empty()) return out;
  Classify(Base64Decode(base64), 0, out);
  return out;
}

}  // namespace localec2::runtime
