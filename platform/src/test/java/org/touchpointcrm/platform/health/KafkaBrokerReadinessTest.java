package org.touchpointcrm.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class KafkaBrokerReadinessTest {

    private final AtomicInteger attempts = new AtomicInteger();
    private Instant now = Instant.parse("2026-11-23T12:00:00Z");

    private final KafkaBrokerReadiness readiness = new KafkaBrokerReadiness(this::unreachableBroker, "localhost:9",
            Duration.ofMillis(200), Duration.ofSeconds(5), new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return now;
                }
            });

    private Admin unreachableBroker() {
        attempts.incrementAndGet();
        throw new KafkaException("no resolvable bootstrap urls");
    }

    @Test
    void anUnreachableBrokerIsNotReadyAndTheDetailsSayWhatToCheck() {
        Health health = readiness.health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("bootstrapServers", "localhost:9")
                .extractingByKey("reason").asString()
                .contains("no resolvable bootstrap urls", "spring.kafka.bootstrap-servers");
    }

    @Test
    void probesWithinTheCacheIntervalDoNotAskTheBrokerAgain() {
        readiness.health();
        now = now.plusSeconds(4);
        readiness.health();
        readiness.health();
        assertThat(attempts).hasValue(1);

        now = now.plusSeconds(1);
        readiness.health();
        assertThat(attempts).hasValue(2);
    }
}
