package org.touchpointcrm.localstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.access.ExampleSecretsGuard;
import org.touchpointcrm.access.examples.LocalStackExamples;
import org.touchpointcrm.console.ConsoleApplication;
import org.touchpointcrm.ingest.IngestApplication;
import org.touchpointcrm.notifier.NotifierApplication;
import org.touchpointcrm.notifier.sms.loopback.LoopbackSmsGateway;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.metrics.KafkaMetricsAutoConfiguration;
import org.touchpointcrm.platform.CrmKafkaAutoConfiguration;
import org.touchpointcrm.platform.acls.KafkaPrincipals;
import org.touchpointcrm.platform.health.CrmHealthAutoConfiguration;
import org.touchpointcrm.platform.acls.ServicePrincipal;
import org.touchpointcrm.segmentation.SegmentationApplication;

/**
 * The whole pipeline on one machine, from one command: a real KRaft broker, the schema registry,
 * a mail catcher, the three services and a traffic simulator, all on 127.0.0.1. Stops in reverse
 * order on Ctrl-C. The data directory is emptied at every start: the stack always starts fresh.
 */
public final class LocalStack implements AutoCloseable {

    /** The local stack's SMS gateway account and its token (examples). */
    static final String SMS_ACCOUNT = "AC-local-stack";
    static final String SMS_AUTH_TOKEN = LocalStackExamples.SMS_AUTH_TOKEN;

    /** Signs the links in the local stack's messages; an example, like the keys: never a real installation's. */
    static final String LINK_SECRET = LocalStackExamples.LINK_SECRET;

    /**
     * The API key the local stack's ingest-service knows: for curl, the simulator and tests. Every
     * channel and every operation of ingest; a real installation mints one key per channel system
     * (docs/ingest.md). The services refuse it anywhere but here (docs/security.md, Secrets).
     */
    public static final String DEMO_API_KEY = LocalStackExamples.DEMO_API_KEY;
    /**
     * The API key the local stack's segmentation-streams and notifier-service know, a marketer's: reads
     * and writes segment definitions ({@code /v1/segment-definitions}) and campaigns ({@code /v1/campaigns});
     * a real installation mints one per marketer or tool (docs/segmentation.md, docs/campaigns.md).
     */
    public static final String MARKETER_API_KEY = LocalStackExamples.MARKETER_API_KEY;
    /**
     * A read-only analyst's key of segmentation-streams and notifier-service: reads segments, profiles and campaigns,
     * changes nothing. For trying the console as someone who may only look (docs/console.md).
     */
    public static final String ANALYST_API_KEY = LocalStackExamples.ANALYST_API_KEY;
    /** ingest-service's own key for segmentation's profile query: PROFILES_READ only. */
    public static final String INGEST_SERVICE_KEY = LocalStackExamples.INGEST_SERVICE_KEY;
    /** The notifier's own key for segmentation's profile query (its consent check): PROFILES_READ only. */
    public static final String NOTIFIER_SERVICE_KEY = LocalStackExamples.NOTIFIER_SERVICE_KEY;
    /** The key segmentation-streams' instances ask each other with: INSTANCE_QUERIES only. */
    public static final String SEGMENTATION_INSTANCE_KEY = LocalStackExamples.SEGMENTATION_INSTANCE_KEY;
    private static final Set<Operation> INGEST_OPERATIONS = EnumSet.of(Operation.TOUCHPOINTS_WRITE,
            Operation.CONSENT_WRITE, Operation.CUSTOMERS_WRITE, Operation.CUSTOMERS_READ, Operation.CUSTOMERS_ERASE);
    /**
     * The local stack's marketer also reads profiles, so that the README's curl examples work with one key, and
     * writes rules that read contact fields: the end-to-end tests pick their run's customers by id.
     */
    private static final Set<Operation> MARKETER_OPERATIONS = EnumSet.of(Operation.SEGMENTS_READ, Operation.SEGMENTS_WRITE,
            Operation.PROFILES_READ, Operation.CONTACTS_READ);
    private static final Set<Operation> CAMPAIGN_OPERATIONS = EnumSet.of(Operation.CAMPAIGNS_READ, Operation.CAMPAIGNS_WRITE);
    private static final Set<Operation> ANALYST_OPERATIONS = EnumSet.of(Operation.SEGMENTS_READ, Operation.PROFILES_READ);

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration STREAMS_READY_TIMEOUT = Duration.ofSeconds(120);
    private static final String LOOPBACK = "127.0.0.1";

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private Path data;
    private String bootstrapServers;
    private URI registryUrl;
    private long registryPid;
    private MailCatcher mail;
    private LoopbackSmsGateway sms;
    private URI ingestUrl;
    private URI segmentationUrl;
    private URI notifierUrl;
    private URI ingestManagementUrl;
    private URI segmentationManagementUrl;
    private URI notifierManagementUrl;
    private URI consoleUrl;
    private TrafficSimulator traffic;
    /** Set when the broker runs with SASL/SCRAM over TLS and ACLs (--kafka-security scram-tls). */
    private KafkaSecurity kafkaSecurity;
    private Path crmctlProperties;

