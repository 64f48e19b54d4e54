# job_jar: prints the path of the shaded job jar (jobs/target/jobs-*-job.jar), building it first
# when it is missing or older than a source or POM of the modules it bundles. LADDER_NO_BUILD=1
# never builds (tests, CI after `mvn verify`): a missing jar is then an error.
job_jar() {
  local jar
  jar="$(ls "$LADDER_ROOT"/jobs/target/jobs-*-job.jar 2>/dev/null | head -n 1 || true)"
  if [[ -n "$jar" && "${LADDER_NO_BUILD:-0}" == 1 ]]; then
    echo "$jar"; return 0
  fi
  local stale=""
  if [[ -z "$jar" ]]; then
    stale="missing"
  elif [[ -n "$(find "$LADDER_ROOT/pom.xml" "$LADDER_ROOT"/{schemas,state-model,retrieval-sink,jobs}/pom.xml \
      "$LADDER_ROOT"/{schemas,state-model,retrieval-sink,jobs}/src/main -newer "$jar" -type f 2>/dev/null \
      | head -n 1)" ]]; then
    stale="older than the sources"
  fi
  if [[ -n "$stale" ]]; then
    [[ "${LADDER_NO_BUILD:-0}" == 1 ]] && die "the job jar is $stale and LADDER_NO_BUILD=1; run ./mvnw -pl jobs -am package"
    log "the job jar is $stale: building it (./mvnw -pl jobs -am package -DskipTests)"
    "$LADDER_ROOT/mvnw" -q -B -f "$LADDER_ROOT/pom.xml" -pl jobs -am package -DskipTests \
      -Dspotless.check.skip=true >&2 || die "building the job jar failed"
    jar="$(ls "$LADDER_ROOT"/jobs/target/jobs-*-job.jar | head -n 1)"
  fi
  echo "$jar"
}
