package org.touchpointcrm.segmentation.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.touchpointcrm.avro.CaseChange;
import org.touchpointcrm.avro.CaseCommand;
import org.touchpointcrm.avro.CaseEvent;
import org.touchpointcrm.avro.CaseRaiser;
import org.touchpointcrm.avro.CaseStatus;
import org.touchpointcrm.avro.CustomerCase;

/**
 * What a command does to one store's cases, without Kafka: a raise opens a case or joins the open case its
 * normalised text (or a topic staff set) matches; staff acknowledge, act on or decline a case, name its topic, and
 * group cases into one. Every change is a {@link CaseEvent} carrying the case as it is afterwards; a staff command
 * that cannot apply is a REFUSED event with the reason, and changes nothing.
 */
public final class CaseBook {

    /** A grouping chain is followed at most this far (a grouped case points to the case it went into). */
    static final int MAX_GROUP_HOPS = 5;

    /** The store's cases as the processor holds them. */
    public interface State {
        CustomerCase get(String caseId);

        /** The case a store's normalised text or topic leads to, or null. */
        String matched(String storeKey, String matchKey);
    }

    /**
     * @param events  the changes, each with the case afterwards (REFUSED: as it was)
     * @param matches match-index entries to write: {@link #matchIndexKey} to case id
     */
    public record Outcome(List<CaseEvent> events, Map<String, String> matches) {

        static final Outcome NOTHING = new Outcome(List.of(), Map.of());

        /** The cases to store: every snapshot of an event that is not a refusal. */
        public List<CustomerCase> changedCases() {
            return events.stream().filter(e -> e.getChange() != CaseChange.REFUSED).map(CaseEvent::getSnapshot).toList();
        }
    }

    private final int maxRaisers;

    /** @param maxRaisers raisers kept per case; more are counted only */
    public CaseBook(int maxRaisers) {
        this.maxRaisers = maxRaisers;
    }

    public static String matchIndexKey(String storeKey, String matchKey) {
        return storeKey + '\u0000' + matchKey;
    }

    public Outcome apply(CaseCommand command, State state, Instant now) {
        return switch (command.getAction()) {
            case RAISE -> raise(command, state, now);
            case SET_STATUS -> withCase(command, state, now, this::setStatus);
            case SET_TOPIC -> withCase(command, state, now, this::setTopic);
            case GROUP -> withCase(command, state, now, this::group);
            case UNKNOWN -> Outcome.NOTHING;
        };
    }

    private Outcome raise(CaseCommand command, State state, Instant now) {
        CaseRaiser raiser = command.getRaiser();
        String storeKey = command.getStoreKey();
        String matchKey = CaseText.matchKey(firstNonNull(raiser.getText(), raiser.getProduct(), raiser.getCategory()));
        CustomerCase open = matchKey.isEmpty() ? null : follow(state, state.matched(storeKey, matchKey));
        if (open != null && CaseLifecycle.isOpen(open.getStatus())) {
            if (raisedBy(open, raiser.getEventId())) {
                return Outcome.NOTHING; // the same touchpoint again
            }
            CustomerCase joined = copy(open);
            addRaisers(joined, List.of(raiser), 1);
            touch(joined, null, now);
            return new Outcome(List.of(event(command, joined, CaseChange.JOINED, open.getStatus(), now, null)), Map.of());
        }
        String caseId = CaseKeys.caseId(storeKey, raiser.getEventId());
        if (state.get(caseId) != null) {
            return Outcome.NOTHING; // opened by this touchpoint already
        }
        CustomerCase opened = CustomerCase.newBuilder()
                .setCaseId(caseId).setStoreKey(storeKey).setStoreId(command.getStoreId()).setKind(command.getKind())
                .setStatus(CaseStatus.NEW).setMatchKey(matchKey).setRaisers(new ArrayList<>(List.of(raiser)))
                .setRaiserCount(1).setVersion(1).setOpenedAt(raiser.getRaisedAt()).setChangedAt(now)
                .build();
        Map<String, String> matches = matchKey.isEmpty() ? Map.of() : Map.of(matchIndexKey(storeKey, matchKey), caseId);
        return new Outcome(List.of(event(command, opened, CaseChange.OPENED, null, now, null)), matches);
    }

    @FunctionalInterface
    private interface StaffChange {
        Outcome apply(CaseCommand command, CustomerCase current, State state, Instant now);
    }

    private static Outcome withCase(CaseCommand command, State state, Instant now, StaffChange change) {
        CustomerCase current = command.getCaseId() == null ? null : state.get(command.getCaseId());
        if (current == null) {
            return Outcome.NOTHING; // the API checked it exists; a case never disappears, so this is a foreign command
        }
        if (current.getGroupedInto() != null) {
            return refused(command, current, now, "the case was grouped into " + current.getGroupedInto()
                    + "; act on that case");
        }
        return change.apply(command, current, state, now);
    }

    private Outcome setStatus(CaseCommand command, CustomerCase current, State state, Instant now) {
        CaseStatus to = command.getStatus();
        var refusal = CaseLifecycle.refusal(current.getStatus(), to, command.getReply() != null);
        if (refusal.isPresent()) {
            return refused(command, current, now, refusal.get());
        }
        CustomerCase changed = copy(current);
        changed.setStatus(to);
        if (CaseLifecycle.needsReply(to)) {
            changed.setReply(command.getReply());
            changed.setResolvedAt(now);
        }
        touch(changed, command.getBy(), now);
        return new Outcome(List.of(event(command, changed, CaseChange.STATUS_CHANGED, current.getStatus(), now, null)),
                Map.of());
    }

