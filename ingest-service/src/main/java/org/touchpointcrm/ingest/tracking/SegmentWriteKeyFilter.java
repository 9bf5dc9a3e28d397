package org.touchpointcrm.ingest.tracking;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Set;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Segment's server SDKs (the Java one among them) put the write key in the body ({@code "writeKey"}) rather than in
 * a header. Before the API key check, a tracking call without an {@code Authorization} or {@code X-Api-Key} header has
 * its body read (at most Segment's 500 KB, which the controller enforces anyway) and its writeKey presented as the
 * request's API key; the body is handed on unchanged. Nothing else is looked at, and the key is never logged.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class SegmentWriteKeyFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-Api-Key";
    private static final Set<String> TRACKING_PATHS = Set.of("/v1/track", "/v1/identify", "/v1/page", "/v1/screen",
            "/v1/alias", "/v1/batch", "/v1/import", "/v1/import/");

    private final JsonMapper json;

    public SegmentWriteKeyFilter(JsonMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || !TRACKING_PATHS.contains(request.getRequestURI())
                || request.getHeader(HttpHeaders.AUTHORIZATION) != null || request.getHeader(API_KEY_HEADER) != null
                || request.getContentLengthLong() > SegmentController.MAX_BATCH_BYTES;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readNBytes(SegmentController.MAX_BATCH_BYTES + 1);
        String writeKey = null;
        if (body.length <= SegmentController.MAX_BATCH_BYTES) {
            try {
                JsonNode node = json.readTree(body);
                writeKey = node == null ? null : SegmentTranslator.text(node, "writeKey");
            } catch (JacksonException unreadable) {
                // No key then: the key check answers 401, or the controller names what is wrong.
            }
        }
        chain.doFilter(new WithWriteKey(request, body, writeKey), response);
    }

    /** The request with its body read once and, if the body named one, the write key as its API key. */
    private static final class WithWriteKey extends HttpServletRequestWrapper {

        private final byte[] body;
        private final String writeKey;

        WithWriteKey(HttpServletRequest request, byte[] body, String writeKey) {
            super(request);
            this.body = body;
            this.writeKey = writeKey;
        }

        @Override
        public String getHeader(String name) {
            return writeKey != null && API_KEY_HEADER.equalsIgnoreCase(name) ? writeKey : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return writeKey != null && API_KEY_HEADER.equalsIgnoreCase(name)
                    ? Collections.enumeration(Set.of(writeKey)) : super.getHeaders(name);
        }

        @Override
        public ServletInputStream getInputStream() {
            var bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }
    }
}
