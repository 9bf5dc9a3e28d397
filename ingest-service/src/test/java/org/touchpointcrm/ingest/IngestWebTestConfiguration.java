package org.touchpointcrm.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.touchpointcrm.access.ApiKeys;
import org.touchpointcrm.access.Operation;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.ingest.access.ApiKeyProperties;
import org.touchpointcrm.ingest.access.IngestAccessConfiguration;
import org.touchpointcrm.ingest.touchpoints.RateLimits;
import org.touchpointcrm.ingest.input.IngestProperties;
import org.touchpointcrm.ingest.touchpoints.BatchReader;
import org.touchpointcrm.ingest.touchpoints.IngestMetrics;
import org.touchpointcrm.ingest.touchpoints.TouchpointValidator;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The web layer of ingest-service as it runs (its limits of hostile input included), with pinned time, known keys and Kafka left out. */
@TestConfiguration(proxyBeanMethods = false)
@Import({IngestProblems.class, TouchpointValidator.class, BatchReader.class, IngestAccessConfiguration.class,
        RateLimits.class, IngestMetrics.class})
public class IngestWebTestConfiguration {

    public static final Instant NOW = Instant.parse("2026-11-23T10:15:30Z");
    /** May do everything, on every channel. */
    public static final String ALL_KEY = "test-key-crm-team";
    /** A shop till: POS touchpoints only, no consent. */
    public static final String TILL_KEY = "test-key-till";
    /** A till with a rate of one event a second (its bucket still holds one full batch). */
    public static final String SLOW_KEY = "test-key-slow-till";

    @Bean
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Bean
    IngestProperties ingestProperties() {
        return new IngestProperties(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(365), "FI");
    }

    @Bean
    ApiKeyProperties apiKeyProperties() {
        return new ApiKeyProperties(List.of(
                new ApiKeyProperties.Key("crm-team", ApiKeys.sha256Hex(ALL_KEY), EnumSet.allOf(Channel.class),
                        EnumSet.allOf(Operation.class), 0),
                new ApiKeyProperties.Key("tampere-till", ApiKeys.sha256Hex(TILL_KEY), Set.of(Channel.POS),
                        Set.of(Operation.TOUCHPOINTS_WRITE), 0),
                new ApiKeyProperties.Key("slow-till", ApiKeys.sha256Hex(SLOW_KEY), Set.of(Channel.POS),
                        Set.of(Operation.TOUCHPOINTS_WRITE), 1)), 10_000);
    }

    @Bean
    MeterRegistry meterRegistry() {
        return new SimpleMeterRegistry();
    }

    public static String bearer(String key) {
        return "Bearer " + key;
    }
}
