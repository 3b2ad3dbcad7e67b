// User data as cloud-init reads it, turned into the scripts lec2-init runs once per instance id: base64 (as
// RunInstances keeps it), then gzip, then MIME multipart; `#!` parts run as they are; `#cloud-config` parts
// become a shell script doing their write_files, then their runcmd. Pure: no I/O.
#pragma once

#include <string>
#include <vector>

namespace localec2::runtime {

struct UserDataPart {
  std::string name;     // 001-script, 002-cloud-config, …: the order they run in
  std::string content;  // an executable script
};

struct DecodedUserData {
  std::vector<UserDataPart> parts;
  std::vector<std::string> notes;  // parts skipped, and why (shown on the console)
};

// `base64` is the Instance's user_data as recorded. Never throws; what it cannot use becomes a note.
DecodedUserData DecodeUserData(const std::string& base64);

// The #cloud-config document `yaml` as a shell script (write_files, then runcmd); notes for the rest.
std::string CloudConfigScript(const std::string& yaml, std::vector<std::string>& notes);

// Helpers, exposed for the tests.
std::string Base64Decode(const std::string& text);
std::string Gunzip(const std::string& data, bool& ok);
std::string ShellQuote(const std::string& text);

}  // namespace localec2::runtime
