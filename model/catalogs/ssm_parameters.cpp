#include "model/catalogs/ssm_parameters.hpp"

namespace localec2::model {
namespace {

// Public parameter path → the catalog images it resolves to (the newest wins): name prefix, architecture.
struct SsmParameter {
  std::string_view path;
  std::string_view image_prefix;
  std::string_view architecture;
};

constexpr SsmParameter kParameters[] = {
    // Amazon Linux 2023 and 2.
    {"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", "al2023-ami-2023.", "x86_64"},
    {"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64", "al2023-ami-2023.", "x86_64"},
    {"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64", "al2023-ami-2023.", "arm64"},
    {"/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64", "al2023-ami-2023.", "arm64"},
    {"/aws/service/ami-amazon-linux-latest/amzn2-ami-kernel-5.10-hvm-x86_64-gp2",
     "amzn2-ami-kernel-5.10-hvm-", "x86_64"},
    {"/aws/service/ami-amazon-linux-latest/amzn2-ami-kernel-5.10-hvm-arm64-gp2", "amzn2-ami-kernel-5.10-hvm-",
     "arm64"},
    // Ubuntu (Canonical), by version and by code name.
    {"/aws/service/canonical/ubuntu/server/24.04/stable/current/amd64/hvm/ebs-gp3/ami-id",
     "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-", "x86_64"},
    {"/aws/service/canonical/ubuntu/server/24.04/stable/current/arm64/hvm/ebs-gp3/ami-id",
     "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-", "arm64"},
    {"/aws/service/canonical/ubuntu/server/noble/stable/current/amd64/hvm/ebs-gp3/ami-id",
     "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-", "x86_64"},
    {"/aws/service/canonical/ubuntu/server/noble/stable/current/arm64/hvm/ebs-gp3/ami-id",
     "ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-arm64-server-", "arm64"},
    {"/aws/service/canonical/ubuntu/server/22.04/stable/current/amd64/hvm/ebs-gp2/ami-id",
     "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-", "x86_64"},
    {"/aws/service/canonical/ubuntu/server/22.04/stable/current/arm64/hvm/ebs-gp2/ami-id",
     "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-", "arm64"},
    {"/aws/service/canonical/ubuntu/server/jammy/stable/current/amd64/hvm/ebs-gp2/ami-id",
     "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-", "x86_64"},
    {"/aws/service/canonical/ubuntu/server/jammy/stable/current/arm64/hvm/ebs-gp2/ami-id",
     "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-", "arm64"},
    // Windows Server.
    {"/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base",
     "Windows_Server-2022-English-Full-Base-", "x86_64"},
    {"/aws/service/ami-windows-latest/Windows_Server-2025-English-Full-Base",
     "Windows_Server-2025-English-Full-Base-", "x86_64"},
    // Debian, by release number and code name.
    {"/aws/service/debian/release/13/latest/amd64", "debian-13-amd64-", "x86_64"},
    {"/aws/service/debian/release/13/latest/arm64", "debian-13-arm64-", "arm64"},
    {"/aws/service/debian/release/trixie/latest/amd64", "debian-13-amd64-", "x86_64"},
    {"/aws/service/debian/release/trixie/latest/arm64", "debian-13-arm64-", "arm64"},
    // SUSE Linux Enterprise Server.
    {"/aws/service/suse/sles/15-sp7/x86_64/latest", "suse-sles-15-sp7-", "x86_64"},
    {"/aws/service/suse/sles/15-sp7/arm64/latest", "suse-sles-15-sp7-", "arm64"},
};

}  // namespace

std::optional<SsmImage> SsmParameterImage(std::string_view path) {
  for (const SsmParameter& parameter : kParameters) {
    if (parameter.path == path) return SsmImage{parameter.image_prefix, parameter.architecture};
  }
  return std::nullopt;
}

}  // namespace localec2::model
