package org.touchpointcrm.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.touchpointcrm.platform.acls.KafkaAccess;
import org.touchpointcrm.platform.acls.KafkaPrincipals;
import org.touchpointcrm.platform.acls.ServicePrincipal;

/**
 * The secured broker of the local stack (--kafka-security scram-tls) and how its clients reach it: TLS with a
 * throwaway self-signed certificate for localhost (made with the JDK's keytool at every start), SASL/SCRAM-SHA-512
 * with a random password per principal of {@link KafkaPrincipals}, the standard authorizer denying whatever no ACL
 * allows, and one super user, the broker's own {@value #ADMIN}. docs/security.md (Kafka and registry) is the
 * production counterpart.
 */
public final class KafkaSecurity {

    /** The broker's own principal and the only super user: the broker itself and the stack's provisioning. */
    public static final String ADMIN = "admin";
    public static final String SCRAM_MECHANISM = "SCRAM-SHA-512";
    private static final String STORE_TYPE = "PKCS12";
    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keystore;
    private final Path truststore;
    private final String storePassword;
    private final Map<String, String> passwords;

    private KafkaSecurity(Path keystore, Path truststore, String storePassword, Map<String, String> passwords) {
        this.keystore = keystore;
        this.truststore = truststore;
        this.storePassword = storePassword;
        this.passwords = Map.copyOf(passwords);
    }

    /** A key pair and certificate for localhost in {@code directory}, and fresh passwords for every principal. */
    public static KafkaSecurity generate(Path directory) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        String storePassword = randomSecret();
        Path keystore = directory.resolve("broker.p12");
        Path certificate = directory.resolve("broker.pem");
        Path truststore = directory.resolve("truststore.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "30",
                "-keystore", keystore.toString(), "-storetype", STORE_TYPE,
                "-storepass", storePassword, "-keypass", storePassword);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-file", certificate.toString(),
                "-keystore", keystore.toString(), "-storetype", STORE_TYPE, "-storepass", storePassword);
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(),
                "-keystore", truststore.toString(), "-storetype", STORE_TYPE, "-storepass", storePassword);
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(ADMIN, randomSecret());
        KafkaPrincipals.ALL.forEach(principal -> passwords.put(principal.name(), randomSecret()));
        return new KafkaSecurity(keystore, truststore, storePassword, passwords);
    }

    /** The password of a principal of {@link KafkaPrincipals}, or of {@link #ADMIN}. */
    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no SCRAM user '" + user + "'; known: " + passwords.keySet());
        }
        return password;
    }

    /**
     * The broker's settings: clients on SASL_SSL with SCRAM-SHA-512 (the test kit's EXTERNAL listener, also the
     * inter-broker one), the controller on PLAIN (KRaft controllers cannot use SCRAM, whose credentials live in the
     * metadata they serve), and the standard authorizer that refuses what no ACL allows.
     */
    Map<String, String> brokerConfig(String brokerListener, String controllerListener) {
        String broker = brokerListener.toLowerCase(Locale.ROOT);
        String controller = controllerListener.toLowerCase(Locale.ROOT);
        String adminPassword = password(ADMIN);
        Map<String, String> config = new HashMap<>();
        config.put("listener.security.protocol.map", brokerListener + ":SASL_SSL," + controllerListener + ":SASL_PLAINTEXT");
        config.put("listener.name." + broker + ".sasl.enabled.mechanisms", SCRAM_MECHANISM);
        config.put("listener.name." + broker + "." + SCRAM_MECHANISM.toLowerCase(Locale.ROOT) + ".sasl.jaas.config",
                scramJaas(ADMIN, adminPassword));
        config.put("sasl.mechanism.inter.broker.protocol", SCRAM_MECHANISM);
        config.put("listener.name." + controller + ".sasl.enabled.mechanisms", "PLAIN");
        config.put("listener.name." + controller + ".plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                        + "\" password=\"" + adminPassword + "\" user_" + ADMIN + "=\"" + adminPassword + "\";");
        config.put("sasl.mechanism.controller.protocol", "PLAIN");
        config.put(SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore.toString());
        config.put(SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, STORE_TYPE);
        config.put(SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, storePassword);
        config.put(SslConfigs.SSL_KEY_PASSWORD_CONFIG, storePassword);
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.toString());
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, STORE_TYPE);
        config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, storePassword);
        config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        config.put("allow.everyone.if.no.acl.found", "false");
        config.put("super.users", "User:" + ADMIN);
        return config;
    }

    /** What a Kafka client of {@code user} adds to its configuration. */
    public Map<String, Object> clientConfig(String user) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
        config.put(SaslConfigs.SASL_MECHANISM, SCRAM_MECHANISM);
        config.put(SaslConfigs.SASL_JAAS_CONFIG, scramJaas(user, password(user)));
        config.put(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.toString());
        config.put(SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, STORE_TYPE);
        config.put(SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, storePassword);
        return config;
    }

    /**
     * A service's command-line settings for Spring Boot: its own principal, through the properties Boot already has
     * ({@code spring.kafka.security.protocol}, {@code spring.kafka.ssl.*}) and the pass-through for SASL
     * ({@code spring.kafka.properties.*}), which reach every client: producers, consumers, admin and Streams.
     */
    List<String> springArgs(ServicePrincipal principal) {
        List<String> args = new ArrayList<>();
        args.add("--spring.kafka.security.protocol=SASL_SSL");
        args.add("--spring.kafka.ssl.trust-store-location=file:" + truststore);
        args.add("--spring.kafka.ssl.trust-store-type=" + STORE_TYPE);
        args.add("--spring.kafka.ssl.trust-store-password=" + storePassword);
        args.add("--spring.kafka.properties.sasl.mechanism=" + SCRAM_MECHANISM);
        args.add("--spring.kafka.properties.sasl.jaas.config=" + scramJaas(principal.name(), password(principal.name())));
        return args;
    }

    /** Every principal's SCRAM credential and ACLs, applied as the super user. */
    void provision(String bootstrapServers) throws Exception {
        Map<String, Object> config = new HashMap<>(clientConfig(ADMIN));
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        Map<String, String> users = new LinkedHashMap<>(passwords);
        users.remove(ADMIN);
        try (Admin admin = Admin.create(config)) {
            long timeout = TimeUnit.SECONDS.toMillis(30);
            KafkaAccess.upsertScramUsers(admin, users, timeout);
            KafkaAccess.applyAcls(admin, KafkaPrincipals.ALL, timeout);
        }
    }

    /**
     * Client property files for Kafka's tools and crmctl ({@code --command-config}): {@code crmctl.properties} as
     * crmctl's principal, {@code admin.properties} as the super user. Written next to the trust store.
     */
    Path writeClientProperties(String user) throws IOException {
        Properties properties = new Properties();
        clientConfig(user).forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
        Path file = truststore.resolveSibling(user + ".properties");
        try (var writer = Files.newBufferedWriter(file)) {
            properties.store(writer, "Kafka client settings of " + user + " for the local stack's secured broker");
        }
        return file;
    }

    static String scramJaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(KEYTOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("keytool " + args[0] + " did not finish within " + KEYTOOL_TIMEOUT);
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool " + args[0] + " failed (exit " + process.exitValue() + "): " + new String(output));
        }
    }
}
