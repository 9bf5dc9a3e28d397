package org.touchpointcrm.access.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.touchpointcrm.access.Problems;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps every JSON (and NDJSON) request body at {@link InputLimits#maxBodySize()}: a declared
 * {@code Content-Length} beyond it is answered 413 before a byte is read, and a chunked body is counted
 * as it is read and cut off at the limit with the same answer. Other bodies (the customer CSV import,
 * which streams any size) are left to their routes.
 */
public final class RequestBodyLimitFilter extends OncePerRequestFilter {

    static final URI TOO_LARGE = URI.create("https://touchpointcrm.org/problems/too-large");

    private final long maxBytes;
    private final JsonMapper json;

    public RequestBodyLimitFilter(InputLimits limits, JsonMapper json) {
        this.maxBytes = limits.maxBodySize().toBytes();
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !isJson(request.getContentType());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            refuse(response);
            return;
        }
        try {
            chain.doFilter(new Capped(request, maxBytes), response);
        } catch (ServletException | RuntimeException e) {
            if (!causedByTheCap(e) || response.isCommitted()) {
                throw e;
            }
            response.reset();
            refuse(response);
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isCompatibleWith(MediaType.APPLICATION_JSON) || type.getSubtype().endsWith("+json")
                    || "x-ndjson".equals(type.getSubtype());
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    private static boolean causedByTheCap(Throwable e) {
        for (Throwable at = e; at != null; at = at.getCause()) {
            if (at instanceof BodyTooLargeException) {
                return true;
            }
        }
        return false;
    }

    private void refuse(HttpServletResponse response) throws IOException {
        ProblemDetail problem = Problems.of(HttpStatus.CONTENT_TOO_LARGE, TOO_LARGE, "The request is too large",
                "a request body is at most " + maxBytes + " bytes; send less (split a batch into smaller ones)");
        response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    /** Thrown by the counting stream; a RuntimeException, so that no parser mistakes it for a malformed body. */
    static final class BodyTooLargeException extends RuntimeException {

        BodyTooLargeException(long maxBytes) {
            super("the request body is longer than " + maxBytes + " bytes", null, false, false);
        }
    }

    private static final class Capped extends HttpServletRequestWrapper {

        private final long maxBytes;
        private ServletInputStream counted;

        Capped(HttpServletRequest request, long maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (counted == null) {
                counted = new CountingStream(super.getInputStream(), maxBytes);
            }
            return counted;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            return new BufferedReader(new InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8.name() : getCharacterEncoding()));
        }
    }

    /** The servlet's stream over a {@link CappedInputStream}. */
    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final CappedInputStream capped;

        CountingStream(ServletInputStream in, long maxBytes) {
            this.in = in;
            this.capped = new CappedInputStream(in, maxBytes, () -> new BodyTooLargeException(maxBytes));
        }

        @Override
        public int read() throws IOException {
            return capped.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return capped.read(buffer, offset, length);
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
