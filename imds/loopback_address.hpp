// Where an instance's metadata service answers on the --imds-port listener: an address of its own in
// 127.0.0.0/8 (every one of them is the local host on Linux), so that an SDK that keeps only the host and
// port of AWS_EC2_METADATA_SERVICE_ENDPOINT (the AWS SDK for JavaScript v3) still reaches one instance.
// The address is a hash of the instance id into the 24 host bits, skipping 127.0.0.0, 127.0.0.1 (the
// main listener's) and 127.255.255.255: two instances share one only by a 1-in-16-million chance.
#pragma once

#include <string>
#include <string_view>

namespace localec2::imds {

// "127.x.y.z" for `instance_id`.
std::string LoopbackAddressOf(std::string_view instance_id);

}  // namespace localec2::imds
