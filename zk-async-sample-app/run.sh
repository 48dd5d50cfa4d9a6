#!/bin/sh
# Builds the sample app and the zk-async modules it needs, then runs it on http://localhost:8080.
# Without zk.async.hosts it starts an embedded ZooKeeper; to use a real ensemble instead:
#   zk-async-sample-app/run.sh --zk.async.hosts=zk1:2181,zk2:2181,zk3:2181
# Any argument is passed to the application (for example --server.port=9090). Stop it with Ctrl-C.
set -e
cd "$(dirname "$0")/.."
echo "Building zk-async and the sample app (the first build takes a few minutes)..."
./mvnw -B -ntp -q install -DskipTests -Dmaven.javadoc.skip=true -Dmaven.source.skip=true -pl zk-async-sample-app -am
if [ "$#" -gt 0 ]; then
  exec ./mvnw -B -ntp -q -pl zk-async-sample-app spring-boot:run "-Dspring-boot.run.arguments=$*"
fi
exec ./mvnw -B -ntp -q -pl zk-async-sample-app spring-boot:run
