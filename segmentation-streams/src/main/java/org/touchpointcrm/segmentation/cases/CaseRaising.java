package org.touchpointcrm.segmentation.cases;

import java.util.Optional;

import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.touchpointcrm.avro.CaseAction;
import org.touchpointcrm.avro.CaseCommand;
import org.touchpointcrm.avro.CaseKind;
import org.touchpointcrm.avro.CaseRaiser;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;
import org.touchpointcrm.segmentation.profile.ProfileInput;

/**
 * Which touchpoints raise a case: every SUGGESTION, and every FEEDBACK rated {@value #LOW_RATING} or less. They are
 * read after identity resolution and dedupe (keyed by customer id, once per eventId) and written to
 * {@code crm.case-commands} keyed by store key, in the same transaction, for {@link Cases} to apply.
 */
public final class CaseRaising {

    /** A FEEDBACK with this rating or lower opens a case (issue 19: "a low rating" is 1 or 2 of 5). */
    public static final int LOW_RATING = 2;
    /** Attributes of a SUGGESTION naming what it is about (ingest bounds them). */
    public static final String PRODUCT_ATTRIBUTE = "product";
    public static final String CATEGORY_ATTRIBUTE = "category";

    private CaseRaising() {
    }

    /** @param touchpoints the profile's inputs, keyed by customer id; register records are skipped */
    public static void addTo(KStream<String, ProfileInput> touchpoints, CrmSerdes serdes) {
        touchpoints
                .flatMapValues((customerId, input) -> input instanceof ProfileInput.Touchpoint(TouchpointEvent event)
                        ? raise(customerId, event).stream().toList() : java.util.List.<CaseCommand>of(),
                        Named.as("raise-cases"))
                .selectKey((customerId, command) -> command.getStoreKey(), Named.as("cases-by-store"))
                .to(Topics.CASE_COMMANDS.name(), Produced.with(serdes.key(Topics.CASE_COMMANDS),
                        serdes.value(Topics.CASE_COMMANDS)).withName("write-" + Topics.CASE_COMMANDS.name()));
    }

    /** The RAISE command of a touchpoint that opens or joins a case, keyed by its store key. */
    public static Optional<CaseCommand> raise(String customerId, TouchpointEvent event) {
        CaseKind kind = kind(event);
        if (kind == null) {
            return Optional.empty();
        }
        var raiser = CaseRaiser.newBuilder()
                .setCustomerId(customerId).setEventId(event.getEventId()).setRaisedAt(event.getOccurredAt())
                .setChannel(event.getChannel())
                .setText(event.getText()).setRating(event.getRating())
                .setProduct(event.getAttributes().get(PRODUCT_ATTRIBUTE))
                .setCategory(event.getAttributes().get(CATEGORY_ATTRIBUTE))
                .build();
        return Optional.of(CaseCommand.newBuilder()
                .setCommandId(event.getEventId()).setStoreKey(CaseKeys.storeKey(event.getStoreId()))
                .setAction(CaseAction.RAISE).setKind(kind).setStoreId(event.getStoreId()).setRaiser(raiser)
                .setRequestedAt(event.getOccurredAt())
                .build());
    }

    private static CaseKind kind(TouchpointEvent event) {
        if (event.getType() == TouchpointType.SUGGESTION) {
            return CaseKind.SUGGESTION;
        }
        if (event.getType() == TouchpointType.FEEDBACK && event.getRating() != null && event.getRating() <= LOW_RATING) {
            return CaseKind.LOW_RATING;
        }
        return null;
    }
}
