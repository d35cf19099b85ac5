cmake_minimum_required(VERSION 3.25)
# The dependency rules inside core and between the front ends (DESIGN.md's arrows): a layer's headers and sources
# (core/include/vindex/L, core/private/vindex/L, core/src/L) include no header of a layer it must not know; widgets/
# includes nothing of app/. -DPLANTED=<file> -DPLANTED_LAYER=<layer>: also check that file as if it were in that
# layer (the self-test that shows a rule bites).
set(rules
    "core:io,data,models,spaces,decode,train,eval,report"
    "io:data,models,spaces,decode,train,eval,report"
    "models:data,spaces,decode,train,report"
    "eval:models,spaces,decode,train"
    "train:decode")
set(offenders "")
set(checked 0)
function(check_includes layer forbidden files)
  foreach(source IN LISTS files)
    file(STRINGS ${source} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"vindex/")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"vindex/([a-z]+)/.*" "\\1" used "${line}")
      if(used IN_LIST forbidden)
        list(APPEND offenders "${source}: ${layer} must not include ${used}/ (${line})")
      endif()
    endforeach()
  endforeach()
  set(offenders "${offenders}" PARENT_SCOPE)
endfunction()
foreach(rule IN LISTS rules)
  string(REPLACE ":" ";" parts "${rule}")
  list(GET parts 0 layer)
  list(GET parts 1 forbidden)
  string(REPLACE "," ";" forbidden "${forbidden}")
  file(GLOB_RECURSE files ${SOURCE_DIR}/core/include/vindex/${layer}/* ${SOURCE_DIR}/core/private/vindex/${layer}/*
       ${SOURCE_DIR}/core/src/${layer}/*)
  if(NOT files)
    message(FATAL_ERROR "no files found for the ${layer} layer")
  endif()
  if(PLANTED AND PLANTED_LAYER STREQUAL layer)
    list(APPEND files ${PLANTED})
  endif()
  list(LENGTH files count)
  math(EXPR checked "${checked} + ${count}")
  check_includes(${layer} "${forbidden}" "${files}")
endforeach()

# widgets/ knows nothing of app/: no include names a file that exists under app/ and not under widgets/.
file(GLOB_RECURSE widgetFiles ${SOURCE_DIR}/widgets/*.h ${SOURCE_DIR}/widgets/*.cpp)
if(PLANTED AND PLANTED_LAYER STREQUAL "widgets")
  list(APPEND widgetFiles ${PLANTED})
endif()
foreach(source IN LISTS widgetFiles)
  file(STRINGS ${source} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([^\"]+)\".*" "\\1" header "${line}")
    get_filename_component(name "${header}" NAME)
    file(GLOB_RECURSE inApp ${SOURCE_DIR}/app/${name} ${SOURCE_DIR}/app/*/${name})
    if(inApp AND NOT EXISTS ${SOURCE_DIR}/widgets/${header})
      list(APPEND offenders "${source}: widgets must not include app's ${header}")
    endif()
  endforeach()
endforeach()
list(LENGTH widgetFiles widgetCount)
math(EXPR checked "${checked} + ${widgetCount}")

if(offenders)
  # One line per offender, unwrapped (FATAL_ERROR's text is wrapped at 80 columns).
  foreach(offender IN LISTS offenders)
    message(NOTICE "${offender}")
  endforeach()
  message(FATAL_ERROR "dependency rules broken (above)")
endif()
message(STATUS "${checked} files keep the dependency rules (io, models, eval, train, core; widgets vs app)")