    private Outcome setTopic(CaseCommand command, CustomerCase current, State state, Instant now) {
        CustomerCase changed = copy(current);
        changed.setTopic(command.getTopic());
        touch(changed, command.getBy(), now);
        return new Outcome(List.of(event(command, changed, CaseChange.TOPIC_SET, current.getStatus(), now, null)),
                topicMatch(changed));
    }

    private Outcome group(CaseCommand command, CustomerCase target, State state, Instant now) {
        if (!CaseLifecycle.isOpen(target.getStatus())) {
            return refused(command, target, now, "the case is " + target.getStatus() + "; group into an open case");
        }
        var others = new ArrayList<CustomerCase>();
        for (String otherId : command.getOthers()) {
            CustomerCase other = state.get(otherId);
            String problem = other == null || !sameStore(otherId, target.getStoreKey())
                    ? "case " + otherId + " is not one of this store's cases"
                    : otherId.equals(target.getCaseId()) ? "a case cannot be grouped into itself"
                    : other.getGroupedInto() != null ? "case " + otherId + " was grouped into " + other.getGroupedInto()
                    : !CaseLifecycle.isOpen(other.getStatus()) ? "case " + otherId + " is " + other.getStatus() : null;
            if (problem != null) {
                return refused(command, target, now, problem);
            }
            others.add(other);
        }
        CustomerCase grouped = copy(target);
        if (command.getTopic() != null) {
            grouped.setTopic(command.getTopic());
        }
        var events = new ArrayList<CaseEvent>();
        var matches = new LinkedHashMap<String, String>();
        for (CustomerCase other : others) {
            addRaisers(grouped, other.getRaisers(), other.getRaiserCount());
            CustomerCase away = copy(other);
            away.setGroupedInto(target.getCaseId());
            away.setTopic(grouped.getTopic());
            touch(away, command.getBy(), now);
            events.add(event(command, away, CaseChange.GROUPED, other.getStatus(), now, null));
            if (!other.getMatchKey().isEmpty()) {
                matches.put(matchIndexKey(other.getStoreKey(), other.getMatchKey()), target.getCaseId());
            }
        }
        touch(grouped, command.getBy(), now);
        events.addFirst(event(command, grouped, CaseChange.GROUPED, target.getStatus(), now, null));
        matches.putAll(topicMatch(grouped));
        return new Outcome(events, matches);
    }

    /** A later raise whose normalised text equals the topic's joins the case too. */
    private static Map<String, String> topicMatch(CustomerCase c) {
        String key = CaseText.matchKey(c.getTopic());
        return key.isEmpty() ? Map.of() : Map.of(matchIndexKey(c.getStoreKey(), key), c.getCaseId());
    }

    private static CustomerCase follow(State state, String caseId) {
        CustomerCase c = caseId == null ? null : state.get(caseId);
        for (int hop = 0; c != null && c.getGroupedInto() != null && hop < MAX_GROUP_HOPS; hop++) {
            c = state.get(c.getGroupedInto());
        }
        return c == null || c.getGroupedInto() != null ? null : c;
    }

    private void addRaisers(CustomerCase c, List<CaseRaiser> raisers, int count) {
        var kept = new ArrayList<>(c.getRaisers());
        int added = 0;
        for (CaseRaiser raiser : raisers) {
            if (!raisedBy(c, raiser.getEventId()) && kept.size() < maxRaisers) {
                kept.add(raiser);
            }
            added++;
        }
        c.setRaisers(kept);
        c.setRaiserCount(c.getRaiserCount() + Math.max(count, added));
    }

    private static boolean raisedBy(CustomerCase c, String eventId) {
        return c.getRaisers().stream().anyMatch(r -> r.getEventId().equals(eventId));
    }

    private static void touch(CustomerCase c, String by, Instant now) {
        c.setVersion(c.getVersion() + 1);
        c.setChangedAt(now);
        if (by != null) {
            c.setChangedBy(by);
        }
    }

    private static Outcome refused(CaseCommand command, CustomerCase current, Instant now, String reason) {
        return new Outcome(List.of(event(command, current, CaseChange.REFUSED, current.getStatus(), now, reason)), Map.of());
    }

    private static CaseEvent event(CaseCommand command, CustomerCase after, CaseChange change, CaseStatus from,
                                   Instant now, String reason) {
        return CaseEvent.newBuilder()
                .setEventId(command.getCommandId() + "/" + after.getCaseId())
                .setCaseId(after.getCaseId()).setChange(change).setFrom(from).setTo(after.getStatus())
                .setAt(now).setBy(command.getBy()).setReason(reason).setSnapshot(after)
                .build();
    }

    private static CustomerCase copy(CustomerCase c) {
        return CustomerCase.newBuilder(c).build();
    }

    private static String firstNonNull(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    static boolean sameStore(String caseId, String storeKey) {
        return CaseKeys.storeKeyOf(caseId).map(k -> Objects.equals(k, storeKey)).orElse(false);
    }
}
