package org.touchpointcrm.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

class FullJitterBackOffTest {

    private final FullJitterBackOff backOff = new FullJitterBackOff(
            new DeliveryProperties.Retry(5, Duration.ofMillis(200), Duration.ofSeconds(10)));

    @Test
    void theCeilingDoublesUpToTheMaximum() {
        assertThat(backOff.ceiling(0)).isEqualTo(200);
        assertThat(backOff.ceiling(1)).isEqualTo(400);
        assertThat(backOff.ceiling(5)).isEqualTo(6_400);
        assertThat(backOff.ceiling(6)).isEqualTo(10_000);
        assertThat(backOff.ceiling(80)).isEqualTo(10_000);
    }

    @RepeatedTest(20)
    void eachWaitIsBetweenZeroAndItsCeilingAndTheAttemptsAreBounded() {
        BackOffExecution execution = backOff.start();

        for (int retry = 0; retry < 4; retry++) {
            assertThat(execution.nextBackOff()).isBetween(0L, backOff.ceiling(retry));
        }
        assertThat(execution.nextBackOff()).as("five attempts in all: four waits").isEqualTo(BackOffExecution.STOP);
    }
}
