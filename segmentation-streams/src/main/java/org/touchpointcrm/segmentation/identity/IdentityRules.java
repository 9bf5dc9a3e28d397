package org.touchpointcrm.segmentation.identity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.CustomerRecord;
import org.touchpointcrm.schemas.CustomerReference;

/**
 * The identity graph's decisions, without Kafka: which references an event carries, which one names it, which
 * customer survives when two meet, and which references a customer may still take (docs/identity.md).
 */
public final class IdentityRules {

    public static final String REGISTER = "register";
    /** The kinds of reference, in the default priority (CustomerReference's order). */
    public static final List<String> KINDS = List.of(REGISTER, "email", "phone", "card", "anon");

    private final List<String> priority;
    private final Set<String> neverLink;
    private final IdentityProperties.MaxPerCustomer caps;
    private final Comparator<String> strongestFirst;

    public IdentityRules(IdentityProperties properties) {
        this.priority = List.copyOf(properties.priority());
        this.neverLink = Set.copyOf(properties.neverLink());
        this.caps = properties.maxPerCustomer();
        this.strongestFirst = Comparator.comparingInt(this::rank).thenComparing(Comparator.naturalOrder());
    }

    /** {@code register} for a register id, else the prefix of {@code email:...}, {@code card:...}, .... */
    public static String kindOf(String reference) {
        int colon = reference.indexOf(':');
        return colon < 0 ? REGISTER : reference.substring(0, colon);
    }

    /** Every reference a channel sent, strongest first. */
    public List<String> references(CustomerIdentifiers ids) {
        List<String> references = new ArrayList<>(5);
        add(references, "", ids.getCustomerId());
        add(references, "email:", ids.getEmail());
        add(references, "phone:", ids.getPhone());
        add(references, "card:", ids.getLoyaltyCardId());
        add(references, "anon:", ids.getAnonymousId());
        references.sort(strongestFirst);
        return references;
    }

    /** What the register's record links to its customer: the id itself, its e-mail and its phone. */
    public List<String> references(CustomerRecord record) {
        List<String> references = new ArrayList<>(3);
        add(references, "", record.getCustomerId());
        add(references, "email:", record.getEmail());
        add(references, "phone:", record.getPhone());
        references.sort(strongestFirst);
        return references;
    }

    /**
     * The reference an event is resolved by: its strongest that may be linked, else (every one is on the never-link
     * list) its strongest, which then names a customer of its own and is never linked.
     */
    public String primary(CustomerIdentifiers ids) {
        List<String> references = references(ids);
        if (references.isEmpty()) {
            return CustomerReference.of(ids); // throws with the message ingest gives for an event without identifier
        }
        return references.stream().filter(this::linkable).findFirst().orElse(references.getFirst());
    }

    public boolean linkable(String reference) {
        return !neverLink.contains(reference);
    }

    /**
     * Which of two customers another is merged into: the one named by the stronger kind, of one kind the lexically
     * smaller; empty for two register ids, which are never merged (a person decides, docs/identity.md).
     */
    public Optional<String> survivor(String one, String other) {
        if (CustomerReference.isRegisterId(one) && CustomerReference.isRegisterId(other)) {
            return Optional.empty();
        }
        return Optional.of(strongestFirst.compare(one, other) <= 0 ? one : other);
    }

    /** How many identifiers of the reference's kind one customer may hold. */
    public int cap(String reference) {
        return switch (kindOf(reference)) {
            case "email" -> caps.email();
            case "phone" -> caps.phone();
            case "card" -> caps.card();
            case "anon" -> caps.anon();
            default -> Integer.MAX_VALUE; // a register id: one per customer by construction
        };
    }

    /**
     * Which of an event's references a customer takes in: those it does not hold yet, not on the never-link list,
     * within the cap of their kind.
     *
     * @param held the customer's identifiers now
     */
    public Linking link(List<String> held, List<String> seen) {
        TreeSet<String> identifiers = new TreeSet<>(held);
        List<String> added = new ArrayList<>();
        int capped = 0;
        for (String reference : seen) {
            if (identifiers.contains(reference) || !linkable(reference)) {
                continue;
            }
            String kind = kindOf(reference);
            long ofKind = identifiers.stream().filter(id -> kindOf(id).equals(kind)).count();
            if (ofKind >= cap(reference)) {
                capped++;
                continue;
            }
            identifiers.add(reference);
            added.add(reference);
        }
        return new Linking(List.copyOf(identifiers), added, capped);
    }

    /**
     * @param identifiers the customer's identifiers after linking, sorted
     * @param added       the references newly linked, to be claimed in the graph
     * @param capped      how many were refused for their kind's cap
     */
    public record Linking(List<String> identifiers, List<String> added, int capped) {
    }

    private int rank(String reference) {
        return priority.indexOf(kindOf(reference));
    }

    private static void add(List<String> references, String prefix, String value) {
        if (value != null && !value.isBlank()) {
            references.add(prefix + value);
        }
    }
}
