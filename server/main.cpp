// The composition root: configuration, storage, the model, and the front doors (localec2's own endpoints,
// the EC2 Query api as the fallback) routed behind the HTTP server.
#include <malloc.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "api/auth/caller_identity.hpp"
#include "api/dispatcher.hpp"
#include "console/console.hpp"
#include "control/control.hpp"
#include "control/state_document.hpp"
#include "imds/loopback_address.hpp"
#include "imds/metadata_service.hpp"
#include "model/core/checkpoint_store.hpp"
#include "model/core/ec2.hpp"
#include "model/core/error_codes.hpp"
#include "platform/key_sources.hpp"
#include "platform/random_id_source.hpp"
#include "platform/system_clock.hpp"
#include "runtime/runtime_store.hpp"
#include "runtime/sandbox_runtime.hpp"
#include "runtime/self_test.hpp"
#include "server/config.hpp"
#include "server/http_server.hpp"
#include "server/router.hpp"
#include "storage/catalog_file.hpp"
#include "storage/checkpoint_stores.hpp"
#include "storage/record_codec.hpp"
#include "storage/sqlite_store.hpp"

namespace {

using namespace localec2;

server::HttpResponse ToHttp(api::ApiResponse response) {
  std::string note = response.action.empty() ? "-" : response.action;
  if (!response.error_code.empty()) note += " " + response.error_code;
  return {response.status, std::move(response.content_type), std::move(response.body), std::move(note),
          std::move(response.request_id)};
}

server::HttpResponse ToHttp(control::ControlResponse response) {
  return {response.status, std::move(response.content_type), std::move(response.body),
          std::move(response.log_note), ""};
}

server::HttpResponse ToHttp(imds::ImdsResponse response) {
  return {response.status, std::move(response.content_type), std::move(response.body),
          std::move(response.log_note), ""};
}

imds::ImdsRequest ToImds(const server::HttpRequest& request) {
  return {request.method, request.Path(), request.Query(), request.headers, request.local_address};
}

control::ControlRequest ToControl(const server::HttpRequest& request) {
  return {request.method, request.Path(), request.Query(), request.headers, request.body};
}

// The EC2 Query api answers whatever no other front door claims, as it did when it was the only one
// (but a browser asking `/` for a page is sent to the console).
server::Router BuildRouter(const api::Dispatcher& dispatcher, const control::Control& control,
                           const imds::MetadataService& metadata, const console::Console& console) {
  server::Router router([&dispatcher](const server::HttpRequest& request) {
    if (console::Console::WantsConsole(request.method, request.Path(), request.Query(),
                                       request.Header("accept")))
      return ToHttp(console::Console::RedirectPage());
    api::ApiRequest api_request{request.method,
                                request.Path(),
                                request.Query(),
                                request.Header("content-type"),
                                request.Header("authorization"),
                                request.body,
                                request.headers};
    return ToHttp(dispatcher.Handle(api_request));
  });
  std::vector<control::Endpoint> endpoints = control.Endpoints();
  for (control::Endpoint& endpoint : console.Endpoints()) endpoints.push_back(std::move(endpoint));
  for (control::Endpoint& endpoint : endpoints) {
    auto handler = [handler = std::move(endpoint.handler)](const server::HttpRequest& request) {
      return ToHttp(handler(ToControl(request)));
    };
    if (endpoint.below) {
      router.Prefix(endpoint.method, endpoint.path, std::move(handler));
    } else {
      router.Exact(endpoint.method, endpoint.path, std::move(handler));
    }
  }
  router.Prefix(
      server::Router::kAnyMethod, imds::kImdsPrefix,
      [&metadata](const server::HttpRequest& request) { return ToHttp(metadata.Handle(ToImds(request))); });
  router.Prefix("GET", imds::kInstancesPrefix, [&metadata](const server::HttpRequest& request) {
    return ToHttp(metadata.InstanceView(ToImds(request)));
  });
  return router;
}

// The metadata service's secret: random per start, so its tokens and role credentials are unguessable
// (and those issued before a restart are refused after it).
std::string NewServerSecret() {
  std::random_device random;
  std::string secret(32, '\0');
  for (char& c : secret) c = static_cast<char>(random() & 0xff);
  return secret;
}

// The metadata service identifies the signer of /_localec2/instances/ as the EC2 API does: verified in
// strict mode, read from the credential scope otherwise; unsigned requests name ?account= and ?region=.
imds::ImdsOptions ImdsOptionsFor(const std::optional<api::CredentialStore>& credentials,
                                 const model::Ec2& ec2, const std::string& default_account,
                                 const std::string& secret) {
  imds::ImdsOptions options;
  options.server_secret = secret;
  options.default_account = default_account;
  options.identify = [&ec2, credentials, default_account](
                         const imds::ImdsRequest& request) -> model::Result<std::optional<model::Caller>> {
    std::string_view authorization;
    for (const auto& [name, value] : request.headers) {
      if (name == "authorization") authorization = value;
    }
    if (credentials) {
      api::SignedRequest signed_request{request.method, request.path, request.query, request.headers, ""};
      auto caller = api::AuthenticateCaller(signed_request, *credentials, ec2.clock().NowMs());
      if (!caller) return std::move(caller).error();
      return std::optional<model::Caller>(std::move(*caller));
    }
    if (authorization.empty()) return std::optional<model::Caller>();
    auto caller = api::IdentifyCaller(authorization, wire::FormParams(), default_account);
    if (!caller) return std::move(caller).error();
    return std::optional<model::Caller>(std::move(*caller));
  };
  return options;
}

// The keys --auth strict accepts (--credentials text or --credentials-file), or nullopt without it.
model::Result<std::optional<api::CredentialStore>> LoadCredentials(const server::Config& config) {
  if (!config.auth_strict) return std::optional<api::CredentialStore>();
  std::string text = config.credentials;
  if (!config.credentials_path.empty()) {
    std::ifstream file(config.credentials_path);
    if (!file) return model::Error{"", "cannot read credentials file '" + config.credentials_path + "'"};
    text.assign(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
  }
  auto parsed = api::CredentialStore::Parse(text);
  if (!parsed) return model::Error{"", "--auth strict: " + parsed.error().message};
  return std::optional<api::CredentialStore>(std::move(*parsed));
}

// The state export and import write and read records with storage's codec (control/ does not see storage/).
const control::RecordCodec kRecordCodec{
    [](const model::Resource& resource) { return storage::GenericEncoding(resource); },
    [](std::string_view type, const nlohmann::json& body) {
      return storage::DecodeResourceJson(type, body);
    }};

// localec2's own endpoints check signatures with the api's SigV4 and refuse in its XML envelope, as
// they did when reset lived in the dispatcher.
control::ControlOptions ControlOptionsFor(const std::optional<api::CredentialStore>& credentials,
                                          const model::Ec2& ec2, const std::string& default_account) {
  control::ControlOptions options;
  options.version = LOCALEC2_VERSION;
  options.default_account = default_account;
  options.render_error = [](const model::Error& error) {
    api::ApiResponse refusal = api::Dispatcher::ErrorEnvelope(error);
    return control::ControlResponse{refusal.status, std::move(refusal.content_type), std::move(refusal.body),
                                    ""};
  };
  if (credentials) {
    options.authenticate = [&ec2, keys = *credentials](const control::ControlRequest& request) {
      api::SignedRequest signed_request{request.method, request.path, request.query, request.headers,
                                        request.body};
      return api::AuthenticateCaller(signed_request, keys, ec2.clock().NowMs());
    };
  }
  return options;
}

// The console acts as the default account, or under --auth strict as the account of the keys its user
// enters (checked against the same keys the Query API accepts).
console::ConsoleOptions ConsoleOptionsFor(const std::optional<api::CredentialStore>& credentials,
                                          const server::Config& config) {
  console::ConsoleOptions options;
  options.default_account = config.default_account_id;
  options.max_api_body_bytes = config.max_body_bytes;
  if (credentials) {
    options.account_of_keys = [keys = *credentials](const std::string& key_id,
                                                    const std::string& secret) -> model::Result<std::string> {
      const api::Credential* found = keys.Find(key_id);
      if (found == nullptr || found->secret_access_key != secret) {
        return model::Error{std::string(model::codes::kAuthFailure),
                            "AWS was not able to validate the provided access credentials"};
      }
      return found->account_id;
    };
  }
  return options;
}

server::ServerOptions ServerOptionsFrom(const server::Config& config) {
  server::ServerOptions options;
  options.host = config.host;
  options.port = config.port;
  options.threads = config.threads;
  options.body_limit = config.max_body_bytes;
  options.header_limit = config.max_header_bytes;
  options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  options.max_connections = config.max_connections;
  options.request_log = config.request_log;
  return options;
}

// The --imds-port listener: on every address (so each instance's 127.x.y.z reaches it), answering only
// for the instance whose loopback address the client connected to; any other address finds none (404).
std::unique_ptr<server::HttpServer> ImdsListener(const server::Config& config,
                                                 const imds::MetadataService& metadata) {
  server::ServerOptions options = ServerOptionsFrom(config);
  options.host = "0.0.0.0";
  options.port = static_cast<std::uint16_t>(config.imds_port);
  return std::make_unique<server::HttpServer>(
      options,
      [&metadata](const server::HttpRequest& request) {
        return ToHttp(metadata.HandleLoopback(ToImds(request)));
      },
      [](int status, std::string_view reason) {
        return ToHttp(api::Dispatcher::TransportError(status, reason));
      });
}

// --restore-checkpoint: replaces the loaded state with checkpoint `name` (its account's, or all).
// Returns why it could not, or "".
std::string RestoreCheckpoint(model::CheckpointStore& checkpoints, model::Ec2& ec2, const std::string& name) {
  auto loaded = checkpoints.Load(name);
  if (!loaded) return "--restore-checkpoint " + name + ": " + loaded.error().message;
  if (!*loaded) return "--restore-checkpoint: there is no checkpoint named '" + name + "'";
  const size_t count = (*loaded)->records.size();
  if (auto replaced = ec2.ReplaceState(std::move((*loaded)->records), (*loaded)->info.account); !replaced) {
    return "--restore-checkpoint " + name + ": " + replaced.error().message;
  }
  std::printf("localec2: restored checkpoint %s (%zu resources)\n", name.c_str(), count);
  return "";
}

// --instances=sandbox: the checks that refuse an unsafe or impossible start, then the runtime (not booting
// anything yet). `error` is set when sandbox mode must not start.
std::unique_ptr<runtime::SandboxRuntime> StartSandbox(const server::Config& config,
                                                      const std::string& sandbox_dir, std::string& error) {
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  runtime::HostCheck check{config.host, config.auth_strict, sandbox_dir,
                           (self.parent_path() / "lec2-init").string(), config.instance_uid_base};
  std::filesystem::create_directories(sandbox_dir, ec);
  error = runtime::CheckSandboxHost(check);
  if (!error.empty()) return nullptr;
  runtime::SandboxOptions options;
  options.sandbox_dir = sandbox_dir;
  options.init_path = check.init_path;
  options.uid_base = config.instance_uid_base;
  options.ssh_port_first = config.ssh_port_first;
  options.ssh_port_last = config.ssh_port_last;
  auto sandbox = std::make_unique<runtime::SandboxRuntime>(options);
  error = sandbox->Start();
  if (!error.empty()) return nullptr;
  std::printf("localec2: --instances=sandbox: instances really run, under %s; limits by %s\n",
              sandbox_dir.c_str(), runtime::SandboxRuntime::LimitsMechanism().c_str());
  return sandbox;
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "localec2: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  server::ConfigResult parsed = server::ParseConfig(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed.error.empty()) {
    std::fprintf(stderr, "localec2: %s\n", parsed.error.c_str());
    return 2;
  }
  const server::Config& config = parsed.config;
  if (config.help) {
    std::fputs(server::UsageText().c_str(), stdout);
    return 0;
  }

  // A file size limit (RLIMIT_FSIZE) must fail the write, which SQLite reports, not kill the server.
  std::signal(SIGXFSZ, SIG_IGN);

  const auto load_start = std::chrono::steady_clock::now();
  std::unique_ptr<model::Store> store = std::make_unique<model::NullStore>();
  storage::SqliteStore* sqlite_store = nullptr;
  std::string where = "in memory";
  if (!config.in_memory) {
    std::error_code ec;
    std::filesystem::create_directories(config.data_dir, ec);
    if (ec) return Fail("cannot create data directory '" + config.data_dir + "': " + ec.message());
    where = (std::filesystem::path(config.data_dir) / "localec2.db").string();
    auto sqlite = storage::SqliteStore::Open(where);
    if (!sqlite) return Fail(sqlite.error().message);
    sqlite_store = sqlite->get();
    store = std::move(*sqlite);
  }
  // Sandbox mode drives its runtime from the model's commits, through a Store decorator.
  std::unique_ptr<runtime::SandboxRuntime> sandbox;
  std::unique_ptr<model::Store> sandbox_store;
  std::string sandbox_dir;
  if (config.sandbox) {
    if (config.in_memory) {
      char scratch[] = "/var/tmp/localec2-sandbox-XXXXXX";
      if (mkdtemp(scratch) == nullptr) return Fail("cannot create a scratch directory for the sandboxes");
      sandbox_dir = scratch;
    } else {
      sandbox_dir = (std::filesystem::path(config.data_dir) / "sandbox").string();
    }
    std::string error;
    sandbox = StartSandbox(config, sandbox_dir, error);
    if (!sandbox) {
      std::fprintf(stderr, "localec2: --instances=sandbox refused: %s\n", error.c_str());
      if (config.in_memory) std::filesystem::remove_all(sandbox_dir);
      return 2;
    }
    sandbox_store = std::make_unique<runtime::RuntimeStore>(*store, *sandbox);
  }
  platform::SystemClock clock;
  platform::RandomIdSource ids;
  platform::PooledKeySource keys(8);
  model::Ec2 ec2(sandbox_store ? *sandbox_store : *store, clock, ids, keys);
  ec2.SetRuntimeView(sandbox.get());
  ec2.SetLifecycleTiming({config.transition_delay_seconds * 1000LL, 60 * 60 * 1000LL});
  if (!config.catalog_path.empty()) {
    auto catalog = storage::LoadCatalogFile(config.catalog_path);
    if (!catalog) return Fail(catalog.error().message);
    ec2.SetCatalog(std::move(*catalog));
  }
  size_t loaded_count = 0;
  if (sqlite_store != nullptr) {
    // Each chunk goes into the model as soon as it is decoded: the records are never held twice.
    auto loaded =
        sqlite_store->LoadInto([&](std::vector<model::Record> chunk) { ec2.Restore(std::move(chunk)); });
    if (!loaded) return Fail(loaded.error().message);
    loaded_count = *loaded;
    malloc_trim(0);  // the decoders' scratch memory goes back to the system, not into the resident size
  }
  // Instances recorded as running boot again, as after a host reboot.
  if (sandbox) sandbox->Restore(ec2.Records(std::nullopt));
  std::unique_ptr<model::CheckpointStore> checkpoints;
  if (config.in_memory) {
    checkpoints = std::make_unique<storage::MemoryCheckpointStore>();
  } else {
    checkpoints = std::make_unique<storage::DirectoryCheckpointStore>(std::filesystem::path(config.data_dir) /
                                                                      "checkpoints");
  }
  if (!config.restore_checkpoint.empty()) {
    if (std::string error = RestoreCheckpoint(*checkpoints, ec2, config.restore_checkpoint); !error.empty()) {
      return Fail(error);
    }
  }
  const double load_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - load_start).count();