    private Map<String, String> notifierSettings = Map.of();
    /** One line per part started, for the terminal; nothing for tests and benchmarks. */
    private Consumer<String> progress = line -> { };
    /** Whether the log moves to the data directory once it is emptied (the command line), or stays as it is (tests). */
    private boolean logToDataDirectory;

    private LocalStack() {
    }

    /** Starts everything, in order, or stops what it had started and rethrows. */
    public static LocalStack start(LocalStackOptions options) throws Exception {
        return start(options, Map.of());
    }

    /**
     * As {@link #start(LocalStackOptions)}, with notifier-service settings that replace the stack's own (e.g. the
     * notifier benchmark's {@code spring.mail.port}, its own SMTP sink's).
     */
    public static LocalStack start(LocalStackOptions options, Map<String, String> notifierSettings) throws Exception {
        return start(new LocalStack(), options, notifierSettings);
    }

    private static LocalStack start(LocalStack stack, LocalStackOptions options, Map<String, String> notifierSettings)
            throws Exception {
        stack.notifierSettings = Map.copyOf(notifierSettings);
        try {
            stack.startAll(options);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(LocalStackOptions o) throws Exception {
        Path data = o.data().toAbsolutePath();
        emptyDirectory(data);
        if (logToDataDirectory) {
            StackLog.writeTo(data.resolve(StackLog.FILE));
            progress.accept("Logs (broker, Streams, clients)   " + data.resolve(StackLog.FILE));
        }
        var started = new Started(progress);

        if (o.secureKafka()) {
            kafkaSecurity = KafkaSecurity.generate(data.resolve("kafka-security"));
            crmctlProperties = kafkaSecurity.writeClientProperties(KafkaPrincipals.CRMCTL.name());
            kafkaSecurity.writeClientProperties(KafkaSecurity.ADMIN);
        }
        var broker = kafkaSecurity == null ? EmbeddedBroker.start(data.resolve("kafka"))
                : EmbeddedBroker.startSecured(data.resolve("kafka"), kafkaSecurity);
        running.push(broker);
        bootstrapServers = broker.bootstrapServers();
        started.part("Kafka broker (KRaft)");

        var registry = EmbeddedRegistry.start(o.registryHome(), portOrFree(o.registryPort()), FreePort.pick(),
                data.resolve("logs/schema-registry.log"));
        running.push(registry);
        registryUrl = registry.url();
        registryPid = registry.pid();
        started.part("schema registry");

        mail = MailCatcher.start(o.smtpPort(), o.imapPort(), o.mailPagePort());
        running.push(mail);
        started.part("mail catcher");
        sms = new LoopbackSmsGateway(o.smsPort(), SMS_ACCOUNT, SMS_AUTH_TOKEN);
        running.push(sms);
        started.part("SMS gateway (loopback)");

        int ingestPort = portOrFree(o.ingestPort());
        int segmentationPort = portOrFree(o.segmentationPort());
        segmentationUrl = URI.create("http://" + LOOPBACK + ":" + segmentationPort);
        ingestManagementUrl = managementUrl(o.ingestPort());
        running.push(service(IngestApplication.application(), ingestPort, ingestManagementUrl,
                "--crm.ingest.access.keys[0].name=local-stack-demo",
                "--crm.ingest.access.keys[0].sha256=" + ApiKeys.sha256Hex(DEMO_API_KEY),
                "--crm.ingest.access.keys[0].channels=EMAIL,SMS,WEB,POS",
                "--crm.ingest.access.keys[0].operations=" + names(INGEST_OPERATIONS),
                // GET /v1/customers/{id} of ingest-service answers from segmentation's profile query, asked with its own key.
                "--crm.ingest.profile-query-url=" + segmentationUrl,
                "--crm.ingest.profile-query-api-key=" + INGEST_SERVICE_KEY));
        ingestUrl = URI.create("http://" + LOOPBACK + ":" + ingestPort);
        started.part("ingest-service");

        this.data = data;
        segmentationManagementUrl = managementUrl(o.segmentationPort());
        var segmentation = segmentation(segmentationPort, segmentationManagementUrl, data.resolve("segmentation-state"));
        running.push(segmentation);
        started.part("segmentation-streams");

        int notifierPort = portOrFree(o.notifierPort());
        var notifierArgs = new ArrayList<>(List.of(
                "--crm.notifier.access.keys[0].name=marketer",
                "--crm.notifier.access.keys[0].sha256=" + ApiKeys.sha256Hex(MARKETER_API_KEY),
                "--crm.notifier.access.keys[0].operations=" + names(CAMPAIGN_OPERATIONS),
                "--crm.notifier.access.keys[1].name=analyst",
                "--crm.notifier.access.keys[1].sha256=" + ApiKeys.sha256Hex(ANALYST_API_KEY),
                "--crm.notifier.access.keys[1].operations=" + Operation.CAMPAIGNS_READ,
                "--spring.kafka.streams.state-dir=" + data.resolve("notifier-state"),
                "--spring.kafka.streams.properties.application.server=" + LOOPBACK + ":" + notifierPort,
                "--spring.mail.host=" + LOOPBACK, "--spring.mail.port=" + mail.smtpPort(),
                "--crm.notifier.links.base-url=http://" + LOOPBACK + ":" + notifierPort,
                "--crm.notifier.links.secret=" + LINK_SECRET,
                "--crm.notifier.sms.base-url=" + sms.baseUrl(),
                "--crm.notifier.sms.account-sid=" + SMS_ACCOUNT, "--crm.notifier.sms.auth-token=" + SMS_AUTH_TOKEN,
                // Consent is read again from the live profile before every send, with the notifier's own key.
                "--crm.notifier.profile-query-url=" + segmentationUrl,
                "--crm.notifier.profile-query-api-key=" + NOTIFIER_SERVICE_KEY));
        if (!o.quietHours()) {
            // A window from a time to itself: nothing is deferred (else notifier.yml's 21:00–08:00).
            notifierArgs.addAll(List.of("--crm.notifier.decisions.quiet-hours.start=00:00",
                    "--crm.notifier.decisions.quiet-hours.end=00:00"));
        }
        notifierArgs.removeIf(arg -> notifierSettings.keySet().stream().anyMatch(key -> arg.startsWith("--" + key + "=")));
        notifierSettings.forEach((key, value) -> notifierArgs.add("--" + key + "=" + value));
        notifierManagementUrl = managementUrl(o.notifierPort());
        var notifier = service(NotifierApplication.application(), notifierPort, notifierManagementUrl,
                notifierArgs.toArray(String[]::new));
        running.push(notifier);
        notifierUrl = URI.create("http://" + LOOPBACK + ":" + notifierPort);
        started.part("notifier-service");

        awaitStreamsRunning(segmentation);
        awaitStreamsRunning(notifier);
        started.part("Kafka Streams of segmentation and notifier RUNNING");
        ExampleCampaigns.create(notifierUrl, MARKETER_API_KEY);
        started.part("example campaigns");
        running.push(console(portOrFree(o.consolePort()), managementUrl(o.consolePort())));
        started.part("console");

        if (o.trafficRate() > 0) {
            traffic = new TrafficSimulator(ingestUrl, DEMO_API_KEY, o.customers(), o.seed(), Clock.systemUTC());
            running.push(traffic);
            traffic.start(o.trafficRate());
            started.part("traffic simulator");
        }
    }

    /** Says on the terminal that a part is up and how long it took. */
    private static final class Started {

        private final Consumer<String> progress;
        private Instant since = Instant.now();

        Started(Consumer<String> progress) {
            this.progress = progress;
        }

        void part(String name) {
            Instant now = Instant.now();
            progress.accept("Started %-52s %5.1f s".formatted(name, Duration.between(since, now).toMillis() / 1000.0));
            since = now;
        }
    }

    /**
     * Actuator, metrics and the API description of a service: a port of its own, on the loopback too;
     * the public port plus 100 when that was given (8180 for 8080, as in the services' yml), else a free one.
     */
    private static URI managementUrl(int publicPortOption) {
        return URI.create("http://" + LOOPBACK + ":" + (publicPortOption == 0 ? FreePort.pick() : publicPortOption + 100));
    }

    private ConfigurableApplicationContext service(SpringApplicationBuilder application, int port, URI management,
                                                   String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--server.address=" + LOOPBACK,
                "--management.server.port=" + management.getPort(),
                "--management.server.address=" + LOOPBACK,
                "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                "--crm.kafka.schema-registry-url=" + registryUrl,
                "--crm.kafka.replication-factor=1",
                "--spring.main.banner-mode=off",
                // One JVM has one logging system; the logger names tell the services apart.
                "--logging.include-application-name=false",
                // The one place the example secrets above are allowed; every other start refuses them.
                "--" + ExampleSecretsGuard.SWITCH + "=" + ExampleSecretsGuard.ALLOWED));
        args.addAll(List.of(extra));
        if (kafkaSecurity != null) {
            args.addAll(kafkaSecurity.springArgs(principalOf(application)));
        }
        // The stack closes the services itself, in order; their own hooks would race it.
        return application.registerShutdownHook(false).run(args.toArray(String[]::new));
    }

