package org.touchpointcrm.ingest.touchpoints;

import org.touchpointcrm.ingest.input.FieldViolation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import org.touchpointcrm.access.input.CappedInputStream;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a batch of touchpoints, a JSON array or NDJSON, item by item, so that one bad item is
 * reported on its own instead of failing the batch. Stops at {@value #MAX_ITEMS} items or
 * {@value #MAX_BYTES} bytes, whichever comes first.
 */
@Component
public class BatchReader {

    public static final int MAX_ITEMS = 500;
    public static final long MAX_BYTES = 1024 * 1024;

    private final JsonMapper json;
    /** Reads one item of an array; the array goes on after it, which is no "trailing token". */
    private final ObjectReader arrayItem;

    public BatchReader(JsonMapper json) {
        this.json = json;
        this.arrayItem = json.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** @param contentLength the declared length, or -1 when the body is chunked */
    public List<BatchItem> readJsonArray(InputStream body, long contentLength) {
        checkDeclaredLength(contentLength);
        var items = new ArrayList<BatchItem>();
        try (var parser = json.createParser(new CappedInputStream(body, MAX_BYTES, BatchReader::tooManyBytes))) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new BatchUnreadableException("a batch in application/json is an array of touchpoints: [ {...}, {...} ]");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw new BatchUnreadableException("the array of touchpoints is not closed with ]");
                }
                JsonNode node = arrayItem.readValue(parser);
                items.add(item(items.size(), node));
            }
        } catch (JacksonException e) {
            // A limit broken while a value is read (a number too long) has no location to name.
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new BatchUnreadableException("the batch is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
        return items;
    }

    /** @param contentLength the declared length, or -1 when the body is chunked */
    public List<BatchItem> readNdjson(InputStream body, long contentLength) {
        checkDeclaredLength(contentLength);
        var items = new ArrayList<BatchItem>();
        try (var lines = new BufferedReader(new InputStreamReader(new CappedInputStream(body, MAX_BYTES, BatchReader::tooManyBytes), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = json.readTree(line);
                } catch (JacksonException e) {
                    items.add(new BatchItem(items.size(), null, new FieldViolation("(item)",
                            "is not a JSON object on one line: " + e.getOriginalMessage())));
                    checkCount(items.size());
                    continue;
                }
                items.add(item(items.size(), node));
            }
        } catch (IOException e) {
            throw new BatchUnreadableException("the batch could not be read: " + e.getMessage());
        }
        return items;
    }

    private BatchItem item(int index, JsonNode node) {
        checkCount(index + 1);
        if (!node.isObject()) {
            return new BatchItem(index, null, new FieldViolation("(item)", "is " + node.getNodeType()
                    + ", not a touchpoint object"));
        }
        try {
            return new BatchItem(index, json.treeToValue(node, TouchpointRequest.class), null);
        } catch (JacksonException e) {
            String field = e.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("(item)");
            return new BatchItem(index, null, new FieldViolation(field, "could not be read: " + e.getOriginalMessage()));
        }
    }

    private static void checkCount(int items) {
        if (items > MAX_ITEMS) {
            throw new PayloadTooLargeException("a batch holds at most " + MAX_ITEMS + " touchpoints; split it and send the rest in another batch");
        }
    }

    private static void checkDeclaredLength(long contentLength) {
        if (contentLength > MAX_BYTES) {
            throw tooManyBytes();
        }
    }

    private static PayloadTooLargeException tooManyBytes() {
        return new PayloadTooLargeException("a batch is at most " + MAX_BYTES + " bytes; split it into smaller batches");
    }
}
