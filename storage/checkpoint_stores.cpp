#include "storage/checkpoint_stores.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>

#include "model/core/error_codes.hpp"
#include "storage/checkpoint_codec.hpp"

namespace localec2::storage {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view kSuffix = ".ckpt";
constexpr std::string_view kTempPrefix = ".tmp-";

model::Error Failed(const std::string& what) { return model::MakeError(model::codes::kInternalError, what); }

model::Error SysFailed(const std::string& what, const fs::path& path) {
  return Failed(what + " '" + path.string() + "': " + std::strerror(errno));
}

model::Status CheckName(const std::string& name) {
  if (auto problem = model::CheckpointNameProblem(name)) {
    return model::MakeError(model::codes::kInvalidParameterValue, *problem);
  }
  return model::Ok{};
}

// Writes `text` to a new file at `path` and fsyncs it.
model::Status WriteDurably(const fs::path& path, const std::string& text) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return SysFailed("cannot create", path);
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      auto error = SysFailed("cannot write", path);
      ::close(fd);
      return error;
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    auto error = SysFailed("cannot sync", path);
    ::close(fd);
    return error;
  }
  if (::close(fd) != 0) return SysFailed("cannot close", path);
  return model::Ok{};
}

void SyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

DirectoryCheckpointStore::DirectoryCheckpointStore(fs::path dir) : dir_(std::move(dir)) {
  std::error_code ec;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().starts_with(kTempPrefix)) {
      std::error_code ignored;
      fs::remove(it->path(), ignored);  // a save that died before its rename
    }
  }
}

fs::path DirectoryCheckpointStore::PathOf(const std::string& name) const {
  return dir_ / (name + std::string(kSuffix));
}

model::Result<model::CheckpointInfo> DirectoryCheckpointStore::Save(
    const std::string& name, const std::optional<std::string>& account, std::int64_t saved_ms,
    const std::vector<model::Record>& records) {
  if (auto valid = CheckName(name); !valid) return std::move(valid).error();
  model::CheckpointInfo info = DescribeCheckpoint(name, account, saved_ms, records);
  const std::string text = EncodeCheckpoint(info, records);
  info.size_bytes = text.size();
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Failed("cannot create '" + dir_.string() + "': " + ec.message());
  const fs::path temp = dir_ / (std::string(kTempPrefix) + name + "-" + std::to_string(::getpid()) + "-" +
                                std::to_string(temp_counter_++));
  if (auto written = WriteDurably(temp, text); !written) {
    fs::remove(temp, ec);
    return std::move(written).error();
  }
  if (::rename(temp.c_str(), PathOf(name).c_str()) != 0) {
    auto error = SysFailed("cannot rename", temp);
    fs::remove(temp, ec);
    return error;
  }
  SyncDirectory(dir_);
  return info;
}

model::Result<std::optional<model::Checkpoint>> DirectoryCheckpointStore::Load(const std::string& name) {
  if (auto valid = CheckName(name); !valid) return std::move(valid).error();
  std::ifstream file(PathOf(name), std::ios::binary | std::ios::ate);
  if (!file) return std::optional<model::Checkpoint>();
  std::string text(static_cast<size_t>(file.tellg()), '\0');
  file.seekg(0);
  if (!file.read(text.data(), static_cast<std::streamsize>(text.size()))) {
    return Failed("cannot read '" + PathOf(name).string() + "'");
  }
  auto checkpoint = DecodeCheckpoint(text);
  if (!checkpoint) return Failed(PathOf(name).string() + ": " + checkpoint.error().message);
  return std::optional<model::Checkpoint>(std::move(*checkpoint));
}

model::Result<std::optional<model::CheckpointInfo>> DirectoryCheckpointStore::Info(const std::string& name) {
  if (auto valid = CheckName(name); !valid) return std::move(valid).error();
  const fs::path path = PathOf(name);
  std::ifstream file(path, std::ios::binary);
  if (!file) return std::optional<model::CheckpointInfo>();
  std::string header;
  std::getline(file, header);
  auto info = DecodeCheckpointHeader(header);
  if (!info) return Failed(path.string() + ": " + info.error().message);
  std::error_code ec;
  info->size_bytes = fs::file_size(path, ec);
  if (ec) return Failed("cannot stat '" + path.string() + "': " + ec.message());
  info->name = name;  // the file's name is the checkpoint's, whatever the header says
  return std::optional<model::CheckpointInfo>(std::move(*info));
}

