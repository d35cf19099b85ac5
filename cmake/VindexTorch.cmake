# Finds the LibTorch to build against. VINDEX_TORCH picks it:
#   auto   (default) what CMAKE_PREFIX_PATH / Torch_DIR name; else the project's own virtual environment (.venv, made
#          by packaging/install-deps.sh with PyTorch's wheel); else the PyTorch of `python3`; else the system's
#          (Debian's libtorch-dev, CPU only).
#   wheel  the project's .venv only (fails when packaging/install-deps.sh has not installed it).
#   system the system's LibTorch only (Debian's libtorch-dev), ignoring .venv and python3.
# Sets VINDEX_TORCH_ORIGIN (a few words for the configure log) and VINDEX_TORCH_CUDA (CUDA compiled in).
set(VINDEX_TORCH "auto" CACHE STRING "Which LibTorch to build against: auto, wheel or system")
set_property(CACHE VINDEX_TORCH PROPERTY STRINGS auto wheel system)

function(vindex_python_torch_prefix python out)
  set(${out} "" PARENT_SCOPE)
  if(NOT EXISTS "${python}")
    return()
  endif()
  execute_process(COMMAND "${python}" -c "import torch.utils; print(torch.utils.cmake_prefix_path)"
                  OUTPUT_VARIABLE prefix ERROR_QUIET RESULT_VARIABLE rc OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(rc EQUAL 0 AND EXISTS "${prefix}/Torch/TorchConfig.cmake")
    set(${out} "${prefix}" PARENT_SCOPE)
  endif()
endfunction()

set(_vindex_torch_prefix "")
set(VINDEX_TORCH_ORIGIN "")
if(VINDEX_TORCH STREQUAL "auto" AND VINDEX_TORCH_FOUND_PREFIX)
  # Reconfiguring: the LibTorch found the first time (Torch_DIR is cached by now).
  set(_vindex_torch_prefix "${VINDEX_TORCH_FOUND_PREFIX}")
  set(VINDEX_TORCH_ORIGIN "${VINDEX_TORCH_FOUND_ORIGIN}")
elseif(VINDEX_TORCH STREQUAL "auto" AND (Torch_DIR OR CMAKE_PREFIX_PATH))
  set(VINDEX_TORCH_ORIGIN "given (Torch_DIR / CMAKE_PREFIX_PATH)")
elseif(VINDEX_TORCH STREQUAL "auto" OR VINDEX_TORCH STREQUAL "wheel")
  vindex_python_torch_prefix("${CMAKE_SOURCE_DIR}/.venv/bin/python" _vindex_torch_prefix)
  if(_vindex_torch_prefix)
    set(VINDEX_TORCH_ORIGIN "PyTorch wheel in ${CMAKE_SOURCE_DIR}/.venv")
  elseif(VINDEX_TORCH STREQUAL "wheel")
    message(FATAL_ERROR "VINDEX_TORCH=wheel, but ${CMAKE_SOURCE_DIR}/.venv has no PyTorch: run "
                        "packaging/install-deps.sh --torch=wheel first")
  else()
    find_program(VINDEX_PYTHON3 python3)
    if(VINDEX_PYTHON3)
      vindex_python_torch_prefix("${VINDEX_PYTHON3}" _vindex_torch_prefix)
    endif()
    if(_vindex_torch_prefix)
      set(VINDEX_TORCH_ORIGIN "installed PyTorch of ${VINDEX_PYTHON3}")
    endif()
  endif()
elseif(NOT VINDEX_TORCH STREQUAL "system")
  message(FATAL_ERROR "VINDEX_TORCH must be auto, wheel or system, not '${VINDEX_TORCH}'")
endif()

set(VINDEX_TORCH_FOUND_PREFIX "${_vindex_torch_prefix}" CACHE INTERNAL "")
set(VINDEX_TORCH_FOUND_ORIGIN "${VINDEX_TORCH_ORIGIN}" CACHE INTERNAL "")
if(_vindex_torch_prefix)
  # The package folder too, so that its lib/ wins over a system libtorch.so (Debian's) when both are installed.
  get_filename_component(_vindex_torch_package "${_vindex_torch_prefix}/../.." ABSOLUTE)
  list(PREPEND CMAKE_PREFIX_PATH "${_vindex_torch_prefix}" "${_vindex_torch_package}")
  # A wheel's CUDA libraries (cuDNN, NCCL, cuBLAS …) sit beside torch in site-packages/nvidia.
  get_filename_component(VINDEX_TORCH_SITE_PACKAGES "${_vindex_torch_package}/.." ABSOLUTE)
elseif(VINDEX_TORCH STREQUAL "system")
  set(VINDEX_TORCH_ORIGIN "system LibTorch")
  set(CMAKE_FIND_USE_CMAKE_PATH OFF) # ignore a CMAKE_PREFIX_PATH pointing at a wheel
endif()
if(NOT VINDEX_TORCH_ORIGIN)
  set(VINDEX_TORCH_ORIGIN "system LibTorch")
endif()

# A wheel's Caffe2 config looks for the CUDA toolkit; say where cuDNN of the wheel is.
if(VINDEX_TORCH_SITE_PACKAGES AND EXISTS "${VINDEX_TORCH_SITE_PACKAGES}/nvidia/cudnn/include/cudnn.h")
  set(CUDNN_INCLUDE_PATH "${VINDEX_TORCH_SITE_PACKAGES}/nvidia/cudnn/include" CACHE PATH "")
endif()

# We compile no CUDA sources ourselves; naming the architectures keeps Caffe2's config from probing for a GPU (a
# try_run that fails on machines without one).
if(NOT DEFINED TORCH_CUDA_ARCH_LIST AND NOT DEFINED ENV{TORCH_CUDA_ARCH_LIST})
  set(TORCH_CUDA_ARCH_LIST "8.0;8.6;8.9;9.0")
endif()
find_package(Torch REQUIRED)
set(CMAKE_FIND_USE_CMAKE_PATH ON)

set(VINDEX_TORCH_CUDA OFF)
set(VINDEX_TORCH_CUDA_VERSION "")
if(TORCH_CUDA_LIBRARIES)
  set(VINDEX_TORCH_CUDA ON)
  # The CUDA the wheel was compiled with (torch.version.cuda), else the toolkit's.
  if(EXISTS "${TORCH_INSTALL_PREFIX}/version.py")
    file(STRINGS "${TORCH_INSTALL_PREFIX}/version.py" _vindex_cuda_line REGEX "^cuda")
    string(REGEX MATCH "[0-9]+\\.[0-9]+" VINDEX_TORCH_CUDA_VERSION "${_vindex_cuda_line}")
  endif()
  if(NOT VINDEX_TORCH_CUDA_VERSION AND CUDAToolkit_VERSION)
    string(REGEX MATCH "^[0-9]+\\.[0-9]+" VINDEX_TORCH_CUDA_VERSION "${CUDAToolkit_VERSION}")
  endif()
endif()
# Whether this LibTorch is the system's (a Debian package), which the .deb can depend on; else installed programs
# keep a RUNPATH to its folder (its own RUNPATH finds the CUDA libraries beside it).
get_filename_component(_vindex_torch_lib_dir "${TORCH_LIBRARY}" DIRECTORY)
if(_vindex_torch_lib_dir MATCHES "^/usr/lib")
  set(VINDEX_TORCH_SYSTEM ON)
else()
  set(VINDEX_TORCH_SYSTEM OFF)
  list(APPEND CMAKE_INSTALL_RPATH "${_vindex_torch_lib_dir}")
endif()
message(STATUS "vindex: LibTorch ${Torch_VERSION} from ${VINDEX_TORCH_ORIGIN} (${TORCH_INSTALL_PREFIX}), "
               "CUDA compiled in: ${VINDEX_TORCH_CUDA} ${VINDEX_TORCH_CUDA_VERSION}")

# PyTorch's wheel ships fmt's headers (a newer fmt) in its include folder, which comes before /usr/include; spdlog and
# our code must see the fmt they link (the system's). A folder searched before LibTorch's (-I precedes -isystem) that
# holds only the system's fmt keeps them apart. LibTorch's own headers that use fmt are not included by us.
if(EXISTS "${TORCH_INSTALL_PREFIX}/include/fmt")
  find_path(VINDEX_SYSTEM_FMT_INCLUDE fmt/format.h PATHS /usr/include /usr/local/include NO_DEFAULT_PATH NO_CACHE)
  if(VINDEX_SYSTEM_FMT_INCLUDE)
    set(VINDEX_FMT_SHIM "${CMAKE_BINARY_DIR}/system-fmt")
    file(MAKE_DIRECTORY "${VINDEX_FMT_SHIM}")
    file(CREATE_LINK "${VINDEX_SYSTEM_FMT_INCLUDE}/fmt" "${VINDEX_FMT_SHIM}/fmt" SYMBOLIC)
    include_directories(BEFORE "${VINDEX_FMT_SHIM}")
  endif()
endif()

# <ATen/ATen.h> costs ~12 s of parsing in every file that includes it, directly or through our model, space and
# training headers (LibTorch 2.x, 2-core machine); precompiled once per target it loads in ~3 s. Files that show no
# sign of LibTorch skip it (they would pay for loading it and gain nothing); vindex_precompile_aten(target ALL) uses
# it for every file of a target that is LibTorch through and through.
option(VINDEX_PCH "Precompile <ATen/ATen.h> for the files that use LibTorch" ON)
function(vindex_precompile_aten target)
  if(NOT VINDEX_PCH)
    return()
  endif()
  get_target_property(sources ${target} SOURCES)
  get_target_property(source_dir ${target} SOURCE_DIR)
  foreach(source IN LISTS sources)
    if(NOT source MATCHES "\\.cpp$" OR "${ARGV1}" STREQUAL "ALL")
      continue()
    endif()
    cmake_path(ABSOLUTE_PATH source BASE_DIRECTORY "${source_dir}" OUTPUT_VARIABLE path)
    file(STRINGS "${path}" includes REGEX "^#include [<\"](ATen/|torch/|c10/|vindex/(models|spaces|train)/)")
    if(NOT includes)
      set_source_files_properties("${path}" TARGET_DIRECTORY ${target} PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
    endif()
  endforeach()
  target_precompile_headers(${target} PRIVATE <ATen/ATen.h>)
endfunction()

# PyTorch's wheel exports its own copy of std::filesystem (64 symbols in libtorch.so), which the dynamic linker
# would bind our calls to — libtorch.so comes before libstdc++ in the load order — and whose remove_all jumps to a
# null pointer. libstdc++ first among an executable's libraries makes every std:: call bind to the real one.
string(APPEND CMAKE_EXE_LINKER_FLAGS " -Wl,--push-state,--no-as-needed -lstdc++ -Wl,--pop-state")
