# The release build's flags — the same as the Makefile's RELEASE_FLAGS (keep the two in
# step) — for the scripts here, sourced from the repository root so that the ordering
# file's path is absolute. Extra `swift build` arguments (e.g. --scratch-path DIR) can come
# in SWIFT_BUILD_ARGS.
# shellcheck disable=SC2034,SC2206
RELEASE=(-c release --static-swift-stdlib -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs
         -Xswiftc -Xfrontend -Xswiftc -function-sections
         -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
         -Xlinker "--symbol-ordering-file=$PWD/Benchmarks/symbol-order/pipit.order" -Xlinker --no-warn-symbol-ordering
         -Xlinker "--script=$PWD/Benchmarks/symbol-order/pipit-layout.ld"
         -Xlinker "--script=$PWD/Benchmarks/symbol-order/writable-rodata.ld"
         -Xlinker --no-export-dynamic --disable-local-rpath -Xlinker -l:libgcc_eh.a
         -Xswiftc -Xclang-linker -Xswiftc "-L$PWD/Benchmarks/static-libstdc++"
         ${SWIFT_BUILD_ARGS:-})
