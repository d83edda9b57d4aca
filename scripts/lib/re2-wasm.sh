# Builds RE2 for WebAssembly from Debian's source package (Debian ships it native only).
# Result cached in $BUILD/re2-wasm/{include,lib}; a second run returns at once.
# `build_re2_wasm threads` builds the copy for the threaded module (-pthread: shared
# memory and atomics) into $BUILD/re2-wasm-threads.
build_re2_wasm() {
  local out="$BUILD/re2-wasm" flags="-O2"
  if [ "${1:-}" = threads ]; then out="$BUILD/re2-wasm-threads"; flags="-O2 -pthread"; fi
  # The stamp names the build's one change to RE2 (below); a cache without it is rebuilt.
  [ -f "$out/lib/libre2.a" ] && [ -f "$out/bitstate-8192" ] && return 0
  log "building RE2 for WebAssembly (once; cached in $out)"
  local work="$out-src"
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
  # RE2 extracts capture groups with BitState only for programs of at most 512
  # instructions, else with its slower NFA; many secret regexes ((?i), counted
  # repetition) are larger. BitState's bitmap stays bounded (256 Kibit, the text it
  # takes shrinks as the program grows), so the limit is raised to 8192: same
  # matches, ~4% faster redaction in WebAssembly. Native builds use Debian's RE2.
  sed -i 's/^  if (size_ <= 512) {$/  if (size_ <= 8192) {/' "$src/re2/prog.cc"
  grep -q '^  if (size_ <= 8192) {$' "$src/re2/prog.cc" || { echo "re2-wasm: the BitState limit was not found in prog.cc" >&2; return 1; }
  emcmake cmake -S "$src" -B "$work/build" -G Ninja -DRE2_BUILD_TESTING=OFF -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS="$flags" >/dev/null
  cmake --build "$work/build" --target re2 -j "$JOBS" >/dev/null
  mkdir -p "$out/lib" "$out/include/re2"
  cp "$work/build/libre2.a" "$out/lib/"
  cp "$src"/re2/{re2.h,set.h,stringpiece.h,filtered_re2.h} "$out/include/re2/"
  touch "$out/bitstate-8192"
  rm -rf "$work"
}
