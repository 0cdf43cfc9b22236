# Generates openapi_embedded.h from docs/openapi.yaml, so the binary serves the description it was
# built with (GET /api/v1/openapi.yaml) wherever it is started.
file(READ ${SRC} yaml)
string(FIND "${yaml}" ")fdyaml\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "docs/openapi.yaml contains the raw string delimiter )fdyaml\"")
endif()
file(WRITE ${DST}.tmp "// Generated from docs/openapi.yaml by embed_openapi.cmake. Do not edit.\n#pragma once\n#include <string_view>\nnamespace fd::api {\ninline constexpr std::string_view kOpenApiYaml = R\"fdyaml(${yaml})fdyaml\";\n}  // namespace fd::api\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${DST}.tmp ${DST})
