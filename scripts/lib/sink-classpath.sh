# Classpath of the retrieval-sink module for scripts/candidates and scripts/bench-store.
# Source after lib/common.sh. Builds with ./mvnw -q when sources changed since the last build.

# sink_classpath SCOPE: prints the classpath; SCOPE is runtime (CLI) or test (benchmark).
sink_classpath() {
  local scope="$1"
  local target="$LADDER_ROOT/retrieval-sink/target"
  local out="$target/classpath-$scope.txt"
  local goal=compile
  [[ "$scope" == test ]] && goal=test-compile
  if [[ ! -s "$out" ]] || [[ -n "$(find "$LADDER_ROOT/retrieval-sink/src" "$LADDER_ROOT/schemas/src" \
      "$LADDER_ROOT/retrieval-sink/pom.xml" "$LADDER_ROOT/schemas/pom.xml" "$LADDER_ROOT/pom.xml" \
      -newer "$out" -type f -print -quit 2>/dev/null)" ]]; then
    log "building retrieval-sink ($goal) with ./mvnw -q"
    (cd "$LADDER_ROOT" && ./mvnw -B -q ${LADDER_MVN_OFFLINE--o} -pl retrieval-sink -am "$goal" \
      dependency:build-classpath -Dmdep.outputFile="$out" -Dmdep.includeScope="$scope" >&2) \
      || die "build failed (see the Maven output above)"
  fi
  local cp="$target/classes"
  [[ "$scope" == test ]] && cp="$target/test-classes:$cp"
  printf '%s:%s\n' "$cp" "$(cat "$out")"
}

# free_port: prints a TCP port nobody listens on.
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
