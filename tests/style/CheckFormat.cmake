cmake_minimum_required(VERSION 3.25)
# Every C++ source and header of the project is formatted as .clang-format says (clang-format 14, as Debian 12 has
# it; another version formats some constructs differently). Fails listing the files to run `clang-format -i` on.
file(GLOB_RECURSE sources ${SOURCE_DIR}/core/*.h ${SOURCE_DIR}/core/*.cpp ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/app/*.cpp
     ${SOURCE_DIR}/widgets/*.h ${SOURCE_DIR}/widgets/*.cpp ${SOURCE_DIR}/tests/*.h ${SOURCE_DIR}/tests/*.cpp)
list(LENGTH sources count)
if(count EQUAL 0)
  message(FATAL_ERROR "no sources found under ${SOURCE_DIR}")
endif()
# One run over all files; its warnings name each file that would change.
execute_process(COMMAND ${CLANG_FORMAT} --style=file --dry-run --Werror ${sources} RESULT_VARIABLE rc
                ERROR_VARIABLE warnings OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  string(REGEX MATCHALL "[^\n]+: (error|warning): code should be clang-formatted" lines "${warnings}")
  set(unformatted "")
  foreach(line IN LISTS lines)
    string(REGEX REPLACE ":[0-9]+:[0-9]+: (error|warning): .*" "" file "${line}")
    list(APPEND unformatted ${file})
  endforeach()
  list(REMOVE_DUPLICATES unformatted)
  string(REPLACE ";" "\n" unformatted "${unformatted}")
  message(FATAL_ERROR "not formatted as .clang-format says (run ${CLANG_FORMAT} -i on them):\n${unformatted}\n"
                      "(exit code ${rc})")
endif()
message(STATUS "${count} files formatted as .clang-format says")
