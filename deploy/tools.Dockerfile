# The tools image: scripts/train, scripts/retrain and the other jobs/tools commands, without Flink
# and without the job jar (the job has its own image, deploy/DEPLOY.md). Build from the repository
# root, after building the tools jar and copying its runtime dependencies next to it (one reactor
# build, nothing installed into ~/.m2):
#
#   ./mvnw -B -pl jobs/tools -am package dependency:copy-dependencies \
#       -DincludeScope=runtime -DskipTests
#   docker build -f deploy/tools.Dockerfile -t registry.example.com/ladder/tools:0.1.0 .
#
# jobs/tools/target/ then holds tools-<version>.jar and dependency/ (the sibling modules' jars come
# from the same reactor build). The entry point is the retrain command (deploy/k8s/
# retrain-cronjob.yaml); run another tool with --entrypoint java ... -cp '/opt/ladder/lib/*' CLASS.
FROM eclipse-temurin:17-jre
COPY jobs/tools/target/dependency/ /opt/ladder/lib/
COPY jobs/tools/target/tools-*.jar /opt/ladder/lib/
COPY deploy/local/cli-log4j2.properties /opt/ladder/log4j2.properties
ENV JAVA_OPTS="-Xmx2g"
WORKDIR /opt/ladder
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -Dlog4j2.configurationFile=/opt/ladder/log4j2.properties -cp '/opt/ladder/lib/*' io.ladder.retrain.RetrainCommand \"$@\"", "retrain"]
