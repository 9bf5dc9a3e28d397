package org.touchpointcrm.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class KafkaStreamsReadinessTest {

    private static final Map<String, String> THREADS = Map.of("crm-segmentation-StreamThread-1", "RUNNING");

    @Test
    void aRunningAppIsReady() {
        assertThat(KafkaStreamsReadiness.of(State.RUNNING, THREADS).getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void aRebalancingAppStaysReadySoThatARollingDeployDoesNotEmptyThePool() {
        Health health = KafkaStreamsReadiness.of(State.REBALANCING, THREADS);

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("state", "REBALANCING")
                .extractingByKey("reason").asString().contains("Retry-After");
    }

    @ParameterizedTest
    @EnumSource(value = State.class, names = {"CREATED", "PENDING_SHUTDOWN", "NOT_RUNNING", "PENDING_ERROR", "ERROR"})
    void everyOtherStateIsNotReadyAndSaysWhy(State state) {
        Health health = KafkaStreamsReadiness.of(state, THREADS);

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("state", state.name()).containsKey("reason");
    }

    @Test
    void theDetailsNameEveryStreamThreadsState() {
        var threads = Map.of("t-1", "RUNNING", "t-2", "PARTITIONS_ASSIGNED");

        assertThat(KafkaStreamsReadiness.of(State.REBALANCING, threads).getDetails()).containsEntry("threads", threads);
    }

    @Test
    void everyStateHasAnAnswer() {
        for (State state : State.values()) {
            assertThat(KafkaStreamsReadiness.of(state, THREADS).getStatus()).isIn(Status.UP, Status.DOWN);
        }
    }
}