    /**
     * The marketers' console: a client of the three services' public ports (and of ingest's and segmentation's
     * management ports for the overview's figures); it has no keys of its own, people sign in with theirs.
     */
    private ConfigurableApplicationContext console(int port, URI management) {
        consoleUrl = URI.create("http://" + LOOPBACK + ":" + port);
        return ConsoleApplication.application().registerShutdownHook(false).run(
                "--server.port=" + port,
                "--server.address=" + LOOPBACK,
                "--management.server.port=" + management.getPort(),
                "--management.server.address=" + LOOPBACK,
                "--spring.main.banner-mode=off",
                "--logging.include-application-name=false",
                "--crm.console.ingest-url=" + ingestUrl,
                "--crm.console.segmentation-url=" + segmentationUrl,
                "--crm.console.notifier-url=" + notifierUrl,
                "--crm.console.ingest-management-url=" + ingestManagementUrl,
                "--crm.console.segmentation-management-url=" + segmentationManagementUrl,
                // One classpath with the services: their Kafka auto-configuration is not the console's, which is no Kafka client.
                "--spring.autoconfigure.exclude=" + Stream.of(CrmKafkaAutoConfiguration.class, CrmHealthAutoConfiguration.class,
                        KafkaAutoConfiguration.class, KafkaMetricsAutoConfiguration.class).map(Class::getName)
                        .collect(Collectors.joining(",")));
    }

