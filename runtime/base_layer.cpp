#include "runtime/base_layer.hpp"

#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace localec2::runtime {
namespace {

namespace fs = std::filesystem;

constexpr const char* kVersion = "v1";

// Host /etc entries an instance needs for the host's /usr to work (loader cache, alternatives, PAM for sudo,
// shells and profiles); nothing secret.
const std::vector<std::string> kHostEtc = {
    "alternatives", "ld.so.cache", "ld.so.conf", "ld.so.conf.d", "pam.d",
    "security",     "login.defs",  "shells",     "profile",      "profile.d",
    "bash.bashrc",  "environment", "localtime",  "ssl",          "protocols",
    "services",     "inputrc",     "host.conf",  "mime.types",   "skel",
    "sudo.conf",    "default",     "python3",    "python3.11",   "bindresvport.blacklist"};

void Write(const fs::path& path, const std::string& text, mode_t mode) {
  std::ofstream(path) << text;
  chmod(path.c_str(), mode);
}

std::string HostOsValue(const std::string& key) {
  std::ifstream in("/etc/os-release");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + "=", 0) != 0) continue;
    std::string value = line.substr(key.size() + 1);
    if (value.size() >= 2 && value.front() == '"') value = value.substr(1, value.size() - 2);
    return value;
  }
  return "";
}

// The truth: localec2's sandbox on the host's userland (not the AMI's operating system).
std::string OsRelease() {
  const std::string host = HostOsValue("PRETTY_NAME").empty() ? "Linux" : HostOsValue("PRETTY_NAME");
  std::ostringstream out;
  out << "PRETTY_NAME=\"localec2 sandbox (the host's " << host << " userland, not the AMI's OS)\"\n"
      << "NAME=\"localec2 sandbox\"\n"
      << "ID=localec2-sandbox\n"
      << "ID_LIKE=" << (HostOsValue("ID").empty() ? "linux" : HostOsValue("ID")) << "\n"
      << "VERSION_ID=\"" << HostOsValue("VERSION_ID") << "\"\n"
      << "HOME_URL=\"https://github.com/localec2/localec2\"\n";
  return out.str();
}

