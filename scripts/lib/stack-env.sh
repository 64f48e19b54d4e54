# Settings and helpers shared by scripts/stack, load-events, read-events and flink-submit.
# Source it after common.sh. Every setting is an environment variable with a default; `stack up`
# records the effective ones in $LADDER_RUN_DIR/stack.env, and later commands on the same run
# folder read them back, so `status`/`down`/`load-events` find a stack started on other ports,
# and a later `up` of that folder starts on the same ports unless the environment says otherwise.

LADDER_RUN_DIR="${LADDER_RUN_DIR:-$LADDER_ROOT/.run}"
mkdir -p "$LADDER_RUN_DIR"
LADDER_RUN_DIR="$(cd "$LADDER_RUN_DIR" && pwd)"
export LADDER_RUN_DIR
STACK_ENV_FILE="$LADDER_RUN_DIR/stack.env"

# The settings a run folder remembers (name=default).
STACK_SETTINGS=(
  KAFKA_PORT=9092
  KAFKA_CONTROLLER_PORT=9093
  KAFKA_HEAP=768m
  REDIS_PORT=6379
  FLINK_REST_PORT=8081
  FLINK_RPC_PORT=6123
  FLINK_PROM_PORT=9249
  LADDER_EVENTS_TOPIC=ladder.events
  LADDER_EVENTS_PARTITIONS=4
  LADDER_ITEMS_TOPIC=ladder.items
  LADDER_ITEMS_PARTITIONS=4
  LADDER_DEAD_LETTERS_TOPIC=ladder.dead-letters
)

# load_stack_settings [prefer-recorded]: sets every setting from, in this order of precedence,
#   default:          the environment, what the run folder recorded, the default
#   prefer-recorded:  what the run folder recorded (a running stack keeps its ports), the
#                     environment, the default
load_stack_settings() {
  local prefer_recorded="${1:-}" entry name default
  declare -A recorded=()
  if [[ -f "$STACK_ENV_FILE" ]]; then
    while IFS='=' read -r name default; do
      [[ -n "$name" && "$name" != \#* ]] && recorded[$name]="$default"
    done <"$STACK_ENV_FILE"
  fi
  for entry in "${STACK_SETTINGS[@]}"; do
    name="${entry%%=*}"
    default="${entry#*=}"
    if [[ -n "$prefer_recorded" && -n "${recorded[$name]:-}" ]]; then
      if [[ -n "${!name:-}" && "${!name}" != "${recorded[$name]}" ]]; then
        log "note: $name=${!name} ignored, the stack in $LADDER_RUN_DIR runs with ${recorded[$name]}"
      fi
      printf -v "$name" '%s' "${recorded[$name]}"
    elif [[ -z "${!name:-}" ]]; then
      printf -v "$name" '%s' "${recorded[$name]:-$default}"
    fi
    export "${name?}"
  done
}

save_stack_settings() {
  local entry name
  {
    echo "# settings of the stack in this folder, written by scripts/stack up"
    for entry in "${STACK_SETTINGS[@]}"; do
      name="${entry%%=*}"
      echo "$name=${!name}"
    done
  } >"$STACK_ENV_FILE"
}

JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# ensure_command COMMAND DEBIAN_PACKAGE: installs the package where the command is missing (a
# fresh machine may lack curl or pgrep; the scripts need both).
ensure_command() {
  command -v "$1" >/dev/null 2>&1 && return 0
  log "$1 not found: installing the Debian package $2"
  local sudo=""
  [[ "$(id -u)" == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$2" >/dev/null
}

# classpath NAME: prints the classpath of deploy/local/NAME (kafka|flink). One Maven run
# resolves both into deploy/local/*/target/classpath.txt, shared by every run folder of this
# checkout; it runs again when a file is missing, older than a POM, or names a jar that is gone.
classpath() {
  local name="$1" dir="$LADDER_ROOT/deploy/local"
  local file="$dir/$name/target/classpath.txt"
  if ! classpath_fresh "$file"; then
    mkdir -p "$dir/target"
    (
      # one resolution at a time (up and load-events may start together)
      flock 9
      if ! classpath_fresh "$file"; then
        log "resolving the stack's classpaths with Maven (once per checkout)"
        "$LADDER_ROOT/mvnw" -q -B -f "$dir/pom.xml" dependency:build-classpath \
          >"$dir/target/resolve.log" 2>&1 \
          || die "cannot resolve the stack's classpaths; see $dir/target/resolve.log"
      fi
    ) 9>"$dir/target/resolve.lock"
  fi
  [[ -s "$file" ]] || die "no classpath in $file"
  cat "$file"
}

classpath_fresh() {
  local file="$1"
  [[ -s "$file" ]] || return 1
  [[ -z "$(find "$LADDER_ROOT/pom.xml" "$LADDER_ROOT"/deploy/local -name pom.xml -newer "$file" 2>/dev/null | head -n 1)" ]] || return 1
  classpath_complete "$file"
}

classpath_complete() {
  local jar
  local IFS=':'
  for jar in $(cat "$1"); do
    [[ -f "$jar" ]] || return 1
  done
}

# Flink's usual module flags (from flink-dist's config.yaml); java.util is mandatory.
FLINK_JVM_OPENS=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-exports=java.base/sun.net.util=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

# port_open PORT: something listens on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
