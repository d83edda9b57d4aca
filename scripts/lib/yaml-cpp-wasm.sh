# Builds yaml-cpp for WebAssembly from Debian's source package (libyaml-cpp-dev is
# native only), the same way re2-wasm.sh builds RE2. CloudFormation YAML templates
# are parsed with it. yaml-cpp reports errors by throwing, so it is compiled with
# -fwasm-exceptions like the core (which catches everything it throws).
# Result cached in $BUILD/yaml-cpp-wasm/{include,lib}; a second run returns at once.
# `build_yaml_cpp_wasm threads` builds the -pthread copy into $BUILD/yaml-cpp-wasm-threads.
build_yaml_cpp_wasm() {
  local out="$BUILD/yaml-cpp-wasm" flags="-O2 -fwasm-exceptions"
  if [ "${1:-}" = threads ]; then out="$BUILD/yaml-cpp-wasm-threads"; flags="$flags -pthread"; fi
  [ -f "$out/lib/libyaml-cpp.a" ] && return 0
  log "building yaml-cpp for WebAssembly (once; cached in $out)"
  local work="$out-src"
  rm -rf "$work" && mkdir -p "$work"
  local sources; sources="$(mktemp --suffix=.sources)"
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$sources"
  local opts=(-o "Dir::Etc::sourcelist=$sources" -o "Dir::Etc::sourceparts=-")
  as_root apt-get update -qq "${opts[@]}"
  (cd "$work" && apt-get source --download-only -qq "${opts[@]}" yaml-cpp)
  # The call above replaced the binary package lists; restore them.
  as_root apt-get update -qq
  rm -f "$sources"
  (cd "$work" && tar xf yaml-cpp_*.orig.tar.* && tar xf yaml-cpp_*.debian.tar.*)
  local src; src="$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'yaml-cpp*' | head -1)"
  # Debian's patches fix build and security issues; apply them in series order.
  if [ -f "$work/debian/patches/series" ]; then
    while read -r p; do
      [ -z "$p" ] || [[ "$p" == \#* ]] && continue
      (cd "$src" && patch -p1 -s < "$work/debian/patches/$p")
    done < "$work/debian/patches/series"
  fi
  emcmake cmake -S "$src" -B "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DYAML_CPP_BUILD_TESTS=OFF -DYAML_CPP_BUILD_TOOLS=OFF -DYAML_CPP_BUILD_CONTRIB=OFF \
    -DYAML_BUILD_SHARED_LIBS=OFF -DCMAKE_CXX_FLAGS="$flags" >/dev/null
  cmake --build "$work/build" --target yaml-cpp -j "$JOBS" >/dev/null
  mkdir -p "$out/lib" "$out/include"
  cp "$work/build/libyaml-cpp.a" "$out/lib/"
  cp -r "$src/include/yaml-cpp" "$out/include/"
  rm -rf "$work"
}
