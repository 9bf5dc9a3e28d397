package org.touchpointcrm.localstack.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.touchpointcrm.access.AccessProperties;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.ingest.access.ApiKeyProperties;
import org.touchpointcrm.localstack.LocalStack;
import org.touchpointcrm.notifier.access.NotifierAccessProperties;
import org.touchpointcrm.platform.CrmKafkaProperties;
import org.touchpointcrm.segmentation.access.SegmentationAccessProperties;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;

/**
 * docker-compose.yml is a valid Compose file and wires the stack the way the services expect: read
 * as Compose reads it (merge keys resolved), and its environment read as Spring Boot reads it.
 */
class ComposeFileTest {

    private static final String SEGMENTATION = "segmentation-streams";
    /** Where the catalogue check reads values: the compose file, the services' ymls and ops/. */
    private static final List<String> CONFIGURATION = List.of(ComposeFile.PATH,
            "ingest-service/src/main/resources/ingest.yml", "segmentation-streams/src/main/resources/segmentation.yml",
            "notifier-service/src/main/resources/notifier.yml", "ops/prometheus/prometheus.yml", "ops/prometheus/alerts.yml",
            "ops/grafana/provisioning/datasources/prometheus.yml", "ops/grafana/provisioning/dashboards/touchpoint-crm.yml",
            "ops/grafana/dashboards/touchpoint-crm.json");

    private static Schema composeSpecification;
    private static ComposeFile compose;

    @BeforeAll
    static void readTheSpecificationAndTheFile() {
        // The Compose specification's own schema, vendored from compose-spec/compose-spec (see README.md beside it);
        // its relative $id needs the base it is read from.
        composeSpecification = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                .getSchema(SchemaLocation.of("classpath:compose/compose-spec.json"));
        compose = ComposeFile.read();
    }

    @Test
    void theComposeFileFollowsTheComposeSpecification() {
        assertThat(composeSpecification.validate(compose.document())).isEmpty();
    }

    @Test
    void aBrokenCopyOfTheComposeFileIsRefused() {
        String broken = Repository.text(ComposeFile.PATH)
                .replaceFirst("condition: service_healthy", "condition: service_ready")
                .replaceFirst("\n    restart: unless-stopped\n", "\n    restart: unless-stopped\n    restart_delay: 5s\n")
                .replaceFirst("interval: 10s", "interval: [10s]");

        List<Error> errors = composeSpecification.validate(Repository.parseYaml(broken));

        assertThat(errors).extracting(Error::toString)
                .anySatisfy(error -> assertThat(error).contains("restart_delay"))
                .anySatisfy(error -> assertThat(error).contains("depends_on"))
                .anySatisfy(error -> assertThat(error).contains("interval"));
    }

    @Test
    void everyImageIsPinnedToAVersion() {
        for (String service : compose.serviceNames()) {
            String image = compose.image(service).orElseThrow(() -> new AssertionError(service + " names no image"));
            assertThat(image).as("image of %s", service).matches(".+:[\\w][\\w.-]*").doesNotEndWith(":latest");
        }
        List<String[]> stages = Repository.text("Dockerfile").lines().filter(line -> line.startsWith("FROM "))
                .map(line -> line.split("\\s+")).toList();
        Set<String> stageNames = new HashSet<>(stages.stream().filter(from -> from.length == 4).map(from -> from[3]).toList());
        List<String> baseImages = stages.stream().map(from -> from[1]).filter(image -> !stageNames.contains(image)).toList();
        assertThat(baseImages).isNotEmpty().allSatisfy(image -> assertThat(image).matches(".+:[\\w][\\w.-]*").doesNotEndWith(":latest"));
    }

    @Test
    void everyServiceHasAHealthcheckAndWaitsForWhatItNeedsToBeHealthy() {
        for (String service : compose.serviceNames()) {
            JsonNode test = compose.service(service).path("healthcheck").path("test");
            assertThat(test.isArray() && !test.isEmpty()).as("healthcheck of %s", service).isTrue();
            compose.service(service).path("depends_on").properties().forEach(dependency ->
                    assertThat(dependency.getValue().path("condition").asString())
                            .as("%s waits for %s", service, dependency.getKey()).isEqualTo("service_healthy"));
        }
        compose.crmServices().keySet().forEach(service -> assertThat(compose.service(service).path("healthcheck").path("test").toString())
                .as("%s is healthy once ready for traffic, as its management port says", service)
                .contains("/actuator/health/readiness")
                .contains("\"" + ServiceConfiguration.of(compose, service).property("management.server.port") + "\""));
    }

