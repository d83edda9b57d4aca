# Builds RE2 for WebAssembly from Debian's source package (Debian ships it native only).
# Result cached in $BUILD/re2-wasm/{include,lib}; a second run returns at once.
build_re2_wasm() {
  local out="$BUILD/re2-wasm"
  [ -f "$out/lib/libre2.a" ] && return 0
  log "building RE2 for WebAssembly (once; cached in $out)"
  local work="$BUILD/re2-src"
  rm -rf "$work" && mkdir -p "$work"
  local sources; sources="$(mktemp --suffix=.sources)"
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$sources"
  local opts=(-o "Dir::Etc::sourcelist=$sources" -o "Dir::Etc::sourceparts=-")
  as_root apt-get update -qq "${opts[@]}"
  (cd "$work" && apt-get source --download-only -qq "${opts[@]}" re2)
  # The call above replaced the binary package lists; restore them.
  as_root apt-get update -qq
  rm -f "$sources"
  (cd "$work" && tar xf re2_*.orig.tar.xz && tar xf re2_*.debian.tar.xz)
  local src; src="$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 're2-*' | head -1)"
  (cd "$src" && patch -p1 -s < "$work/debian/patches/debian-unicode-data.patch" &&
    perl re2/make_perl_groups.pl > re2/perl_groups.cc &&
    /usr/bin/python3 re2/make_unicode_casefold.py > re2/unicode_casefold.cc &&
    /usr/bin/python3 re2/make_unicode_groups.py > re2/unicode_groups.cc)
  emcmake cmake -S "$src" -B "$work/build" -G Ninja -DRE2_BUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS="-O2" >/dev/null
  cmake --build "$work/build" --target re2 -j "$JOBS" >/dev/null
  mkdir -p "$out/lib" "$out/include/re2"
  cp "$work/build/libre2.a" "$out/lib/"
  cp "$src"/re2/{re2.h,set.h,stringpiece.h,filtered_re2.h} "$out/include/re2/"
  rm -rf "$work"
}
