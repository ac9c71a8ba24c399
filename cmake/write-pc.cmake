# Run by `cmake --install` (install(SCRIPT)): writes mentormatch.pc for the
# prefix of this install, which `cmake --install --prefix DIR` may have
# changed since configuring. The install(CODE) before it sets MM_PC_TEMPLATE,
# MM_PC_OUTPUT, MM_PC_VERSION and the install's LIBDIR and INCLUDEDIR.
set(prefix "${CMAKE_INSTALL_PREFIX}")
foreach(dir LIBDIR INCLUDEDIR)
  if(NOT IS_ABSOLUTE "${MM_PC_${dir}}")
    set(MM_PC_${dir} "\${prefix}/${MM_PC_${dir}}")
  endif()
endforeach()
configure_file("${MM_PC_TEMPLATE}" "${MM_PC_OUTPUT}" @ONLY)
