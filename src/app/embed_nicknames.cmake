# Generates nicknames_embedded.h from data/nicknames.csv, so the binary carries the nickname list
# the matcher uses and never reads it from the working directory at run time.
file(READ ${SRC} csv)
string(FIND "${csv}" ")fdcsv\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${SRC} contains the raw-string delimiter )fdcsv\"")
endif()
set(out "// Generated from data/nicknames.csv by src/app/embed_nicknames.cmake. Do not edit.\n#pragma once\n#include <string_view>\nnamespace fd::app {\ninline constexpr std::string_view kShippedNicknames = R\"fdcsv(${csv})fdcsv\";\n}  // namespace fd::app\n")
file(WRITE ${DST}.tmp "${out}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${DST}.tmp ${DST})
