# One image recipe for every service: docker build --build-arg MODULE=blog-service .
# (docker compose passes MODULE for each service; see docker-compose.yml.)
FROM maven:3.9-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests package -pl "${MODULE}" -am \
 && jar=$(ls "${MODULE}"/target/"${MODULE}"-*.jar | grep -v '\.original$') \
 && java -Djarmode=tools -jar "$jar" extract --destination /app \
 && mv /app/*.jar /app/app.jar

FROM eclipse-temurin:17-jre
# A service's own system packages (lingua: Apertium and its language pairs), named by docker-compose.yml.
ARG EXTRA_PACKAGES=""
RUN apt-get update && apt-get install -y --no-install-recommends curl ${EXTRA_PACKAGES} && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app xaos
COPY --from=build --chown=xaos /app /app
WORKDIR /app
USER xaos
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
