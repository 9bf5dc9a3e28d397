package org.touchpointcrm.segmentation.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.touchpointcrm.avro.SegmentDefinition;
import org.touchpointcrm.avro.SegmentStatus;
import org.touchpointcrm.segmentation.SegmentationProblems;
import org.touchpointcrm.segmentation.query.StoreUnavailableException;
import org.touchpointcrm.segmentation.segments.Segment;
import org.touchpointcrm.segmentation.segments.SegmentEvaluator;
import org.touchpointcrm.rules.ProfileRuleCompiler;

/** The REST contract of segment statistics, over a lookup that answers from memory. */
class SegmentStatsControllerTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:20:00Z");
    private static final SegmentEvaluator BUILT_IN = SegmentEvaluator.builtIn();
    private static final Segment PURCHASERS = new Segment("purchasers", 1, "Purchasers", "customers with at least one purchase",
            BUILT_IN.segments().getFirst().rule());
    private static final Segment LOYAL = new Segment("loyal", 3, "Loyal", "five or more purchases a year",
            PURCHASERS.rule());

    private final StubLookup lookup = new StubLookup();
    private final SegmentEvaluator evaluator = new SegmentEvaluator(List.of(PURCHASERS, LOYAL), new ProfileRuleCompiler());
    private final MockMvcTester mvc = MockMvcTester.of(List.of(new SegmentStatsController(
                    evaluator, lookup, Clock.fixed(NOW, ZoneOffset.UTC))),
            standalone -> standalone.setControllerAdvice(new SegmentationProblems()).build());

    @Test
    void theListHasEveryActiveSegmentWithItsSizeAndZeroBeforeItsFirstChange() {
        lookup.sizes.put("purchasers", 42L);

        MvcTestResult result = mvc.get().uri("/v1/segments").exchange();

        assertThat(result).hasStatusOk().hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON);
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"segments": [
                  {"id": "purchasers", "name": "Purchasers", "description": "customers with at least one purchase",
                   "version": 1, "size": 42},
                  {"id": "loyal", "name": "Loyal", "description": "five or more purchases a year", "version": 3, "size": 0}
                ]}""");
    }

    @Test
    void theListCanBeNarrowedToSomeSegmentsButNotToUnknownOnes() {
        assertThat(mvc.get().uri("/v1/segments?id=loyal").exchange())
                .bodyJson().extractingPath("$.segments[*].id").asArray().containsExactly("loyal");

        MvcTestResult unknown = mvc.get().uri("/v1/segments?id=loyal&id=vip").exchange();
        assertThat(unknown).hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unknown).bodyJson().extractingPath("$.detail").asString().contains("'vip'", "GET /v1/segments");
    }

    @Test
    void aRetiredSegmentLeavesTheListButKeepsItsHistory() {
        var loyal = evaluator.catalogue().entry("loyal").orElseThrow().definition();
        evaluator.catalogue().apply(SegmentDefinition.newBuilder(loyal).setStatus(SegmentStatus.RETIRED)
                .setVersion(loyal.getVersion() + 1).build());
        lookup.hours.add(new HourStats(Instant.parse("2026-11-23T09:00:00Z"), 0, 7, 0));

        assertThat(mvc.get().uri("/v1/segments").exchange())
                .bodyJson().extractingPath("$.segments[*].id").asArray().containsExactly("purchasers");
        assertThat(mvc.get().uri("/v1/segments/loyal/stats").exchange()).hasStatusOk()
                .bodyJson().extractingPath("$.hours[0].exited").isEqualTo(7);
    }

    @Test
    void theHistoryIsTheHoursOfTheAskedPeriod() {
        lookup.hours.add(new HourStats(Instant.parse("2026-11-23T08:00:00Z"), 5, 1, 40));
        lookup.hours.add(new HourStats(Instant.parse("2026-11-23T09:00:00Z"), 3, 1, 42));

        MvcTestResult result = mvc.get()
                .uri("/v1/segments/purchasers/stats?from=2026-11-23T08:00:00Z&to=2026-11-23T10:00:00Z").exchange();

        assertThat(result).hasStatusOk();
        assertThat(result).bodyJson().isLenientlyEqualTo("""
                {"segmentId": "purchasers", "from": "2026-11-23T08:00:00Z", "to": "2026-11-23T10:00:00Z",
                 "hours": [
                   {"hourStart": "2026-11-23T08:00:00Z", "entered": 5, "exited": 1, "size": 40},
                   {"hourStart": "2026-11-23T09:00:00Z", "entered": 3, "exited": 1, "size": 42}
                 ]}""");
        assertThat(lookup.askedPeriod).isEqualTo(new StatsPeriod(Instant.parse("2026-11-23T08:00:00Z"),
                Instant.parse("2026-11-23T10:00:00Z")));
    }

    @Test
    void withoutAPeriodTheHistoryIsTheLast24HoursToNow() {
        MvcTestResult result = mvc.get().uri("/v1/segments/loyal/stats").exchange();

        assertThat(result).hasStatusOk();
        assertThat(lookup.askedPeriod).isEqualTo(new StatsPeriod(NOW.minus(Duration.ofHours(24)), NOW));
        assertThat(result).bodyJson().extractingPath("$.hours").asArray().isEmpty();
    }

    @Test
    void aParameterThatIsNoInstantIsRefusedByName() {
        MvcTestResult result = mvc.get().uri("/v1/segments/loyal/stats?from=yesterday").exchange();

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.errors[0].parameter").asString().isEqualTo("from");
        assertThat(result).bodyJson().extractingPath("$.detail").asString()
                .contains("'yesterday'", "ISO-8601", "from=2026-11-23T10:00:00Z");
    }

    @Test
    void aPeriodThatEndsBeforeItStartsOrSpansMoreThanAYearIsRefused() {
        MvcTestResult backwards = mvc.get()
                .uri("/v1/segments/loyal/stats?from=2026-11-23T10:00:00Z&to=2026-11-23T09:00:00Z").exchange();
        assertThat(backwards).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(backwards).bodyJson().extractingPath("$.detail").asString().contains("must be before to");

        MvcTestResult empty = mvc.get()
                .uri("/v1/segments/loyal/stats?from=2026-11-23T10:00:00Z&to=2026-11-23T10:00:00Z").exchange();
        assertThat(empty).hasStatus(HttpStatus.BAD_REQUEST);

        MvcTestResult tooLong = mvc.get()
                .uri("/v1/segments/loyal/stats?from=2024-11-23T10:00:00Z&to=2026-11-23T10:00:00Z").exchange();
        assertThat(tooLong).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(tooLong).bodyJson().extractingPath("$.errors[0].parameter").asString().isEqualTo("to");
        assertThat(tooLong).bodyJson().extractingPath("$.detail").asString().contains("at most 366 days");
        assertThat(lookup.askedPeriod).isNull();
    }

    @Test
    void theHistoryOfAnUnknownSegmentIsNotFoundAndSaysWhereToListThem() {
        MvcTestResult result = mvc.get().uri("/v1/segments/vip/stats").exchange();

        assertThat(result).hasStatus(HttpStatus.NOT_FOUND).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString()
                .contains("'vip'", "2 segments are active", "GET /v1/segments");
    }

    @Test
    void whileTheStoresAreNotRunningBothAnswer503WithRetryAfter() {
        lookup.unavailable = true;

        for (String uri : List.of("/v1/segments", "/v1/segments/loyal/stats")) {
            MvcTestResult result = mvc.get().uri(uri).exchange();

            assertThat(result).hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                    .hasHeader(HttpHeaders.RETRY_AFTER, SegmentationProblems.RETRY_AFTER_SECONDS)
                    .hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(result).bodyJson().extractingPath("$.title").asString()
                    .isEqualTo("Segment statistics are not available yet");
        }
    }

    /** Answers from memory what the state stores would. */
    private static final class StubLookup implements SegmentStatsLookup {

        final Map<String, Long> sizes = new HashMap<>();
        final List<HourStats> hours = new ArrayList<>();
        boolean unavailable;
        StatsPeriod askedPeriod;

        @Override
        public Map<String, Long> sizes(Collection<String> segmentIds, boolean forwarded) {
            failIfUnavailable();
            return sizes;
        }

        @Override
        public List<HourStats> hours(String segmentId, StatsPeriod period, boolean forwarded) {
            failIfUnavailable();
            askedPeriod = period;
            return hours;
        }

        private void failIfUnavailable() {
            if (unavailable) {
                throw new StoreUnavailableException(SegmentStatsStores.UNAVAILABLE, "the state stores are REBALANCING");
            }
        }
    }
}