    @Test
    void twoSegmentationInstancesEachNameThemselvesAndKeepTheirOwnState() {
        List<String> instances = compose.crmServices().entrySet().stream()
                .filter(service -> service.getValue().equals(SEGMENTATION)).map(Map.Entry::getKey).toList();
        assertThat(instances).hasSize(2);

        Set<String> servers = new HashSet<>();
        Set<String> stateVolumes = new HashSet<>();
        for (String instance : instances) {
            var configuration = ServiceConfiguration.of(compose, instance);
            String port = configuration.property("server.port");
            // Interactive queries and the preview fan-out call the owner at exactly this address.
            String server = configuration.map("spring.kafka.streams.properties").get("application.server");
            assertThat(server).as("application.server of %s", instance).isEqualTo(instance + ":" + port);
            assertThat(compose.service(instance).path("hostname").asString()).isEqualTo(instance);
            servers.add(server);

            String stateDir = configuration.property("spring.kafka.streams.state-dir");
            var stateMount = compose.mounts(instance).stream().filter(mount -> stateDir.startsWith(mount.target() + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError(instance + " keeps its Streams state in " + stateDir + ", on no volume"));
            assertThat(stateMount.isNamedVolume()).isTrue();
            stateVolumes.add(stateMount.source());
            assertThat(compose.image(instance)).isEqualTo(compose.image(instances.getFirst()));
        }
        assertThat(servers).hasSize(2);
        assertThat(stateVolumes).hasSize(2);
    }

    @Test
    void everyServiceReachesTheBrokerAndTheRegistryInsideTheComposeNetwork() {
        String advertised = compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS").toString();
        for (String service : compose.crmServices().keySet()) {
            var configuration = ServiceConfiguration.of(compose, service);
            assertThat(advertised).contains("://" + configuration.property("spring.kafka.bootstrap-servers"));

            URI registry = configuration.bind("crm.kafka", CrmKafkaProperties.class).schemaRegistryUrl();
            assertThat(compose.serviceNames()).contains(registry.getHost());
            assertThat(compose.ports(registry.getHost())).extracting(ComposeFile.PublishedPort::container).contains(registry.getPort());
            // The serdes append Apicurio's API path themselves: the base address carries none.
            assertThat(registry.getPath()).isEmpty();
        }
    }

    @Test
    void ingestAsksTheSegmentationInstancesForProfilesAndTheNotifierMailsThroughMailpit() {
        var ingest = ServiceConfiguration.of(compose, "ingest-service");
        URI profiles = URI.create(ingest.property("crm.ingest.profile-query-url"));
        assertThat(compose.crmServices()).containsEntry(profiles.getHost(), SEGMENTATION);
        assertThat(ServiceConfiguration.of(compose, profiles.getHost()).property("server.port")).isEqualTo(String.valueOf(profiles.getPort()));

        var notifier = ServiceConfiguration.of(compose, "notifier-service");
        assertThat(notifier.property("spring.mail.host")).isEqualTo("mailpit");
        assertThat(compose.ports("mailpit")).extracting(ComposeFile.PublishedPort::container)
                .contains(Integer.parseInt(notifier.property("spring.mail.port")));
    }

    @Test
    void theExampleApiKeysAreTheLocalStacksSoTheReadmeExamplesWork() {
        AccessProperties ingestKeys = ServiceConfiguration.of(compose, "ingest-service").bind("crm.ingest.access", ApiKeyProperties.class);
        assertThat(ingestKeys.keys()).singleElement().satisfies(key -> {
            assertThat(key.sha256()).isEqualTo(ApiKeys.sha256Hex(LocalStack.DEMO_API_KEY));
            assertThat(key.operations()).contains(Operation.TOUCHPOINTS_WRITE, Operation.CUSTOMERS_READ);
            assertThat(key.channels()).hasSize(4);
        });
        var segmentation = ServiceConfiguration.of(compose, "segmentation-streams-1");
        SegmentationAccessProperties segmentationKeys = segmentation.bind("crm.segmentation.access",
                SegmentationAccessProperties.class);
        // The marketer's key, the service keys ingest and the notifier send to the profile query, and the
        // instances' own key: each service's secret matches the digest segmentation-streams knows.
        assertThat(segmentationKeys.keys()).extracting(AccessProperties.Key::sha256, AccessProperties.Key::operations)
                .containsExactlyInAnyOrder(
                        tuple(ApiKeys.sha256Hex(LocalStack.MARKETER_API_KEY),
                                Set.of(Operation.SEGMENTS_READ, Operation.SEGMENTS_WRITE, Operation.PROFILES_READ)),
                        tuple(ApiKeys.sha256Hex(LocalStack.INGEST_SERVICE_KEY), Set.of(Operation.PROFILES_READ)),
                        tuple(ApiKeys.sha256Hex(LocalStack.NOTIFIER_SERVICE_KEY), Set.of(Operation.PROFILES_READ)),
                        tuple(ApiKeys.sha256Hex(LocalStack.SEGMENTATION_INSTANCE_KEY), Set.of(Operation.INSTANCE_QUERIES)));
        assertThat(segmentationKeys.instanceKey()).isEqualTo(LocalStack.SEGMENTATION_INSTANCE_KEY);
        assertThat(ServiceConfiguration.of(compose, "ingest-service").property("crm.ingest.profile-query-api-key"))
                .isEqualTo(LocalStack.INGEST_SERVICE_KEY);
        assertThat(ServiceConfiguration.of(compose, "notifier-service").property("crm.notifier.profile-query-api-key"))
                .isEqualTo(LocalStack.NOTIFIER_SERVICE_KEY);
        AccessProperties campaignKeys = ServiceConfiguration.of(compose, "notifier-service")
                .bind("crm.notifier.access", NotifierAccessProperties.class);
        assertThat(campaignKeys.keys()).singleElement().satisfies(key -> {
            assertThat(key.sha256()).isEqualTo(ApiKeys.sha256Hex(LocalStack.MARKETER_API_KEY));
            assertThat(key.operations()).containsExactlyInAnyOrder(Operation.CAMPAIGNS_READ, Operation.CAMPAIGNS_WRITE);
        });
    }

    @Test
    void hostPortsAreTheLocalStacksSoTheReadmeExamplesWork() {
        assertThat(compose.ports("ingest-service")).contains(new ComposeFile.PublishedPort(8080, 8080));
        assertThat(compose.ports("segmentation-streams-1")).contains(new ComposeFile.PublishedPort(8081, 8081));
        assertThat(compose.ports("notifier-service")).contains(new ComposeFile.PublishedPort(8082, 8082));
        assertThat(compose.ports("registry")).contains(new ComposeFile.PublishedPort(8085, 8080));
        assertThat(compose.ports("mailpit")).contains(new ComposeFile.PublishedPort(8025, 8025));
        assertThat(compose.ports("kafka")).contains(new ComposeFile.PublishedPort(9092, 9092));
    }

    @Test
    void everyTopicNamedInTheConfigurationIsACatalogueTopic() {
        List<String> unknown = new ArrayList<>();
        for (String file : CONFIGURATION) {
            JsonNode tree = file.endsWith(".json") ? Repository.json(file) : Repository.yaml(file);
            unknown.addAll(CatalogueTopicNames.unknownIn(file, tree));
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void aTopicNameOutsideTheCatalogueIsFoundButPropertyNamesAreNot() {
        JsonNode configuration = Repository.parseYaml("""
                crm.kafka.schema-registry-url: http://registry:8080
                alert:
                  expr: 'increase(crm_dead_letters_total{topic="crm.dlq.segmentation"}[5m]) > 0'
                  topics: [crm.touchpoints.pos, crm.touchpoint.web]
                """);

        assertThat(CatalogueTopicNames.unknownIn("inline.yml", configuration))
                .singleElement().asString().startsWith("inline.yml: crm.touchpoint.web");
    }

    @Test
    void prometheusScrapesEveryInstanceOfEveryService() {
        JsonNode prometheus = Repository.yaml("ops/prometheus/prometheus.yml");
        Set<String> targets = new HashSet<>();
        for (JsonNode job : prometheus.path("scrape_configs")) {
            for (JsonNode config : job.path("static_configs")) {
                config.path("targets").forEach(target -> targets.add(target.asString()));
            }
            if (compose.crmServices().containsValue(job.path("job_name").asString())) {
                assertThat(job.path("metrics_path").asString()).isEqualTo("/actuator/prometheus");
            }
        }
        // Metrics are on the management port, never on the public one.
        List<String> expected = compose.crmServices().keySet().stream()
                .map(service -> service + ":" + ServiceConfiguration.of(compose, service).property("management.server.port"))
                .toList();
        assertThat(targets).containsAll(expected);
        assertThat(targets).allSatisfy(target -> assertThat(target)
                .matches(Pattern.compile("(localhost|" + String.join("|", compose.serviceNames()) + "):\\d+")));
    }
}