    /**
     * One more segmentation-streams instance in this JVM, with its own port and state directory, in
     * the same consumer group: what scaling out does. Kafka moves some of the profile partitions to it.
     * The caller closes it (its partitions move back); the stack does not.
     */
    public ConfigurableApplicationContext startSegmentationInstance() {
        int port = FreePort.pick();
        var instance = segmentation(port, managementUrl(0), data.resolve("segmentation-state-" + port));
        awaitStreamsRunning(instance);
        return instance;
    }

    /**
     * Its keys: the marketer's, ingest's and the notifier's service keys for the profile query, and the
     * instances' own key, which each instance also sends when it asks another.
     */
    private ConfigurableApplicationContext segmentation(int port, URI management, Path stateDir) {
        return service(SegmentationApplication.application(), port, management,
                "--crm.segmentation.access.keys[0].name=marketer",
                "--crm.segmentation.access.keys[0].sha256=" + ApiKeys.sha256Hex(MARKETER_API_KEY),
                "--crm.segmentation.access.keys[0].operations=" + names(MARKETER_OPERATIONS),
                "--crm.segmentation.access.keys[1].name=ingest-service",
                "--crm.segmentation.access.keys[1].sha256=" + ApiKeys.sha256Hex(INGEST_SERVICE_KEY),
                "--crm.segmentation.access.keys[1].operations=" + Operation.PROFILES_READ,
                "--crm.segmentation.access.keys[2].name=notifier-service",
                "--crm.segmentation.access.keys[2].sha256=" + ApiKeys.sha256Hex(NOTIFIER_SERVICE_KEY),
                "--crm.segmentation.access.keys[2].operations=" + Operation.PROFILES_READ,
                "--crm.segmentation.access.keys[3].name=segmentation-instances",
                "--crm.segmentation.access.keys[3].sha256=" + ApiKeys.sha256Hex(SEGMENTATION_INSTANCE_KEY),
                "--crm.segmentation.access.keys[3].operations=" + Operation.INSTANCE_QUERIES,
                "--crm.segmentation.access.keys[4].name=analyst",
                "--crm.segmentation.access.keys[4].sha256=" + ApiKeys.sha256Hex(ANALYST_API_KEY),
                "--crm.segmentation.access.keys[4].operations=" + names(ANALYST_OPERATIONS),
                "--crm.segmentation.access.instance-key=" + SEGMENTATION_INSTANCE_KEY,
                "--spring.kafka.streams.state-dir=" + stateDir,
                "--spring.kafka.streams.properties.application.server=" + LOOPBACK + ":" + port);
    }

