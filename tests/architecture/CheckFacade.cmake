cmake_minimum_required(VERSION 3.25)
# The façade rule: app/ and widgets/ see only core's public headers (core/include), and those are torch-free.
# Fails when a file under app/ or widgets/ includes a LibTorch header (torch/, ATen/, c10/, caffe2/) or an engine
# header (one under core/private), or when a façade header does either — so nothing reaches the engine indirectly.
# -DPLANTED=<file>: also check that file as if it were under app/ (the self-test that shows the rule bites).
set(facade ${SOURCE_DIR}/core/include)
file(GLOB_RECURSE frontEnd ${SOURCE_DIR}/app/*.h ${SOURCE_DIR}/app/*.cpp ${SOURCE_DIR}/widgets/*.h
     ${SOURCE_DIR}/widgets/*.cpp)
file(GLOB_RECURSE facadeHeaders ${facade}/*.h)
list(LENGTH frontEnd frontEndCount)
list(LENGTH facadeHeaders facadeCount)
if(frontEndCount EQUAL 0 OR facadeCount EQUAL 0)
  message(FATAL_ERROR "no sources found under ${SOURCE_DIR}/app, widgets or core/include")
endif()
if(PLANTED)
  list(APPEND frontEnd ${PLANTED})
endif()
set(offenders "")
foreach(source IN LISTS frontEnd facadeHeaders)
  file(STRINGS ${source} includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"].*" "\\1" header "${line}")
    if(header MATCHES "^(torch|ATen|c10|caffe2)/")
      list(APPEND offenders "${source}: LibTorch header <${header}>")
    elseif(header MATCHES "^vindex/" AND NOT EXISTS ${facade}/${header})
      list(APPEND offenders "${source}: engine header \"${header}\" (not under core/include)")
    endif()
  endforeach()
endforeach()
if(offenders)
  # One line per offender, unwrapped (FATAL_ERROR's text is wrapped at 80 columns).
  foreach(offender IN LISTS offenders)
    message(NOTICE "${offender}")
  endforeach()
  message(FATAL_ERROR "the façade rule is broken (above)")
endif()
message(STATUS "${frontEndCount} files under app/ and widgets/ and ${facadeCount} façade headers include no engine "
               "or LibTorch header")
