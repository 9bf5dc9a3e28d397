package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

    private static final Path REGISTRY = Path.of("registry");

    @Test
    void withoutArgumentsThePersonGetsTheDocumentedPortsAndGentleTraffic() {
        var options = LocalStackOptions.parse(new String[0], REGISTRY);

        assertThat(options.ingestPort()).isEqualTo(8080);
        assertThat(options.segmentationPort()).isEqualTo(8081);
        assertThat(options.mailPagePort()).isEqualTo(8025);
        assertThat(options.smsPort()).isEqualTo(8086);
        assertThat(options.consolePort()).isEqualTo(8084);
        assertThat(options.trafficRate()).isEqualTo(5);
        assertThat(options.data()).isEqualTo(Path.of("stack-data"));
    }

    @Test
    void optionsOverrideTheirDefaultsOnly() {
        var options = LocalStackOptions.parse(new String[] {"--rate", "0", "--data", "/tmp/x", "--ingest-port", "9000",
                "--console-port", "0"}, REGISTRY);

        assertThat(options.trafficRate()).isZero();
        assertThat(options.data()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.ingestPort()).isEqualTo(9000);
        assertThat(options.notifierPort()).isEqualTo(8082);
        assertThat(options.consolePort()).isZero();
    }

    @Test
    void anUnknownOptionOrABadNumberIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--speed", "3"}, REGISTRY))
                .hasMessageContaining("unknown option --speed").hasMessageContaining("usage:");
        assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--rate", "fast"}, REGISTRY))
                .hasMessageContaining("--rate takes a whole number");
        assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--rate"}, REGISTRY))
                .hasMessageContaining("--rate needs a value");
    }

    @Test
    void theBrokerIsSecuredOnlyWhenAsked() {
        assertThat(LocalStackOptions.parse(new String[0], REGISTRY).secureKafka()).isFalse();
        assertThat(LocalStackOptions.parse(new String[] {"--kafka-security", "scram-tls"}, REGISTRY).secureKafka()).isTrue();
        assertThat(LocalStackOptions.parse(new String[] {"--kafka-security", "none"}, REGISTRY).secureKafka()).isFalse();
        assertThatThrownBy(() -> LocalStackOptions.parse(new String[] {"--kafka-security", "kerberos"}, REGISTRY))
                .hasMessageContaining("--kafka-security takes none or scram-tls, not 'kerberos'");
    }
}