  auto credentials = LoadCredentials(config);
  if (!credentials) return Fail(credentials.error().message);
  // The metadata service's role credentials are accepted by --auth strict, until they expire.
  const std::string imds_secret = NewServerSecret();
  if (*credentials) (*credentials)->AcceptRoleCredentials(imds_secret);
  api::DispatcherOptions dispatcher_options;
  dispatcher_options.default_account_id = config.default_account_id;
  dispatcher_options.credentials = *credentials;
  api::Dispatcher dispatcher(std::move(dispatcher_options), ec2);
  control::ControlOptions control_options = ControlOptionsFor(*credentials, ec2, config.default_account_id);
  control_options.checkpoints = checkpoints.get();
  control_options.record_codec = &kRecordCodec;
  control::Control control(std::move(control_options), ec2);
  imds::MetadataService metadata(ImdsOptionsFor(*credentials, ec2, config.default_account_id, imds_secret),
                                 ec2);
  console::Console console(ConsoleOptionsFor(*credentials, config), ec2);

  server::HttpServer http(ServerOptionsFrom(config),
                          BuildRouter(dispatcher, control, metadata, console).IntoHandler(),
                          [](int status, std::string_view reason) {
                            return ToHttp(api::Dispatcher::TransportError(status, reason));
                          });
  if (std::string error = http.Listen(); !error.empty()) return Fail(error);
  std::unique_ptr<server::HttpServer> imds_http;
  // Sandbox mode relays the metadata service inside each instance to this listener (on any free port
  // unless --imds-port names one).
  if (config.imds_port >= 0 || sandbox) {
    server::Config imds_config = config;
    if (imds_config.imds_port < 0) imds_config.imds_port = 0;
    imds_http = ImdsListener(imds_config, metadata);
    if (std::string error = imds_http->Listen(); !error.empty()) return Fail("--imds-port: " + error);
    metadata.SetLoopbackPort(imds_http->port());
    if (sandbox) sandbox->SetMetadataEndpoint(imds::LoopbackAddressOf, imds_http->port());
    std::printf("localec2 instance metadata at http://127.x.y.z:%u/, one loopback address per instance\n",
                imds_http->port());
  }
  std::printf("localec2 %s listening on http://%s:%u (state: %s, %zu resources loaded in %.1f ms)\n",
              LOCALEC2_VERSION, config.host.c_str(), http.port(), where.c_str(), loaded_count, load_ms);
  std::fflush(stdout);
  std::thread imds_thread;
  if (imds_http) imds_thread = std::thread([&imds_http] { imds_http->Run(); });
  http.Run();
  if (imds_http) {
    imds_http->Stop();
    imds_thread.join();
  }
  if (sandbox) {
    sandbox->StopAll();
    if (config.in_memory) {
      std::error_code ec;
      std::filesystem::remove_all(sandbox_dir, ec);
    }
  }
  std::printf("localec2 stopped\n");
  return 0;
}
