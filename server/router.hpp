// Sends each request to the first route whose method and path match it, else to a fallback: how several
// front doors (the EC2 Query API, localec2's own endpoints, later a console or a metadata service) share
// one HttpServer without the transport knowing any of them. Built once in main.cpp, then only read.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "server/http_types.hpp"

namespace localec2::server {

class Router {
 public:
  // As a route's method: any method matches.
  static constexpr std::string_view kAnyMethod = "*";

  // `fallback` answers every request that no route matches.
  explicit Router(HttpHandler fallback);

  // Routes requests with `method` (or kAnyMethod) whose path is exactly `path`. Returns *this.
  Router& Exact(std::string_view method, std::string_view path, HttpHandler handler);
  // Routes requests with `method` (or kAnyMethod) whose path is `prefix` or lies below it: "/console"
  // matches "/console" and "/console/x" but not "/consoles"; a prefix ending in '/' matches what starts
  // with it. Returns *this.
  Router& Prefix(std::string_view method, std::string_view prefix, HttpHandler handler);

  // Answers with the handler of the first route added that matches, else the fallback's. Methods and
  // paths compare exactly (case-sensitive); the query string plays no part. Thread-safe: it only reads.
  HttpResponse Handle(const HttpRequest& request) const;

  // A handler for HttpServer that owns this router, moved into it.
  HttpHandler IntoHandler() &&;

 private:
  struct Route {
    std::string method;
    std::string path;
    bool prefix = false;
    HttpHandler handler;
  };
  static bool Matches(const Route& route, std::string_view method, std::string_view path);

  std::vector<Route> routes_;
  HttpHandler fallback_;
};

}  // namespace localec2::server
