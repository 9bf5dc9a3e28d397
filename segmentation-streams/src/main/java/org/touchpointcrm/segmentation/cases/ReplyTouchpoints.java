package org.touchpointcrm.segmentation.cases;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.touchpointcrm.avro.CaseChange;
import org.touchpointcrm.avro.CaseEvent;
import org.touchpointcrm.avro.CaseRaiser;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerCase;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.schemas.CustomerReference;

/**
 * The reply of a case that became ACTED_ON or DECLINED, as one CASE_REPLY touchpoint per customer who raised it (once
 * per customer, however many of their touchpoints the case holds). It goes back to the touchpoint topic of the
 * channel the customer raised it on, so the ordinary pipeline puts it on the customer's timeline and profile; the
 * notifier tells the customer from crm.case-events (docs/cases.md, Closing the loop).
 */
public final class ReplyTouchpoints {

    /** The attributes a reply touchpoint carries. */
    public static final String CASE_ATTRIBUTE = "case";
    public static final String STATUS_ATTRIBUTE = "caseStatus";
    /** segmentation-streams is the source of the replies it writes. */
    public static final String SOURCE = "segmentation-streams";

    private ReplyTouchpoints() {
    }

    /** Keyed by the customer id the case holds (the touchpoint key ingest would give the same customer). */
    public static List<Map.Entry<String, TouchpointEvent>> of(CaseEvent event) {
        if (event.getChange() != CaseChange.STATUS_CHANGED || !CaseLifecycle.needsReply(event.getTo())) {
            return List.of();
        }
        CustomerCase c = event.getSnapshot();
        Map<String, CaseRaiser> firstByCustomer = new LinkedHashMap<>();
        for (CaseRaiser raiser : c.getRaisers()) {
            firstByCustomer.putIfAbsent(raiser.getCustomerId(), raiser);
        }
        var replies = new ArrayList<Map.Entry<String, TouchpointEvent>>(firstByCustomer.size());
        firstByCustomer.forEach((customerId, raiser) -> replies.add(Map.entry(customerId,
                reply(c, customerId, raiser, event.getAt()))));
        return replies;
    }

    private static TouchpointEvent reply(CustomerCase c, String customerId, CaseRaiser raiser, Instant at) {
        Map<String, String> attributes = new HashMap<>();
        attributes.put(CASE_ATTRIBUTE, c.getCaseId());
        attributes.put(STATUS_ATTRIBUTE, c.getStatus().name());
        return TouchpointEvent.newBuilder()
                .setEventId(eventId(c.getCaseId(), customerId))
                .setOccurredAt(at).setReceivedAt(at)
                .setChannel(raiser.getChannel() == null || raiser.getChannel() == Channel.UNKNOWN ? Channel.WEB
                        : raiser.getChannel())
                .setType(TouchpointType.CASE_REPLY)
                .setCustomer(identifiers(customerId))
                .setStoreId(c.getStoreId())
                .setSource(SOURCE)
                .setText(c.getReply())
                .setAttributes(attributes)
                .build();
    }

    /** case-reply/<caseId>/<16 hex of SHA-256(customerId)>: the same on a replay, at most 105 characters. */
    static String eventId(String caseId, String customerId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(customerId.getBytes(StandardCharsets.UTF_8));
            return "case-reply/" + caseId + "/" + java.util.HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** A customer id is a register id or the reference of the identifier first seen (email:..., phone:..., ...). */
    static CustomerIdentifiers identifiers(String customerId) {
        var ids = CustomerIdentifiers.newBuilder();
        if (CustomerReference.isRegisterId(customerId)) {
            return ids.setCustomerId(customerId).build();
        }
        int colon = customerId.indexOf(':');
        String kind = customerId.substring(0, colon);
        String value = customerId.substring(colon + 1);
        return switch (kind) {
            case "email" -> ids.setEmail(value).build();
            case "phone" -> ids.setPhone(value).build();
            case "card" -> ids.setLoyaltyCardId(value).build();
            default -> ids.setAnonymousId(value).build();
        };
    }
}
