# Generates common_passwords_embedded.h from data/common-passwords.txt, so the binary carries the list
# of common passwords it refuses and never reads or downloads it at run time.
file(READ ${SRC} text)
string(FIND "${text}" ")fdpw\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${SRC} contains the raw-string delimiter )fdpw\"")
endif()
set(out "// Generated from data/common-passwords.txt by src/app/embed_common_passwords.cmake. Do not edit.\n#pragma once\n#include <string_view>\nnamespace fd::app {\n// An array with its length, not a string_view from a pointer: measuring 640 KB at compile time\n// would exceed the compiler's constexpr loop limit.\ninline constexpr char kShippedCommonPasswordsText[] = R\"fdpw(${text})fdpw\";\ninline constexpr std::string_view kShippedCommonPasswords{kShippedCommonPasswordsText, sizeof(kShippedCommonPasswordsText) - 1};\n}  // namespace fd::app\n")
file(WRITE ${DST}.tmp "${out}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${DST}.tmp ${DST})