model::Result<std::vector<model::CheckpointInfo>> DirectoryCheckpointStore::List() {
  std::vector<model::CheckpointInfo> found;
  std::error_code ec;
  if (!fs::exists(dir_, ec)) return found;
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file = it->path().filename().string();
    if (!file.ends_with(kSuffix)) continue;
    std::string name = file.substr(0, file.size() - kSuffix.size());
    if (!model::CheckpointNameProblem(name)) names.push_back(std::move(name));
  }
  if (ec) return Failed("cannot list '" + dir_.string() + "': " + ec.message());
  std::sort(names.begin(), names.end());
  for (const std::string& name : names) {
    auto info = Info(name);
    if (!info) {  // one damaged file (edited by hand?) must not hide the others
      std::fprintf(stderr, "localec2: checkpoint %s not listed: %s\n", name.c_str(),
                   info.error().message.c_str());
      continue;
    }
    if (*info) found.push_back(std::move(**info));  // absent: deleted meanwhile
  }
  return found;
}

model::Result<bool> DirectoryCheckpointStore::Delete(const std::string& name) {
  if (auto valid = CheckName(name); !valid) return std::move(valid).error();
  if (::unlink(PathOf(name).c_str()) != 0) {
    if (errno == ENOENT) return false;
    return SysFailed("cannot delete", PathOf(name));
  }
  SyncDirectory(dir_);
  return true;
}

model::Result<model::CheckpointInfo> MemoryCheckpointStore::Save(const std::string& name,
                                                                 const std::optional<std::string>& account,
                                                                 std::int64_t saved_ms,
                                                                 const std::vector<model::Record>& records) {
  if (auto valid = CheckName(name); !valid) return std::move(valid).error();
  model::CheckpointInfo info = DescribeCheckpoint(name, account, saved_ms, records);
  auto text = std::make_shared<const std::string>(EncodeCheckpoint(info, records));
  info.size_bytes = text->size();
  std::lock_guard lock(mutex_);
  kept_[name] = {info, std::move(text)};
  return info;
}

model::Result<std::optional<model::Checkpoint>> MemoryCheckpointStore::Load(const std::string& name) {
  if (auto valid = CheckName(name); !valid) return std::move(valid).error();
  std::shared_ptr<const std::string> text;
  {
    std::lock_guard lock(mutex_);
    auto it = kept_.find(name);
    if (it == kept_.end()) return std::optional<model::Checkpoint>();
    text = it->second.second;
  }
  auto checkpoint = DecodeCheckpoint(*text);
  if (!checkpoint) return std::move(checkpoint).error();
  return std::optional<model::Checkpoint>(std::move(*checkpoint));
}

model::Result<std::optional<model::CheckpointInfo>> MemoryCheckpointStore::Info(const std::string& name) {
  if (auto valid = CheckName(name); !valid) return std::move(valid).error();
  std::lock_guard lock(mutex_);
  auto it = kept_.find(name);
  if (it == kept_.end()) return std::optional<model::CheckpointInfo>();
  return std::optional<model::CheckpointInfo>(it->second.first);
}

model::Result<std::vector<model::CheckpointInfo>> MemoryCheckpointStore::List() {
  std::vector<model::CheckpointInfo> found;
  std::lock_guard lock(mutex_);
  for (const auto& [name, kept] : kept_) found.push_back(kept.first);
  return found;
}

model::Result<bool> MemoryCheckpointStore::Delete(const std::string& name) {
  if (auto valid = CheckName(name); !valid) return std::move(valid).error();
  std::lock_guard lock(mutex_);
  return kept_.erase(name) > 0;
}

}  // namespace localec2::storage
