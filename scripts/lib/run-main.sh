# The one launcher of the repository's Java commands. Source after lib/common.sh.
#   run_main MODULE CLASS [ARGS...]       execs CLASS from MODULE's runtime classpath
#   module_classpath MODULE [runtime|test] prints that classpath (test: with the test classes)
#   job_jar                               prints the shaded job jar of jobs/flink-job
# MODULE is a reactor path: jobs/tools, jobs/flink-job, retrieval-sink, state-model, ...
# JVM options come from JAVA_OPTS. Every module writes target/classpath-{runtime,test}.txt as it
# builds (the parent POM), so after `./mvnw verify` nothing here needs Maven. A module is rebuilt
# when what it needs is missing or older than any POM or source of the repository;
# LADDER_NO_BUILD=1 never builds (tests and CI, after `./mvnw verify`): a missing file is an error.

LADDER_MODULES=(schemas state-model retrieval-sink jobs/recommender jobs/testing jobs/flink-job jobs/tools)

# sources_newer_than FILE: prints a POM or source of the repository newer than FILE, if any.
sources_newer_than() {
  local paths=("$LADDER_ROOT/pom.xml" "$LADDER_ROOT/jobs/pom.xml") m
  for m in "${LADDER_MODULES[@]}"; do paths+=("$LADDER_ROOT/$m/pom.xml" "$LADDER_ROOT/$m/src"); done
  find "${paths[@]}" -newer "$1" -type f -print -quit 2>/dev/null
}

# build_module MODULE GOAL: ./mvnw GOAL on MODULE and what it depends on, offline first (fast, and
# enough once the local repository is warm), then online (a fresh machine).
build_module() {
  local module="$1" goal="$2"
  [[ "${LADDER_NO_BUILD:-0}" == 1 ]] \
    && die "$module is not built and LADDER_NO_BUILD=1; run ./mvnw -pl $module -am $goal -DskipTests"
  log "building $module ($goal, ./mvnw -q)"
  local args=(-q -B -f "$LADDER_ROOT/pom.xml" -pl "$module" -am "$goal" -DskipTests
    -Dspotless.check.skip=true)
  "$LADDER_ROOT/mvnw" -o "${args[@]}" >&2 || "$LADDER_ROOT/mvnw" "${args[@]}" >&2 \
    || die "building $module failed (the Maven output above says why)"
}

# needs_build FILE: true when FILE is missing, or older than the sources and building is allowed.
needs_build() {
  [[ ! -s "$1" ]] && return 0
  [[ "${LADDER_NO_BUILD:-0}" == 1 ]] && return 1
  [[ -n "$(sources_newer_than "$1")" ]]
}

module_classpath() {
  local module="$1" scope="${2:-runtime}"
  local target="$LADDER_ROOT/$module/target"
  local file="$target/classpath-$scope.txt" goal=package
  [[ "$scope" == test ]] && goal=test-compile
  if needs_build "$file"; then
    build_module "$module" "$goal"
    [[ -s "$file" ]] || die "building $module wrote no $file"
    # The dependency plugin leaves an unchanged file alone: mark it as fresh as the build.
    touch "$file"
  fi
  local classes="$target/classes"
  [[ "$scope" == test ]] && classes="$target/test-classes:$classes"
  printf '%s:%s\n' "$classes" "$(cat "$file")"
}

run_main() {
  local module="$1" class="$2"
  shift 2
  local cp
  cp="$(module_classpath "$module" runtime)" || exit 1
  # shellcheck disable=SC2086
  exec "${JAVA:-java}" ${JAVA_OPTS:-} -cp "$cp" "$class" "$@"
}

job_jar() {
  local jar
  jar="$(ls "$LADDER_ROOT"/jobs/flink-job/target/flink-job-*-job.jar 2>/dev/null | head -n 1 || true)"
  if needs_build "${jar:-/nonexistent}"; then
    build_module jobs/flink-job package
    jar="$(ls "$LADDER_ROOT"/jobs/flink-job/target/flink-job-*-job.jar | head -n 1)"
  fi
  echo "$jar"
}
