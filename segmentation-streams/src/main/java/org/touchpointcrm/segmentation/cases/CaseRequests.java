package org.touchpointcrm.segmentation.cases;

import java.util.List;
import java.util.Locale;

import org.touchpointcrm.access.input.BoundedText;
import org.touchpointcrm.avro.CaseStatus;

/** The bounds of /v1/cases' inputs, checked before any store is read (docs/cases.md, Staff API). */
public final class CaseRequests {

    public static final int MAX_REPLY = 2000;
    public static final int MAX_TOPIC = 100;
    public static final int MAX_GROUPED = 50;
    public static final int MAX_STORE = 128;
    public static final int DEFAULT_LIMIT = 100;
    public static final int MOST_LIMIT = 500;

    /** The body of POST /v1/cases/{caseId}/status. */
    public record StatusRequest(String status, String reply) {
    }

    /** The body of PUT /v1/cases/{caseId}/topic. */
    public record TopicRequest(String topic) {
    }

    /** The body of POST /v1/cases/{caseId}/group: the cases to group into this one, and optionally its topic. */
    public record GroupRequest(List<String> others, String topic) {
    }

    private CaseRequests() {
    }

    public static String caseId(String caseId) {
        if (CaseKeys.storeKeyOf(caseId).isEmpty()) {
            throw CaseRequestException.invalid("caseId", BoundedText.quote(caseId) + " is not a case id; case ids look"
                    + " like tampere-koskikeskus~3f9a0c1d2e4b (GET /v1/cases?store=... lists them)");
        }
        return caseId;
    }

    /** A store as staff name it (its storeId or its store key), as a store key. */
    public static String store(String store) {
        if (store == null || store.isBlank()) {
            throw CaseRequestException.invalid("store", "is required: the store whose cases to list, e.g."
                    + " store=tampere-koskikeskus (online for web and e-mail feedback)");
        }
        BoundedText.problem(store.strip(), MAX_STORE).ifPresent(problem -> {
            throw CaseRequestException.invalid("store", problem);
        });
        return CaseKeys.storeKey(store);
    }

    public static CaseStatus status(String field, String status, boolean required) {
        if (status == null || status.isBlank()) {
            if (required) {
                throw CaseRequestException.invalid(field, "is required: one of ACKNOWLEDGED, ACTED_ON, DECLINED");
            }
            return null;
        }
        try {
            CaseStatus value = CaseStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            if (value != CaseStatus.UNKNOWN) {
                return value;
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw CaseRequestException.invalid(field, BoundedText.quote(status) + " is not one of NEW, ACKNOWLEDGED,"
                + " ACTED_ON, DECLINED");
    }

    /** A reply for the customers: up to {@value #MAX_REPLY} characters, line breaks allowed; null when blank. */
    public static String reply(String reply) {
        if (reply == null || reply.isBlank()) {
            return null;
        }
        BoundedText.multiLineProblem(reply.strip(), MAX_REPLY).ifPresent(problem -> {
            throw CaseRequestException.invalid("reply", problem);
        });
        return reply.strip();
    }

    /** A topic: one line of up to {@value #MAX_TOPIC} characters; null when blank and not required. */
    public static String topic(String topic, boolean required) {
        if (topic == null || topic.isBlank()) {
            if (required) {
                throw CaseRequestException.invalid("topic", "is required: what the case is about, e.g. gluten-free bread");
            }
            return null;
        }
        BoundedText.problem(topic.strip(), MAX_TOPIC).ifPresent(problem -> {
            throw CaseRequestException.invalid("topic", problem);
        });
        return topic.strip();
    }

    public static List<String> others(List<String> others) {
        if (others == null || others.isEmpty()) {
            throw CaseRequestException.invalid("others", "is required: the ids of the cases to group into this one");
        }
        if (others.size() > MAX_GROUPED) {
            throw CaseRequestException.invalid("others", "has " + others.size() + " cases; group at most "
                    + MAX_GROUPED + " at once");
        }
        for (int i = 0; i < others.size(); i++) {
            if (others.get(i) == null || CaseKeys.storeKeyOf(others.get(i)).isEmpty()) {
                throw CaseRequestException.invalid("others[" + i + "]", BoundedText.quote(others.get(i))
                        + " is not a case id");
            }
        }
        return others.stream().distinct().toList();
    }
}
