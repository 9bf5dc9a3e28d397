# syntax=docker/dockerfile:1
# The services' images, built from this source tree in one pass (docker-compose.yml builds them):
#   docker build --target ingest-service -t touchpoint-crm/ingest-service .
# (likewise segmentation-streams, notifier-service and console). The build stage compiles every service once;
# each final stage takes only its service's jars onto a plain JRE.

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /workspace
COPY . .
# The Maven repository lives in a BuildKit cache, so a rebuild downloads nothing it already has.
# The services' poms build plain jars (local-stack puts them on one classpath), so each image runs
# its service from its jar plus its runtime dependencies, copied next to it (dependency:copy-dependencies).
RUN --mount=type=cache,target=/root/.m2 \
    mvn --batch-mode --no-transfer-progress -DskipTests \
        -pl ingest-service,segmentation-streams,notifier-service,console -am \
        package dependency:copy-dependencies -DincludeScope=runtime \
 && for service in ingest-service segmentation-streams notifier-service console; do \
        mkdir -p "/out/$service/lib" \
     && cp "$service"/target/dependency/*.jar "/out/$service/lib/" \
     && cp "$service/target/$service"-*.jar "/out/$service/app.jar"; \
    done

FROM eclipse-temurin:21-jre AS runtime
# A fixed non-root user; /var/lib/touchpoint-crm is where the Kafka Streams state volumes mount,
# owned by that user so that a new named volume is too.
RUN groupadd --system --gid 10001 crm \
 && useradd --system --uid 10001 --gid crm --home-dir /app --no-create-home crm \
 && mkdir -p /app /var/lib/touchpoint-crm \
 && chown crm:crm /var/lib/touchpoint-crm
# The compose healthcheck: GET over bash's /dev/tcp, so the image needs neither curl nor a second JVM.
COPY --chmod=0755 ops/docker/http-ok /usr/local/bin/http-ok
# The heap follows the container's memory limit; the rest of it holds metaspace, threads and
# RocksDB's bounded off-heap cache (platform's BoundedRocksDb, 128 MB).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
WORKDIR /app
USER 10001:10001

FROM runtime AS ingest-service
COPY --from=build /out/ingest-service/lib/ /app/lib/
COPY --from=build /out/ingest-service/app.jar /app/app.jar
EXPOSE 8080 8180
ENTRYPOINT ["java", "-cp", "/app/app.jar:/app/lib/*", "org.touchpointcrm.ingest.IngestApplication"]

FROM runtime AS segmentation-streams
COPY --from=build /out/segmentation-streams/lib/ /app/lib/
COPY --from=build /out/segmentation-streams/app.jar /app/app.jar
EXPOSE 8081 8181
# RocksDB is native code: JDK 22+ warns (and a later JDK refuses) without this flag; 21 accepts it.
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-cp", "/app/app.jar:/app/lib/*", "org.touchpointcrm.segmentation.SegmentationApplication"]

FROM runtime AS notifier-service
COPY --from=build /out/notifier-service/lib/ /app/lib/
COPY --from=build /out/notifier-service/app.jar /app/app.jar
EXPOSE 8082 8182
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "-cp", "/app/app.jar:/app/lib/*", "org.touchpointcrm.notifier.NotifierApplication"]

FROM runtime AS console
COPY --from=build /out/console/lib/ /app/lib/
COPY --from=build /out/console/app.jar /app/app.jar
EXPOSE 8084 8184
ENTRYPOINT ["java", "-cp", "/app/app.jar:/app/lib/*", "org.touchpointcrm.console.ConsoleApplication"]
