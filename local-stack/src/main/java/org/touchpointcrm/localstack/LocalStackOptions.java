package org.touchpointcrm.localstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * What the local stack is started with. Every port may be 0 for "any free port".
 *
 * @param trafficRate touchpoints per second from the simulator; 0 turns it off
 * @param quietHours  whether the notifier keeps its quiet hours (21–08 in the customer's time zone); tests turn them
 *                    off, so that what they send goes out whatever the time of day they run at
 * @param secureKafka whether the broker runs as production's does (--kafka-security scram-tls): SASL/SCRAM over TLS,
 *                    ACLs, each service its own principal (docs/security.md); off by default
 * @param consolePort the marketers' console (docs/console.md)
 */
public record LocalStackOptions(Path data, Path registryHome, int ingestPort, int segmentationPort, int notifierPort,
                         int registryPort, int smtpPort, int imapPort, int mailPagePort, int smsPort,
                         int trafficRate, int customers, long seed, boolean quietHours, boolean secureKafka,
                         int consolePort) {

    /** The value of --kafka-security that secures the broker; {@value #PLAIN_KAFKA} (the default) does not. */
    static final String SECURE_KAFKA = "scram-tls";
    static final String PLAIN_KAFKA = "none";

    static final String USAGE = """
            usage: LocalStack [--data DIR] [--rate EVENTS_PER_SECOND] [--customers N] [--seed N]
                              [--ingest-port P] [--segmentation-port P] [--notifier-port P]
                              [--registry-port P] [--smtp-port P] [--imap-port P] [--mail-page-port P]
                              [--sms-port P] [--console-port P] [--kafka-security none|scram-tls]
              --rate 0 starts no traffic; a port of 0 picks a free one; --kafka-security scram-tls runs the broker
              with SASL/SCRAM over TLS and ACLs, each service as its own principal.""";

    private static final Set<String> FLAGS = Set.of("--data", "--rate", "--customers", "--seed", "--ingest-port",
            "--segmentation-port", "--notifier-port", "--registry-port", "--smtp-port", "--imap-port", "--mail-page-port",
            "--sms-port", "--console-port", "--kafka-security");

    /** The defaults a person running the stack gets: fixed, memorable ports and gentle traffic. */
    static LocalStackOptions defaults(Path data, Path registryHome) {
        return new LocalStackOptions(data, registryHome, 8080, 8081, 8082, 8085, 3025, 3143, 8025, 8086, 5, 300, 42L, true, false, 8084);
    }

    /** For tests: free ports everywhere and no simulated traffic. */
    public static LocalStackOptions forTests(Path data, Path registryHome) {
        return new LocalStackOptions(data, registryHome, 0, 0, 0, 0, 0, 0, 0, 0, 0, 300, 42L, false, false, 0);
    }

    static LocalStackOptions parse(String[] args, Path registryHome) {
        Map<String, String> given = CommandLineFlags.read(args, FLAGS, USAGE);
        var d = defaults(Path.of(given.getOrDefault("--data", "stack-data")), registryHome);
        return new LocalStackOptions(d.data(), registryHome,
                number(given, "--ingest-port", d.ingestPort()), number(given, "--segmentation-port", d.segmentationPort()),
                number(given, "--notifier-port", d.notifierPort()), number(given, "--registry-port", d.registryPort()),
                number(given, "--smtp-port", d.smtpPort()), number(given, "--imap-port", d.imapPort()),
                number(given, "--mail-page-port", d.mailPagePort()),
                number(given, "--sms-port", d.smsPort()), number(given, "--rate", d.trafficRate()),
                number(given, "--customers", d.customers()), number(given, "--seed", (int) d.seed()), d.quietHours(),
                secureKafka(given.getOrDefault("--kafka-security", PLAIN_KAFKA)),
                number(given, "--console-port", d.consolePort()));
    }

    private static boolean secureKafka(String value) {
        return switch (value) {
            case SECURE_KAFKA -> true;
            case PLAIN_KAFKA -> false;
            default -> throw new IllegalArgumentException("--kafka-security takes " + PLAIN_KAFKA + " or " + SECURE_KAFKA
                    + ", not '" + value.substring(0, Math.min(value.length(), 20)) + "'\n" + USAGE);
        };
    }

    private static int number(Map<String, String> given, String flag, int fallback) {
        String value = given.get(flag);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(flag + " takes a whole number of 0 or more, not '" + value + "'\n" + USAGE);
    }
}
