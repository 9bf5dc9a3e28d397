package org.touchpointcrm.platform.health;

import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.ThreadMetadata;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Readiness of the service's Kafka Streams app, read from {@link KafkaStreams#state()} at every probe.
 *
 * <p>Reading the state when asked, rather than publishing availability events from a state listener, means
 * the answer cannot drift from the app (Spring Boot's own ACCEPTING_TRAFFIC at start would otherwise overwrite
 * a REFUSING_TRAFFIC published during the first rebalance), and it leaves KafkaStreams' single state-listener
 * slot to whoever needs it (the benchmark times RUNNING through it).
 *
 * <p>REBALANCING counts as ready. The load balancer routes interactive queries, and every instance enters
 * REBALANCING together on each scale-out or rolling deploy: refusing then would empty the whole pool at once,
 * and callers would get connection errors instead of answers. With cooperative rebalancing the tasks that do
 * not move keep their stores queryable, and a key whose owner is moving already answers 503 with Retry-After
 * (the query layer's {@code KeyQueryMetadata.NOT_AVAILABLE} case), which is the precise, per-key form of "not
 * ready". Every other state (CREATED, PENDING_SHUTDOWN, NOT_RUNNING, PENDING_ERROR, ERROR) serves nothing.
 */
public final class KafkaStreamsReadiness implements HealthIndicator {

    private final StreamsBuilderFactoryBean factoryBean;

    public KafkaStreamsReadiness(StreamsBuilderFactoryBean factoryBean) {
        this.factoryBean = factoryBean;
    }

    @Override
    public Health health() {
        KafkaStreams streams = factoryBean.getKafkaStreams();
        if (streams == null) {
            return Health.down()
                    .withDetail("state", "NOT_STARTED")
                    .withDetail("reason", "the Kafka Streams app has not been started yet (it starts with the application context)")
                    .build();
        }
        Map<String, String> threads = new TreeMap<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            threads.put(thread.threadName(), thread.threadState());
        }
        return of(streams.state(), threads);
    }

    /** The readiness a state means, with the state and each stream thread's state as details. */
    static Health of(KafkaStreams.State state, Map<String, String> threadStates) {
        Health.Builder health = isReady(state) ? Health.up() : Health.down();
        health.withDetail("state", state.name()).withDetail("threads", threadStates);
        String reason = reason(state);
        if (reason != null) {
            health.withDetail("reason", reason);
        }
        return health.build();
    }

    static boolean isReady(KafkaStreams.State state) {
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
    }

    private static String reason(KafkaStreams.State state) {
        return switch (state) {
            case RUNNING -> null;
            case REBALANCING -> "rebalancing: keys whose tasks are moving answer 503 with Retry-After until it ends";
            case CREATED -> "the Kafka Streams app is created but not started yet";
            case PENDING_SHUTDOWN, NOT_RUNNING -> "the Kafka Streams app is stopping or stopped";
            case PENDING_ERROR, ERROR -> "the Kafka Streams app stopped after an error its stream threads could not "
                    + "handle; see the log for the exception, then restart the instance";
        };
    }
}
