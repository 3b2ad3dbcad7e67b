// Test tool: exposes the protocol layer to botocore-driven tests. Reads JSON lines on stdin, answers one
// JSON line each:
//   {"parse": "<Action>", "body": "<form body>"}      → {"input": {...}} or {"error": {"code", "message"}}
//   {"serialize": "<Action>", "output": {...}}        → {"xml": "..."} or {"error": {"code", "message"}}
#include <iostream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "api/protocol/input_parser.hpp"
#include "api/protocol/output_serializer.hpp"
#include "wire/form_decoder.hpp"

using nlohmann::json;
using namespace localec2::api;

namespace {

json Error(const std::string& code, const std::string& message) {
  return {{"error", {{"code", code}, {"message", message}}}};
}

json Answer(const json& request) {
  const ServiceModel& model = ServiceModel::Ec2();
  const bool parse = request.contains("parse");
  const OperationDef* op = model.FindOperation(request.value(parse ? "parse" : "serialize", ""));
  if (op == nullptr) return Error("InvalidAction", "unknown operation");
  if (parse) {
    auto params = localec2::wire::DecodeForm(request.value("body", ""));
    if (!params) return Error(params.error().code, params.error().message);
    auto input = ParseInput(model, *op, *params);
    if (!input) return Error(input.error().code, input.error().message);
    return {{"input", *input}};
  }
  try {
    return {{"xml", SerializeOutput(model, *op, request.at("output"), "req-1")}};
  } catch (const std::logic_error& e) {
    return Error("LogicError", e.what());
  }
}

}  // namespace

int main() {
  std::string line;
  while (std::getline(std::cin, line)) {
    std::cout << Answer(json::parse(line)).dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
  }
  return 0;
}
