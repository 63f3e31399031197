#!/usr/bin/env bash
# cds.sh: a class-data sharing (AppCDS) archive for the examples, so that a fresh JVM starts fast.
#
#   examples/cds.sh build          packages the modules (no install), writes the class path of their jars and a
#                                  dynamic AppCDS archive recorded from one run of the default qkd example:
#                                  examples/target/cds/{classpath,qnetstack.jsa}
#   examples/cds.sh run ARGS...    runs the examples' Main with that archive, e.g. examples/cds.sh run qkd --seed 7
#
# CDS archives classes from jar files only (not from target/classes directories), and the class path at run time
# must start with the one recorded at build time: run through this script, or pass the same -cp with
# -XX:SharedArchiveFile=examples/target/cds/qnetstack.jsa. Rebuild the archive after any rebuild of the jars (the
# JVM checks the jars' sizes and times and ignores a stale archive, with a warning, then runs without it).
# JVM options for a short run (JAVA_OPTS overrides): one JIT tier (C1), which compiles sooner and costs less than
# C2 for runs of a second or two, and the serial collector, which starts no GC threads.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/examples/target/cds"
opts=${JAVA_OPTS:-"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"}

build() {
    cd "$root"
    mvn -q -ntp -o -pl examples -am package -DskipTests >&2
    mkdir -p "$dir"
    local deps
    deps=$(mktemp)
    mvn -q -ntp -o -pl examples dependency:build-classpath -Dmdep.outputFile="$deps" >&2
    # The reactor's own jars, not the snapshots in ~/.m2 that build-classpath names for them.
    local entry module jar cp
    cp=$(ls "$root"/examples/target/examples-*.jar | grep -v -e '-sources' -e '-javadoc' -e '-tests' | head -1)
    while read -r entry; do
        case "$entry" in
            */org/qnetstack/*)
                module=$(basename "$(dirname "$(dirname "$entry")")")
                jar=$(ls "$root/$module/target/$module"-*.jar "$root/hal-drivers/$module/target/$module"-*.jar \
                    2>/dev/null | grep -v -e '-sources' -e '-javadoc' -e '-tests' | head -1 || true)
                cp="$cp:${jar:-$entry}";;
            *) cp="$cp:$entry";;
        esac
    done < <(tr ':' '\n' < "$deps")
    rm -f "$deps"
    printf '%s\n' "$cp" > "$dir/classpath"
    rm -f "$dir/qnetstack.jsa"
    # shellcheck disable=SC2086
    java $opts -XX:ArchiveClassesAtExit="$dir/qnetstack.jsa" -cp "$cp" org.qnetstack.examples.Main qkd --seed 1 \
        > /dev/null
    echo "archive: $dir/qnetstack.jsa ($(du -h "$dir/qnetstack.jsa" | cut -f1)); class path: $dir/classpath" >&2
}

run() {
    if [ ! -f "$dir/qnetstack.jsa" ] || [ ! -f "$dir/classpath" ]; then
        echo "no archive yet: run '$0 build' first" >&2
        exit 2
    fi
    # shellcheck disable=SC2086
    exec java $opts -XX:SharedArchiveFile="$dir/qnetstack.jsa" -cp "$(cat "$dir/classpath")" \
        org.qnetstack.examples.Main "$@"
}

case "${1:-}" in
    build) build ;;
    run) shift; run "$@" ;;
    *) echo "usage: $0 build | run ARGS..." >&2; exit 2 ;;
esac
