package org.touchpointcrm.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.touchpointcrm.ingest.touchpoints.TouchpointBatchController;
import org.touchpointcrm.ingest.touchpoints.TouchpointController;
import org.touchpointcrm.ingest.touchpoints.TouchpointPublisher;

/**
 * Hostile bodies on ingest's JSON routes: each is refused with a 4xx problem while it is read, before
 * anything is validated, computed or published.
 */
@WebMvcTest({TouchpointController.class, TouchpointBatchController.class})
@Import(IngestWebTestConfiguration.class)
class HostileInputTest {

    /** A safety bound, not a performance target: without the limits the exponent case takes minutes. */
    private static final Duration SAFETY = Duration.ofSeconds(10);
    private static final String PURCHASE = IngestHttpContractTest.PURCHASE;

    @Autowired
    private MockMvcTester mvc;

    @MockitoBean
    private TouchpointPublisher publisher;

    @Test
    void anAmountWithAHugeExponentIsRefusedBeforeAnyArithmetic() {
        MvcTestResult result = assertTimeoutPreemptively(SAFETY, () -> post(PURCHASE.replace("49.90", "1e600000000")));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.errors[0].field").asString().isEqualTo("amount");
        then(publisher).should(never()).publish(any());
    }

    @Test
    void anAmountWithAnExponentIsNotEchoedBack() {
        MvcTestResult result = assertTimeoutPreemptively(SAFETY, () -> post(PURCHASE.replace("49.90", "1e200000")));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result.getResponse().getContentAsByteArray()).hasSizeLessThan(2000);
    }

    @Test
    void anAmountWithAHugeExponentInABatchIsRefusedBeforeAnyArithmetic() {
        MvcTestResult result = assertTimeoutPreemptively(SAFETY, () -> mvc.post().uri("/v1/touchpoints:batch")
                .header(HttpHeaders.AUTHORIZATION, IngestWebTestConfiguration.bearer(IngestWebTestConfiguration.ALL_KEY))
                .contentType(MediaType.APPLICATION_JSON).content("[" + PURCHASE.replace("49.90", "1e600000000") + "]")
                .exchange());

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result.getResponse().getContentAsByteArray()).hasSizeLessThan(2000);
        then(publisher).should(never()).publishAll(any());
    }

    @Test
    void aTenMegabyteStringIsRefusedUnread() {
        String body = PURCHASE.replace("tampere-koskikeskus", "x".repeat(10 * 1024 * 1024));

        MvcTestResult result = post(body);

        assertThat(result).hasStatus(HttpStatus.CONTENT_TOO_LARGE).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("1048576 bytes");
    }

    @Test
    void aStringLongerThanAnyFieldIsRefusedAsItIsRead() {
        MvcTestResult result = post(PURCHASE.replace("tampere-koskikeskus", "x".repeat(200_000)));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("String value length");
        assertThat(result.getResponse().getContentAsByteArray()).hasSizeLessThan(2000);
    }

    @Test
    void tenThousandDeepNestingIsRefusedEvenWhereAnUnknownPropertyWouldBeSkipped() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);

        MvcTestResult result = post(PURCHASE.replace("\"storeId\"", "\"unknown\": " + deep + ", \"storeId\""));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("nesting depth");
    }

    @Test
    void aDuplicateKeyIsRefusedRatherThanTheLastOneWinning() {
        MvcTestResult result = post(PURCHASE.replace("\"channel\": \"POS\"", "\"channel\": \"POS\", \"channel\": \"EMAIL\""));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.detail").asString().contains("Duplicate", "channel");
        then(publisher).should(never()).publish(any());
    }

    @Test
    void controlCharactersInIdentifiersAreRefused() {
        MvcTestResult result = post(PURCHASE.replace("c-9001", "c-9001\\nINFO forged log line")
                .replace("tampere-koskikeskus", "tampere\\u0000koskikeskus"));

        assertThat(result).hasStatus(HttpStatus.BAD_REQUEST);
        assertThat(result).bodyJson().extractingPath("$.errors[*].field").asArray()
                .containsExactlyInAnyOrder("customer.customerId", "storeId");
        then(publisher).should(never()).publish(any());
    }

    private MvcTestResult post(String json) {
        return mvc.post().uri("/v1/touchpoints")
                .header(HttpHeaders.AUTHORIZATION, IngestWebTestConfiguration.bearer(IngestWebTestConfiguration.ALL_KEY))
                .contentType(MediaType.APPLICATION_JSON).content(json).exchange();
    }
}