    /** Each service connects to a secured broker as its own principal. */
    private static ServicePrincipal principalOf(SpringApplicationBuilder application) {
        Set<Object> sources = application.application().getAllSources();
        if (sources.contains(IngestApplication.class)) {
            return KafkaPrincipals.INGEST;
        }
        if (sources.contains(SegmentationApplication.class)) {
            return KafkaPrincipals.SEGMENTATION;
        }
        if (sources.contains(NotifierApplication.class)) {
            return KafkaPrincipals.NOTIFIER;
        }
        throw new IllegalArgumentException("no Kafka principal for an application of " + sources);
    }

    /** The stack is ready when both Streams apps are RUNNING, not merely started. */
    private static void awaitStreamsRunning(ConfigurableApplicationContext service) {
        var factory = service.getBean(StreamsBuilderFactoryBean.class);
        Instant deadline = Instant.now().plus(STREAMS_READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            KafkaStreams streams = factory.getKafkaStreams();
            if (streams != null && streams.state() == KafkaStreams.State.RUNNING) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new IllegalStateException(service.getId() + ": Kafka Streams not RUNNING within " + STREAMS_READY_TIMEOUT);
    }

    private static String names(Set<Operation> operations) {
        return operations.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    private static int portOrFree(int port) {
        return port == 0 ? FreePort.pick() : port;
    }

    /** Deletes what {@code directory} holds (or creates it): every run starts fresh. The benchmarks use it too. */
    public static void emptyDirectory(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(directory);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public URI registryUrl() {
        return registryUrl;
    }

    public URI ingestUrl() {
        return ingestUrl;
    }

    public URI segmentationUrl() {
        return segmentationUrl;
    }

    public URI notifierUrl() {
        return notifierUrl;
    }

    /** The marketers' console: sign in with the marketer's (or the analyst's) key. */
    public URI consoleUrl() {
        return consoleUrl;
    }

    /** ingest-service's management port: /actuator/health, /actuator/prometheus, /actuator/openapi. */
    public URI ingestManagementUrl() {
        return ingestManagementUrl;
    }

    /** The first segmentation-streams instance's management port. */
    public URI segmentationManagementUrl() {
        return segmentationManagementUrl;
    }

    /** notifier-service's management port. */
    public URI notifierManagementUrl() {
        return notifierManagementUrl;
    }

    MailCatcher mail() {
        return mail;
    }

    /** The loopback SMS gateway the notifier sends to: what it recorded, and failures to inject. */
    public LoopbackSmsGateway sms() {
        return sms;
    }

    String describe(LocalStackOptions o, Duration startup) {
        return """

                Touchpoint CRM local stack is up (started in %.1f s)
                  Kafka (KRaft)          %s%s
                  Schema registry        %s/apis/ccompat/v7   (process %d)
                  ingest-service         %s/v1/touchpoints, /v1/customers   (API key: %s)
                  segmentation-streams   %s/v1/customers/{customerId}/profile, /v1/segment-definitions   (marketer key: %s)
                  notifier-service       %s/v1/campaigns, /v1/campaigns/{id}/results   (marketer key)
                  Console                %s/   (sign in with the marketer key, or the read-only %s)
                  Management (no key)    ingest %s, segmentation %s, notifier %s
                                         /actuator/health, /actuator/prometheus, /actuator/openapi, /actuator/swagger-ui
                  Mail catcher           http://%s:%d/   (SMTP %d, IMAP %d)
                  SMS gateway (loopback) %s%s
                  Traffic                %s
                  Data                   %s
                Press Ctrl-C to stop.
                """.formatted(startup.toMillis() / 1000.0, bootstrapServers,
                kafkaSecurity == null ? "" : "   (SASL_SSL, SCRAM-SHA-512, ACLs; crmctl --command-config " + crmctlProperties + ")",
                registryUrl, registryPid, ingestUrl, DEMO_API_KEY,
                segmentationUrl, MARKETER_API_KEY, notifierUrl, consoleUrl, ANALYST_API_KEY, ingestManagementUrl, segmentationManagementUrl,
                notifierManagementUrl, LOOPBACK, mail.pagePort(), mail.smtpPort(), mail.imapPort(),
                sms.baseUrl(), LoopbackSmsGateway.MESSAGES_LISTING_PATH,
                o.trafficRate() == 0 ? "off" : o.trafficRate() + " touchpoints/s for " + o.customers() + " customers",
                o.data().toAbsolutePath());
    }

    /** Stops what was started, newest first; a part that fails to stop does not keep the rest running. */
    @Override
    public void close() {
        while (!running.isEmpty()) {
            AutoCloseable part = running.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path registryHome = Path.of(System.getProperty(EmbeddedRegistry.HOME_PROPERTY, "local-stack/target/apicurio-registry"));
        LocalStackOptions options = CommandLineFlags.parseOrExit(args, given -> LocalStackOptions.parse(given, registryHome));
        Instant begun = Instant.now();
        var terminal = new LocalStack();
        terminal.progress = System.out::println;
        terminal.logToDataDirectory = true;
        LocalStack stack = start(terminal, options, Map.of());
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("local-stack-stop").unstarted(() -> {
            System.out.println("Stopping the local stack...");
            stack.close();
            stopped.countDown();
        }));
        System.out.println(stack.describe(options, Duration.between(begun, Instant.now())));
        stopped.await();
    }

}
