package org.touchpointcrm.segmentation.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;

import java.net.URI;
import java.util.List;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;
import org.touchpointcrm.segmentation.access.SegmentationAccessProperties;

class PeerInstancesTest {

    private static final HostInfo THERE = new HostInfo("segmentation-2", 8082);
    private static final URI PROFILE = URI.create("http://segmentation-2:8082/v1/customers/c-9/profile");

    private final RestClient.Builder http = RestClient.builder();
    private final MockRestServiceServer owner = MockRestServiceServer.bindTo(http).build();
    private final PeerInstances peers = new PeerInstances(http, new SegmentationAccessProperties(List.of(), "instance-key"));

    @Test
    void theOwnersAnswerIsPassedOnWithItsBodyTypeAndRetryAfterButNotItsTransferEncoding() {
        HttpHeaders sent = new HttpHeaders();
        sent.set(HttpHeaders.TRANSFER_ENCODING, "chunked");
        sent.set(HttpHeaders.CONNECTION, "keep-alive");
        sent.set(HttpHeaders.RETRY_AFTER, "1");
        owner.expect(requestTo(PROFILE)).andExpect(header(HttpHeaders.AUTHORIZATION, "Bearer instance-key"))
                .andExpect(header(StoreQueries.FORWARDED_HEADER, "true"))
                .andRespond(withStatus(HttpStatus.SERVICE_UNAVAILABLE).headers(sent)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON).body("{\"title\":\"moving\"}"));

        ResponseEntity<String> relayed = peers.relay(THERE, PROFILE, false, "Profiles are not available yet");

        assertThat(relayed.getStatusCode().value()).isEqualTo(503);
        assertThat(relayed.getBody()).isEqualTo("{\"title\":\"moving\"}");
        assertThat(relayed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(relayed.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(relayed.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)).isFalse();
        assertThat(relayed.getHeaders().containsHeader(HttpHeaders.CONNECTION)).isFalse();
        owner.verify();
    }
}
