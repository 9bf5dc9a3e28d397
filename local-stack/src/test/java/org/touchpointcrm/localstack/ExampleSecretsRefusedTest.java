package org.touchpointcrm.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.access.ExampleSecretRefusedException;
import org.touchpointcrm.access.examples.LocalStackExamples;
import org.touchpointcrm.ingest.IngestApplication;
import org.touchpointcrm.notifier.NotifierApplication;
import org.touchpointcrm.segmentation.SegmentationApplication;

/**
 * Each service, started as it is deployed but with one of the local stack's examples and without the
 * stack's switch, stops before it makes a bean, naming the setting. (The end-to-end tests show the
 * local stack, which sets the switch, still starts.)
 */
class ExampleSecretsRefusedTest {

    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of("ingest-service", (Supplier<SpringApplicationBuilder>) IngestApplication::application,
                        "crm.ingest.access.keys[0].sha256", ApiKeys.sha256Hex(LocalStackExamples.DEMO_API_KEY)),
                Arguments.of("segmentation-streams", (Supplier<SpringApplicationBuilder>) SegmentationApplication::application,
                        "crm.segmentation.access.keys[0].sha256", ApiKeys.sha256Hex(LocalStackExamples.MARKETER_API_KEY)),
                Arguments.of("notifier-service", (Supplier<SpringApplicationBuilder>) NotifierApplication::application,
                        "crm.notifier.links.secret", LocalStackExamples.LINK_SECRET),
                Arguments.of("notifier-service", (Supplier<SpringApplicationBuilder>) NotifierApplication::application,
                        "crm.notifier.sms.auth-token", LocalStackExamples.SMS_AUTH_TOKEN));
    }

    @ParameterizedTest(name = "{0} refuses {2}")
    @MethodSource("services")
    void aServiceRefusesAnExampleSecretAtStartNamingTheSetting(String service, Supplier<SpringApplicationBuilder> application,
                                                                String setting, String example) {
        assertThatThrownBy(() -> application.get().registerShutdownHook(false).run(
                "--server.port=0", "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                "--spring.kafka.bootstrap-servers=127.0.0.1:1", "--" + setting + "=" + example))
                .isInstanceOfSatisfying(ExampleSecretRefusedException.class,
                        e -> assertThat(e.refusals()).anySatisfy(refusal -> assertThat(refusal).startsWith(setting + " is the")));
    }
}
