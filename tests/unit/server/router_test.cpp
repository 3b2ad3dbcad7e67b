#include "server/router.hpp"

#include <catch2/catch.hpp>
#include <string>

using namespace localec2::server;

namespace {

// A handler that answers with its own name, so a test can see which one a request reached.
HttpHandler Named(std::string name) {
  return [name](const HttpRequest&) { return HttpResponse{200, "text/plain", name, name, ""}; };
}

HttpRequest Request(std::string method, std::string target) {
  return {std::move(method), std::move(target), {}, "", "127.0.0.1"};
}

std::string Route(const Router& router, std::string method, std::string target) {
  return router.Handle(Request(std::move(method), std::move(target))).body;
}

}  // namespace

TEST_CASE("a route matches its method and exact path, anything else falls back", "[server][router]") {
  Router router(Named("fallback"));
  router.Exact("GET", "/_localec2/health", Named("health"));
  CHECK(Route(router, "GET", "/_localec2/health") == "health");
  CHECK(Route(router, "GET", "/_localec2/health?x=1&%zz") == "health");  // the query plays no part
  CHECK(Route(router, "POST", "/_localec2/health") == "fallback");
  CHECK(Route(router, "HEAD", "/_localec2/health") == "fallback");
  CHECK(Route(router, "get", "/_localec2/health") == "fallback");  // methods are case-sensitive
  CHECK(Route(router, "GET", "/_LOCALEC2/health") == "fallback");
  CHECK(Route(router, "GET", "/_localec2/health/") == "fallback");
  CHECK(Route(router, "GET", "/_localec2/healthz") == "fallback");
  CHECK(Route(router, "GET", "/") == "fallback");
  CHECK(Route(router, "GET", "") == "fallback");
}

TEST_CASE("prefix routes claim whole path segments, and the first match wins", "[server][router]") {
  Router router(Named("fallback"));
  router.Exact("GET", "/console/special", Named("special"))
      .Prefix(Router::kAnyMethod, "/console", Named("console"))
      .Prefix("GET", "/static/", Named("static"))
      .Exact(Router::kAnyMethod, "/console/special", Named("never"));
  CHECK(Route(router, "GET", "/console/special") == "special");
  CHECK(Route(router, "POST", "/console/special") == "console");  // the first route wants GET
  CHECK(Route(router, "DELETE", "/console") == "console");
  CHECK(Route(router, "GET", "/console/a/b?c=d") == "console");
  CHECK(Route(router, "GET", "/consoles") == "fallback");
  CHECK(Route(router, "GET", "/static/app.js") == "static");
  CHECK(Route(router, "GET", "/static/") == "static");
  CHECK(Route(router, "GET", "/static") == "fallback");  // the prefix is "/static/"
  CHECK(Route(router, "POST", "/static/app.js") == "fallback");
}

TEST_CASE("a router with no routes sends everything to the fallback, also as a handler", "[server][router]") {
  Router router(Named("fallback"));
  router.Exact("GET", "/a", Named("a"));
  HttpHandler handler = std::move(router).IntoHandler();
  HttpHandler copy = handler;  // copies share the one router
  CHECK(copy(Request("GET", "/a")).body == "a");
  CHECK(handler(Request("GET", std::string(1 << 20, '/'))).body == "fallback");  // a huge path
  CHECK(Route(Router(Named("fallback")), "PATCH", "/anything") == "fallback");
}