void Build(const fs::path& layer) {
  const fs::path root = layer / "root", etc = root / "etc";
  for (const char* dir : {"usr",     "etc",     "home",    "root",          "tmp",          "var",
                          "var/tmp", "var/log", "var/lib", "var/lib/cloud", "var/cache",    "var/empty",
                          "run",     "proc",    "dev",     "sys",           "mnt",          "opt",
                          "srv",     "media",   "etc/ssh", "etc/sudoers.d", "home/ec2-user"})
    fs::create_directories(root / dir);
  chmod((root / "tmp").c_str(), 01777);
  chmod((root / "var/tmp").c_str(), 01777);
  chmod((root / "root").c_str(), 0700);
  // Debian 12 merges /usr: the top-level directories are links into it.
  for (const char* link : {"bin", "sbin", "lib", "lib32", "lib64", "libx32"}) {
    std::error_code ec;
    const fs::path host = fs::path("/") / link;
    if (fs::is_symlink(host, ec)) fs::create_symlink(fs::read_symlink(host, ec), root / link, ec);
  }
  for (const std::string& entry : kHostEtc) {
    std::error_code ec;
    const fs::path from = fs::path("/etc") / entry;
    if (!fs::exists(fs::symlink_status(from, ec))) continue;
    fs::copy(from, etc / entry,
             fs::copy_options::recursive | fs::copy_options::copy_symlinks | fs::copy_options::skip_existing,
             ec);
  }
  Write(etc / "passwd",
        "root:x:0:0:root:/root:/bin/bash\n"
        "sshd:x:74:65534:Privilege-separated SSH:/run/sshd:/usr/sbin/nologin\n"
        "ec2-user:x:1000:1000:EC2 Default User:/home/ec2-user:/bin/bash\n"
        "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
        0644);
  Write(etc / "group",
        "root:x:0:\nadm:x:4:ec2-user\ntty:x:5:\nwheel:x:10:ec2-user\nsudo:x:27:ec2-user\nshadow:x:42:\n"
        "ec2-user:x:1000:\nnogroup:x:65534:\n",
        0644);
  // "*", not "!": sshd without PAM refuses a locked ("!") account even for keys.
  Write(etc / "shadow",
        "root:*:19000:0:99999:7:::\nsshd:*:19000:0:99999:7:::\nec2-user:*:19000:0:99999:7:::\n"
        "nobody:*:19000:0:99999:7:::\n",
        0640);
  Write(etc / "gshadow", "root:*::\nwheel:*::ec2-user\nsudo:*::ec2-user\nec2-user:!::\n", 0640);
  Write(etc / "sudoers",
        "Defaults env_reset\nDefaults secure_path=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin\"\n"
        "root ALL=(ALL:ALL) ALL\n@includedir /etc/sudoers.d\n",
        0440);
  Write(etc / "sudoers.d/90-cloud-init-users", "ec2-user ALL=(ALL) NOPASSWD:ALL\n", 0440);
  Write(etc / "nsswitch.conf", "passwd: files\ngroup: files\nshadow: files\nhosts: files\n", 0644);
  Write(etc / "hosts", "127.0.0.1 localhost\n", 0644);
  Write(etc / "resolv.conf", "", 0644);
  Write(etc / "os-release", OsRelease(), 0644);
  Write(etc / "ssh/sshd_config",
        "# localec2 sandbox: ec2-user by public key only, on the instance's own 127.0.0.1:22.\n"
        "ListenAddress 127.0.0.1:22\n"
        "HostKey /etc/ssh/ssh_host_ed25519_key\n"
        "PubkeyAuthentication yes\n"
        "AuthorizedKeysFile .ssh/authorized_keys\n"
        "PasswordAuthentication no\n"
        "KbdInteractiveAuthentication no\n"
        "PermitRootLogin no\n"
        "AllowUsers ec2-user\n"
        "UsePAM no\n"
        "PrintMotd no\n"
        "PidFile /run/sshd.pid\n"
        "Subsystem sftp /usr/lib/openssh/sftp-server\n",
        0644);
  std::error_code ec;
  fs::permissions(root / "home/ec2-user", fs::perms::owner_all, ec);
  // Canonical owners: root everywhere, ec2-user its home (each instance sees them through its idmap).
  for (auto it = fs::recursive_directory_iterator(layer); it != fs::recursive_directory_iterator(); ++it)
    (void)!lchown(it->path().c_str(), 0, 0);
  (void)!lchown((root / "home/ec2-user").c_str(), 1000, 1000);
  // usrmask: over the host's /usr, an opaque /usr/local hides what the host installed there.
  const fs::path local = layer / "usrmask/local";
  for (const char* dir : {"bin", "sbin", "lib", "share", "etc", "include", "src"})
    fs::create_directories(local / dir);
  setxattr(local.c_str(), "user.overlay.opaque", "y", 1, 0);
}

}  // namespace

std::string EnsureBaseLayer(const std::string& sandbox_dir) {
  const fs::path layer = fs::path(sandbox_dir) / "base" / kVersion;
  std::error_code ec;
  if (fs::exists(layer / "ready", ec)) return layer.string();
  const fs::path staging = fs::path(sandbox_dir) / "base" / (std::string(kVersion) + ".building");
  fs::remove_all(staging, ec);
  try {
    fs::create_directories(staging);
    Build(staging);
    std::ofstream(staging / "ready") << "built by localec2\n";
    fs::remove_all(layer, ec);
    fs::rename(staging, layer);
  } catch (const std::exception& e) {
    return std::string("error: cannot build the base layer: ") + e.what();
  }
  return layer.string();
}

}  // namespace localec2::runtime
