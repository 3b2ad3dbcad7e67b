#include "storage/checkpoint_codec.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>

#include "model/core/error_codes.hpp"
#include "storage/record_codec.hpp"

namespace localec2::storage {
namespace {

using nlohmann::json;
constexpr std::string_view kFormat = "localec2-checkpoint";
constexpr int kVersion = 1;

model::Error Damaged(const std::string& why) {
  return model::MakeError(model::codes::kInternalError, "damaged checkpoint: " + why);
}

}  // namespace

model::CheckpointInfo DescribeCheckpoint(const std::string& name, const std::optional<std::string>& account,
                                         std::int64_t saved_ms, const std::vector<model::Record>& records) {
  model::CheckpointInfo info;
  info.name = name;
  info.account = account;
  info.saved_ms = saved_ms;
  info.resources = records.size();
  for (const model::Record& record : records)
    ++info.counts[std::string(model::ResourceType(record.resource))];
  return info;
}

std::string EncodeCheckpoint(const model::CheckpointInfo& info, const std::vector<model::Record>& records) {
  json header{{"format", kFormat},         {"version", kVersion}, {"name", info.name},
              {"saved_ms", info.saved_ms}, {"account", nullptr},  {"resources", records.size()},
              {"counts", json::object()}};
  if (info.account) header["account"] = *info.account;
  for (const auto& [type, n] : info.counts) header["counts"][type] = n;
  std::string text = header.dump();
  text += '\n';
  text.reserve(text.size() + records.size() * 1024);
  for (const model::Record& record : records) {
    text += record.scope.account_id;
    text += '\t';
    text += record.scope.region;
    text += '\t';
    text += model::ResourceType(record.resource);
    text += '\t';
    text += EncodeResource(record.resource);
    text += '\n';
  }
  return text;
}

model::Result<model::CheckpointInfo> DecodeCheckpointHeader(std::string_view line) {
  json header = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (header.is_discarded() || !header.is_object() || header.value("format", "") != kFormat) {
    return Damaged("no checkpoint header");
  }
  if (header.value("version", 0) != kVersion) return Damaged("unknown version");
  try {
    model::CheckpointInfo info;
    info.name = header.at("name").get<std::string>();
    info.saved_ms = header.at("saved_ms").get<std::int64_t>();
    if (!header.at("account").is_null()) info.account = header.at("account").get<std::string>();
    info.resources = header.at("resources").get<std::uint64_t>();
    for (const auto& [type, n] : header.at("counts").items()) info.counts[type] = n.get<std::uint64_t>();
    return info;
  } catch (const json::exception& e) {
    return Damaged(std::string("bad header: ") + e.what());
  }
}

model::Result<model::Checkpoint> DecodeCheckpoint(std::string_view text) {
  size_t end = text.find('\n');
  if (end == std::string_view::npos) return Damaged("no header line");
  auto info = DecodeCheckpointHeader(text.substr(0, end));
  if (!info) return std::move(info).error();
  model::Checkpoint checkpoint{std::move(*info), {}};
  checkpoint.info.size_bytes = text.size();
  std::vector<std::string_view> lines;
  lines.reserve(checkpoint.info.resources);
  for (size_t at = end + 1; at < text.size(); at = end + 1) {
    end = text.find('\n', at);
    if (end == std::string_view::npos) return Damaged("the last line is cut short");
    lines.push_back(text.substr(at, end - at));
  }
  if (lines.size() != checkpoint.info.resources) {
    return Damaged("holds " + std::to_string(lines.size()) + " records, its header says " +
                   std::to_string(checkpoint.info.resources));
  }
  // Decoding is most of a restore's time: the lines are split among a few threads (the engine's lock is
  // not held here), each filling its own slots; the first damaged line in file order is the one named.
  checkpoint.records.resize(lines.size());
  const size_t threads = std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 4);
  const size_t per = (lines.size() + threads - 1) / threads;
  std::vector<std::optional<model::Error>> errors(threads);
  auto decode = [&](size_t part) {
    for (size_t i = part * per; i < std::min(lines.size(), (part + 1) * per); ++i) {
      std::string_view line = lines[i];
      std::string_view fields[3];
      for (auto& field : fields) {
        size_t tab = line.find('\t');
        if (tab == std::string_view::npos) {
          errors[part] = Damaged("a record line without its fields");
          return;
        }
        field = line.substr(0, tab);
        line.remove_prefix(tab + 1);
      }
      auto resource = DecodeResource(fields[2], line);
      if (!resource) {
        errors[part] = Damaged(resource.error().message);
        return;
      }
      checkpoint.records[i] = {{std::string(fields[0]), std::string(fields[1])}, std::move(*resource)};
    }
  };
  std::vector<std::thread> workers;
  for (size_t part = 1; part < threads && part * per < lines.size(); ++part)
    workers.emplace_back(decode, part);
  decode(0);
  for (std::thread& worker : workers) worker.join();
  for (auto& error : errors) {
    if (error) return std::move(*error);
  }
  return checkpoint;
}

}  // namespace localec2::storage
