package org.touchpointcrm.ingest.touchpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.withSettings;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.touchpointcrm.ingest.IngestWebTestConfiguration.ALL_KEY;
import static org.touchpointcrm.ingest.IngestWebTestConfiguration.bearer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.mockito.Mockito;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcPrint;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.touchpointcrm.ingest.IngestWebTestConfiguration;
import org.touchpointcrm.ingest.publishing.AcknowledgedPublisher.Stored;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Request bodies, any bytes at all, sent to the touchpoint routes through ingest's web layer as it runs
 * (Boot's Jackson mapper, the API key filter, the validator, the problem handler; Kafka replaced by a
 * publisher that stores everything): every answer is a 2xx or a 4xx problem, never a 5xx, and comes
 * within the time limit. Seeds and every crash found are in
 * {@code src/test/resources/org/touchpointcrm/ingest/touchpoints/TouchpointHttpFuzzTestInputs/}
 * (docs/security.md, Fuzzing).
 *
 * <p>Regression inputs of holes found or named in issue 14, each fixed (docs/security.md, Fuzzing): {@code timeout-7ce7257c…}
 * (the fuzzer's own {@code {"amount":6e66421121}}: minutes in {@code setScale}, the exponent hole), {@code found-email-group-address} (an RFC 822
 * group passed as an e-mail address and was then cut at its missing '@': a 500), and the batch's
 * {@code crash-46311691…} and {@code crash-7307c0c7…} (a number longer than Jackson allows: its exception
 * had no location, and {@code BatchReader} answered a NullPointerException, a 500).
 */
@WebMvcTest({TouchpointController.class, TouchpointBatchController.class})
// Boot keeps every request's printout to show if the test fails; a fuzzing run is one test of millions.
@AutoConfigureMockMvc(print = MockMvcPrint.NONE)
@Import(IngestWebTestConfiguration.class)
class TouchpointHttpFuzzTest {

    @Autowired
    private MockMvc mvc;

    /** {@code POST /v1/touchpoints}: JSON to {@link TouchpointRequest} to {@link TouchpointValidator}. */
    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void oneTouchpointIsAcceptedOrRefusedWithAProblem(byte[] body) throws Exception {
        assertAnsweredWithoutServerError(send("/v1/touchpoints", MediaType.APPLICATION_JSON_VALUE, body));
    }

    /**
     * {@code POST /v1/touchpoints:batch}: {@link BatchReader}, then each item validated. A body that
     * starts with '[' goes as a JSON array, any other as NDJSON.
     */
    @FuzzTest(maxDuration = "10m")
    @Timeout(value = 10, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBatchIsAcceptedItemByItemOrRefusedWithAProblem(byte[] body) throws Exception {
        String type = new String(body, 0, Math.min(body.length, 64), StandardCharsets.ISO_8859_1)
                .strip().startsWith("[") ? MediaType.APPLICATION_JSON_VALUE : TouchpointBatchController.NDJSON;
        assertAnsweredWithoutServerError(send("/v1/touchpoints:batch", type, body));
    }

    private MockHttpServletResponse send(String path, String contentType, byte[] body) throws Exception {
        return mvc.perform(post(path).contentType(contentType).header(HttpHeaders.AUTHORIZATION, bearer(ALL_KEY))
                .content(body)).andReturn().getResponse();
    }

    private static void assertAnsweredWithoutServerError(MockHttpServletResponse response) throws Exception {
        assertThat(response.getStatus()).as("status of %s", response.getContentAsString()).isBetween(200, 499);
        if (response.getStatus() >= 400) {
            assertThat(response.getContentType()).as("a refusal is a problem document")
                    .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        }
    }

    /** Kafka stores whatever it is given; a stub that records no calls, as fuzzing makes millions. */
    @TestConfiguration(proxyBeanMethods = false)
    static class KafkaStoresEverything {

        @Bean
        TouchpointPublisher publisher() {
            Stored stored = new Stored("crm.touchpoints.pos", 0, 1L);
            return Mockito.mock(TouchpointPublisher.class, withSettings().stubOnly().defaultAnswer(call ->
                    call.getMethod().getName().equals("publishAll")
                            ? ((List<?>) call.getArgument(0)).stream().map(event -> stored).toList()
                            : stored));
        }
    }
}
