#include "server/router.hpp"

#include <memory>
#include <utility>

namespace localec2::server {

Router::Router(HttpHandler fallback) : fallback_(std::move(fallback)) {}

Router& Router::Exact(std::string_view method, std::string_view path, HttpHandler handler) {
  routes_.push_back({std::string(method), std::string(path), false, std::move(handler)});
  return *this;
}

Router& Router::Prefix(std::string_view method, std::string_view prefix, HttpHandler handler) {
  routes_.push_back({std::string(method), std::string(prefix), true, std::move(handler)});
  return *this;
}

bool Router::Matches(const Route& route, std::string_view method, std::string_view path) {
  if (route.method != kAnyMethod && route.method != method) return false;
  if (!route.prefix) return path == route.path;
  if (!path.starts_with(route.path)) return false;
  // Whole segments only, so that "/console" does not also claim "/consoles".
  return path.size() == route.path.size() || route.path.ends_with('/') || path[route.path.size()] == '/';
}

HttpResponse Router::Handle(const HttpRequest& request) const {
  const std::string_view path = request.Path();
  for (const Route& route : routes_) {
    if (Matches(route, request.method, path)) return route.handler(request);
  }
  return fallback_(request);
}

HttpHandler Router::IntoHandler() && {
  // Shared, because HttpHandler is a copyable std::function.
  auto router = std::make_shared<const Router>(std::move(*this));
  return [router](const HttpRequest& request) { return router->Handle(request); };
}

}  // namespace localec2::server
