#include "console/console.hpp"

#include <string>
#include <utility>

#include "console/assets.hpp"

namespace localec2::console {
namespace {

control::ControlResponse Text(int status, std::string body, std::string note) {
  return {status, "text/plain; charset=utf-8", std::move(body), std::move(note)};
}

// A file name is plain: no parent or empty segments, no escapes, no backslashes.
bool IsPlainName(std::string_view name) {
  if (name.starts_with('/') || name.find("..") != std::string_view::npos ||
      name.find("//") != std::string_view::npos)
    return false;
  return name.find_first_of("%\\") == std::string_view::npos;
}

}  // namespace

Console::Console(ConsoleOptions options, model::Ec2& ec2) : options_(std::move(options)), ec2_(ec2) {}

control::ControlResponse Console::StaticFile(const control::ControlRequest& request) const noexcept {
  try {
    if (request.method != "GET")
      return Text(405, "MethodNotAllowed: console files are read with GET.\n", "console 405");
    std::string_view path = request.path;
    path.remove_prefix(kConsolePath.size());
    if (path.empty()) return RedirectPage();
    path.remove_prefix(1);  // the '/' after the prefix
    if (!IsPlainName(path))
      return Text(400, "InvalidRequest: the path is not a console file name.\n", "console 400");
    std::string_view name = path.empty() ? std::string_view("index.html") : path;
    const Asset* asset = FindAsset(name);
    if (asset == nullptr)
      return Text(404, "NotFound: no console file is named '" + std::string(name) + "'.\n", "console 404");
    return {200, std::string(asset->content_type), std::string(asset->body), "console"};
  } catch (...) {
    return {500, "text/plain", "", "console 500"};
  }
}

bool Console::WantsConsole(std::string_view method, std::string_view path, std::string_view query,
                           std::string_view accept) {
  return method == "GET" && path == "/" && query.empty() &&
         accept.find("text/html") != std::string_view::npos;
}

control::ControlResponse Console::RedirectPage() {
  return {200, "text/html; charset=utf-8",
          "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
          "<meta http-equiv=\"refresh\" content=\"0; url=/_localec2/console/\"><title>localec2</title></head>"
          "<body><p><a href=\"/_localec2/console/\">Open the localec2 console</a></p></body></html>",
          "console redirect"};
}

std::vector<control::Endpoint> Console::Endpoints() const {
  const std::string_view api_path = "/_localec2/console/api";
  return {
      {"*", api_path, [this](const control::ControlRequest& request) { return Api(request); }, false},
      {"*", kConsolePath, [this](const control::ControlRequest& request) { return StaticFile(request); },
       true},
  };
}

}  // namespace localec2::console
