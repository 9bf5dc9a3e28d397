package org.touchpointcrm.access.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The cap on JSON bodies: declared lengths refused unread, chunked bodies cut off as they are read. */
class RequestBodyLimitFilterTest {

    private static final InputLimits SMALL = new InputLimits(DataSize.ofBytes(100), 1000, 32, 64, 256, 64);

    private final RequestBodyLimitFilter filter = new RequestBodyLimitFilter(SMALL, JsonMapper.builder().build());

    /** Reads the whole body, as a JSON converter would. */
    private static final class ReadsAll extends HttpServlet {
        int read;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            read = request.getInputStream().readAllBytes().length;
            response.setStatus(200);
        }
    }

    @Test
    void aDeclaredLengthBeyondTheCapIsAnswered413WithoutReadingTheBody() throws Exception {
        var servlet = new ReadsAll();
        var response = new MockHttpServletResponse();

        filter.doFilter(json("x".repeat(101), true), response, new MockFilterChain(servlet));

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentType()).isEqualTo("application/problem+json");
        assertThat(response.getContentAsString()).contains("at most 100 bytes");
        assertThat(servlet.read).isZero();
    }

    @Test
    void aChunkedBodyIsCutOffAtTheCapAndAnswered413() throws Exception {
        var response = new MockHttpServletResponse();

        filter.doFilter(json("x".repeat(10_000), false), response, new MockFilterChain(new ReadsAll()));

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("too-large");
    }

    @Test
    void aBodyWithinTheCapIsReadWhole() throws Exception {
        var servlet = new ReadsAll();
        var response = new MockHttpServletResponse();

        filter.doFilter(json("x".repeat(100), false), response, new MockFilterChain(servlet));

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(servlet.read).isEqualTo(100);
    }

    @Test
    void otherBodiesAreLeftToTheirRoutes() throws Exception {
        var request = json("x".repeat(10_000), true);
        request.setContentType("text/csv");
        var servlet = new ReadsAll();

        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain(servlet));

        assertThat(servlet.read).isEqualTo(10_000);
    }

    @Test
    void jsonNdjsonAndProblemJsonAreJsonBodies() {
        assertThat(RequestBodyLimitFilter.isJson("application/json; charset=utf-8")).isTrue();
        assertThat(RequestBodyLimitFilter.isJson("application/x-ndjson")).isTrue();
        assertThat(RequestBodyLimitFilter.isJson("application/merge-patch+json")).isTrue();
        assertThat(RequestBodyLimitFilter.isJson("text/csv")).isFalse();
        assertThat(RequestBodyLimitFilter.isJson("not a type")).isFalse();
        assertThat(RequestBodyLimitFilter.isJson(null)).isFalse();
    }

    @Test
    void anErrorOfTheRouteItselfIsNotTakenForTheCap() {
        var failing = new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) {
                throw new IllegalStateException("a bug");
            }
        });

        assertThatThrownBy(() -> filter.doFilter(json("{}", true), new MockHttpServletResponse(), failing))
                .isInstanceOf(IllegalStateException.class);
    }

    private static MockHttpServletRequest json(String body, boolean declareLength) {
        var request = new MockHttpServletRequest("POST", "/v1/things") {
            @Override
            public long getContentLengthLong() {
                return declareLength ? super.getContentLengthLong() : -1;
            }
        };
        request.setContentType("application/json");
        request.setContent(body.getBytes());
        return request;
    }
}
