package org.touchpointcrm.localstack.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.commons.codec.digest.Md5Crypt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.touchpointcrm.access.AccessProperties;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.access.ExampleSecretRefusedException;
import org.touchpointcrm.access.ExampleSecretsGuard;
import org.touchpointcrm.ingest.access.ApiKeyProperties;
import org.touchpointcrm.localstack.LocalStack;
import org.touchpointcrm.notifier.access.NotifierAccessProperties;
import org.touchpointcrm.platform.CrmKafkaProperties;
import org.touchpointcrm.platform.acls.KafkaAccess;
import org.touchpointcrm.platform.acls.KafkaPrincipals;
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
    private static final String REGISTRY = "registry";
    /** The registry's only door, asking every client for basic auth (ops/registry/). */
    private static final String REGISTRY_PROXY = "registry-proxy";
    private static final String PROXY_CONFIGURATION = "ops/registry/nginx.conf";
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

    /** A one-shot setup step (TLS material, SCRAM users and ACLs) runs to its end; everything else stays up, healthy. */
    @Test
    void everyServiceHasAHealthcheckAndWaitsForWhatItNeedsToBeHealthyOrDone() {
        for (String service : compose.serviceNames()) {
            if (!isOneShot(service)) {
                JsonNode test = compose.service(service).path("healthcheck").path("test");
                assertThat(test.isArray() && !test.isEmpty()).as("healthcheck of %s", service).isTrue();
            }
            compose.service(service).path("depends_on").properties().forEach(dependency ->
                    assertThat(dependency.getValue().path("condition").asString())
                            .as("%s waits for %s", service, dependency.getKey())
                            .isEqualTo(isOneShot(dependency.getKey()) ? "service_completed_successfully" : "service_healthy"));
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

    /**
     * The broker refuses whatever no ACL allows; each client is its own principal of KafkaPrincipals, with the password
     * kafka-setup gives it, over SASL/SCRAM on TLS; the ACLs kafka-setup applies are crmctl's, word for word.
     */
    @Test
    void eachClientIsItsOwnPrincipalOnASaslTlsBrokerThatDeniesByDefault() {
        Map<String, Object> broker = compose.environment("kafka");
        assertThat(broker).containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
                .containsEntry("KAFKA_SUPER_USERS", "User:admin");
        assertThat(broker.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").toString().split(","))
                .allSatisfy(listener -> assertThat(listener).containsAnyOf(":SASL_SSL", "CONTROLLER:SASL_PLAINTEXT"));

        Map<String, Object> setup = compose.environment("kafka-setup");
        Map<String, String> jaasByClient = new LinkedHashMap<>();
        for (String service : compose.crmServices().keySet()) {
            var configuration = ServiceConfiguration.of(compose, service);
            assertThat(configuration.property("spring.kafka.security.protocol")).isEqualTo("SASL_SSL");
            jaasByClient.put(service, configuration.map("spring.kafka.properties").get("sasl.jaas.config"));
        }
        jaasByClient.put("registry", compose.environment("registry").get("APICURIO_KAFKA_COMMON_SASL_JAAS_CONFIG").toString());
        jaasByClient.put("kafka-ui", compose.environment("kafka-ui").get("KAFKA_CLUSTERS_0_PROPERTIES_SASL_JAAS_CONFIG").toString());
        Map<String, String> expectedUser = Map.of("ingest-service", KafkaPrincipals.INGEST.name(),
                "segmentation-streams-1", KafkaPrincipals.SEGMENTATION.name(),
                "segmentation-streams-2", KafkaPrincipals.SEGMENTATION.name(),
                "notifier-service", KafkaPrincipals.NOTIFIER.name(), "registry", KafkaPrincipals.SCHEMA_REGISTRY.name(),
                "kafka-ui", KafkaPrincipals.CRMCTL.name());
        Pattern scram = Pattern.compile("ScramLoginModule required username=\"([^\"]+)\" password=\"([^\"]+)\";");
        jaasByClient.forEach((client, jaas) -> {
            var login = scram.matcher(jaas);
            assertThat(login.find()).as("%s logs in with SCRAM: %s", client, jaas).isTrue();
            assertThat(login.group(1)).as("principal of %s", client).isEqualTo(expectedUser.get(client));
            String variable = "KAFKA_PASSWORD_" + login.group(1).toUpperCase(Locale.ROOT).replace('-', '_');
            assertThat(setup).as("kafka-setup creates %s", login.group(1)).containsEntry(variable, login.group(2));
        });
        assertThat(KafkaPrincipals.ALL).allSatisfy(principal -> assertThat(setup)
                .containsKey("KAFKA_PASSWORD_" + principal.name().toUpperCase(Locale.ROOT).replace('-', '_')));

        List<String> applied = Repository.text("ops/kafka/acls.sh").lines().filter(line -> line.startsWith("kafka-acls.sh")).toList();
        assertThat(applied).containsExactlyElementsOf(KafkaPrincipals.ALL.stream()
                .flatMap(principal -> KafkaAccess.kafkaAclsCommands(principal).stream()).toList());
    }

    @Test
    void kafkaUiIsOffUnlessAskedForAndThenBehindALogin() {
        assertThat(compose.service("kafka-ui").path("profiles").toString()).contains("tools");
        assertThat(compose.environment("kafka-ui")).containsEntry("AUTH_TYPE", "LOGIN_FORM")
                .containsKey("SPRING_SECURITY_USER_PASSWORD");
    }

    @Test
    void everyServiceReachesTheBrokerAndTheRegistryInsideTheComposeNetwork() {
        String advertised = compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS").toString();
        for (String service : compose.crmServices().keySet()) {
            var configuration = ServiceConfiguration.of(compose, service);
            assertThat(advertised).contains("://" + configuration.property("spring.kafka.bootstrap-servers"));

            URI registry = configuration.bind("crm.kafka", CrmKafkaProperties.class).schemaRegistryUrl();
            assertThat(registry.getHost()).as("%s reaches the registry through its proxy", service).isEqualTo(REGISTRY_PROXY);
            assertThat(compose.ports(REGISTRY_PROXY)).extracting(ComposeFile.PublishedPort::container).contains(registry.getPort());
            assertThat(compose.networks(service)).containsAnyElementsOf(compose.networks(REGISTRY_PROXY));
            // The serdes append Apicurio's API path themselves: the base address carries none.
            assertThat(registry.getPath()).isEmpty();
        }
    }

    /**
     * Apicurio 3 has no login but OIDC: the registry is published on no host port and shares networks only with its
     * proxy and the broker (its storage), never with a client; those networks are internal.
     */
    @Test
    void theRegistryIsReachableOnlyThroughItsProxy() {
        assertThat(compose.ports(REGISTRY)).isEmpty();
        assertThat(compose.networks(REGISTRY)).isNotEmpty().doesNotContain("default").allSatisfy(network -> assertThat(
                compose.document().path("networks").path(network).path("internal").asBoolean()).as("%s is internal", network).isTrue());
        List<String> neighbours = compose.serviceNames().stream().filter(service -> !service.equals(REGISTRY))
                .filter(service -> compose.networks(service).stream().anyMatch(compose.networks(REGISTRY)::contains)).toList();
        assertThat(neighbours).containsExactlyInAnyOrder(REGISTRY_PROXY, "kafka");
        assertThat(registryClients().keySet()).doesNotContainAnyElementsOf(neighbours.stream().filter(service -> !service.equals(REGISTRY_PROXY)).toList());
        // The proxy forwards to the registry's API port, the one Apicurio serves /apis on.
        assertThat(Repository.text(PROXY_CONFIGURATION)).contains("proxy_pass http://" + REGISTRY + ":8080;");
    }

    /** Every location that forwards to the registry asks for basic auth; the one without is nginx's own health answer. */
    @Test
    void theProxyAsksForBasicAuthOnEveryRegistryRoute() {
        String configuration = Repository.text(PROXY_CONFIGURATION).replaceAll("(?m)#.*$", "");
        String[] blocks = configuration.split("\\blocation\\b");
        assertThat(blocks[0]).as("server level").doesNotContain("proxy_pass");
        List<String> locations = List.of(blocks).subList(1, blocks.length);
        assertThat(locations).filteredOn(location -> location.contains("proxy_pass")).isNotEmpty()
                .allSatisfy(location -> assertThat(location).containsPattern("auth_basic \"[^\"]+\";")
                        .contains("auth_basic_user_file " + proxyUserFile() + ";").doesNotContain("auth_basic off"));
        assertThat(locations).filteredOn(location -> location.contains("auth_basic off")).allSatisfy(location ->
                assertThat(location).startsWith(" = /proxy-health ").contains("return 200").doesNotContain("proxy_"));
    }

    /**
     * Each client of the registry (the services, kafka-ui; crmctl on the host with kafka-ui's user) sends a user and
     * password the proxy's htpasswd accepts: the apr1 hash there is the hash of the password the client is given.
     */
    @Test
    void everyRegistryClientHasCredentialsTheProxyAccepts() {
        Map<String, String> users = proxyUsers();
        Map<String, String[]> clients = registryClients();
        assertThat(clients.keySet()).containsAll(compose.crmServices().keySet()).contains("kafka-ui");
        clients.forEach((client, credentials) -> {
            assertThat(credentials).as("credentials of %s", client).doesNotContainNull();
            String hash = users.get(credentials[0]);
            assertThat(hash).as("the proxy knows %s's user %s", client, credentials[0]).isNotNull();
            assertThat(Md5Crypt.apr1Crypt(credentials[1].getBytes(StandardCharsets.UTF_8), hash))
                    .as("%s's password is the one the proxy checks", client).isEqualTo(hash);
            assertThat(credentials[1]).as("an example password, marked as such").startsWith("compose-example-");
        });
        assertThat(Md5Crypt.apr1Crypt("not-the-password".getBytes(StandardCharsets.UTF_8), users.get("crmctl")))
                .isNotEqualTo(users.get("crmctl"));
        assertThat(compose.environment("kafka-ui").get("KAFKA_CLUSTERS_0_SCHEMAREGISTRY").toString())
                .startsWith("http://" + REGISTRY_PROXY + ":8080/");
    }

    /** Who calls the registry, with the user and password each is given (null where none is). */
    private static Map<String, String[]> registryClients() {
        Map<String, String[]> clients = new LinkedHashMap<>();
        for (String service : compose.crmServices().keySet()) {
            var registry = ServiceConfiguration.of(compose, service).bind("crm.kafka", CrmKafkaProperties.class).schemaRegistry();
            clients.put(service, new String[] {registry.username(), registry.password()});
        }
        Map<String, Object> kafkaUi = compose.environment("kafka-ui");
        clients.put("kafka-ui", new String[] {(String) kafkaUi.get("KAFKA_CLUSTERS_0_SCHEMAREGISTRYAUTH_USERNAME"),
                (String) kafkaUi.get("KAFKA_CLUSTERS_0_SCHEMAREGISTRYAUTH_PASSWORD")});
        return clients;
    }

    /** The proxy's users and their hashes, read from the file compose mounts where nginx.conf looks for it. */
    private static Map<String, String> proxyUsers() {
        var mount = compose.mounts(REGISTRY_PROXY).stream().filter(volume -> volume.target().equals(proxyUserFile())).findFirst()
                .orElseThrow(() -> new AssertionError(REGISTRY_PROXY + " mounts nothing at " + proxyUserFile()));
        Map<String, String> users = new LinkedHashMap<>();
        Repository.text(mount.source().replaceFirst("^\\./", "")).lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> users.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1)));
        return users;
    }

    private static String proxyUserFile() {
        var file = Pattern.compile("auth_basic_user_file ([^;]+);").matcher(Repository.text(PROXY_CONFIGURATION));
        assertThat(file.find()).as("%s names its users' file", PROXY_CONFIGURATION).isTrue();
        return file.group(1);
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
    void theExampleSecretsStartOnlyBecauseTheComposeFileAllowsThemExplicitly() {
        for (String service : compose.crmServices().keySet()) {
            Map<String, Object> environment = compose.environment(service);
            assertThat(environment).as(service).containsEntry("CRM_LOCAL_STACK_EXAMPLE_SECRETS", ExampleSecretsGuard.ALLOWED);
            assertThatCode(() -> ExampleSecretsGuard.check(environmentOf(environment))).as(service).doesNotThrowAnyException();

            var copied = new HashMap<>(environment);
            copied.remove("CRM_LOCAL_STACK_EXAMPLE_SECRETS");
            assertThatThrownBy(() -> ExampleSecretsGuard.check(environmentOf(copied))).as(service)
                    .isInstanceOf(ExampleSecretRefusedException.class);
        }
    }

    private static StandardEnvironment environmentOf(Map<String, Object> variables) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return environment;
    }

    /**
     * The console is built from the Dockerfile, asks the three services inside the network on their public ports (and
     * the management ports for the overview's figures), is healthy once its own management port says it is ready,
     * and is published where the local stack's console is.
     */
    @Test
    void theConsoleAsksTheServicesInsideTheNetworkAndIsHealthyWhenReady() {
        assertThat(compose.service("console").path("build").path("target").asString()).isEqualTo(ComposeFile.CONSOLE_TARGET);
        assertThat(Repository.text("Dockerfile")).contains("AS " + ComposeFile.CONSOLE_TARGET);
        Map<String, Object> environment = compose.environment("console");
        assertThat(environment).containsEntry("CRM_CONSOLE_INGEST_URL", "http://ingest-service:8080")
                .containsEntry("CRM_CONSOLE_SEGMENTATION_URL", "http://segmentation-streams-1:8081")
                .containsEntry("CRM_CONSOLE_NOTIFIER_URL", "http://notifier-service:8082")
                .containsEntry("CRM_CONSOLE_INGEST_MANAGEMENT_URL", "http://ingest-service:8180")
                .containsEntry("CRM_CONSOLE_SEGMENTATION_MANAGEMENT_URL", "http://segmentation-streams-1:8181");
        assertThat(compose.service("console").path("healthcheck").path("test").toString())
                .contains("/actuator/health/readiness").contains("\"8184\"");
        assertThat(compose.ports("console")).contains(new ComposeFile.PublishedPort(8084, 8084));
    }

    @Test
    void hostPortsAreTheLocalStacksSoTheReadmeExamplesWork() {
        assertThat(compose.ports("ingest-service")).contains(new ComposeFile.PublishedPort(8080, 8080));
        assertThat(compose.ports("segmentation-streams-1")).contains(new ComposeFile.PublishedPort(8081, 8081));
        assertThat(compose.ports("notifier-service")).contains(new ComposeFile.PublishedPort(8082, 8082));
        assertThat(compose.ports(REGISTRY_PROXY)).contains(new ComposeFile.PublishedPort(8085, 8080));
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

    private static boolean isOneShot(String service) {
        return "no".equals(compose.service(service).path("restart").asString());
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
