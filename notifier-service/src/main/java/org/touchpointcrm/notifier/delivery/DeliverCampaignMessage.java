package org.touchpointcrm.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.Delivery;
import org.touchpointcrm.avro.DeliveryState;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.notifier.feedback.FeedbackTouchpoints;
import org.touchpointcrm.notifier.links.LinkSubject;
import org.touchpointcrm.platform.privacy.PersonalData;
import org.touchpointcrm.schemas.DeadLetterHeaders;

/**
 * Delivers one SEND decision at most once per send id:
 * <ol>
 * <li>a send id the ledger has settled (SENT, FAILED, UNKNOWN, CANCELLED) is never acted on again; one left at
 * INTENT by a crash is handed over again only where the provider takes an idempotency key (SMS), an e-mail
 * becomes UNKNOWN;</li>
 * <li>consent is checked against the live profile: withdrawn or missing is CANCELLED;</li>
 * <li>INTENT is written and acknowledged, then the message handed over (transient failures retried);</li>
 * <li>the outcome's touchpoint (and a failure's dead letter) is written, then the outcome to the ledger.</li>
 * </ol>
 * Touchpoints have event ids derived from the send id, so writing one again after a crash counts once.
 * <p>
 * A FAILED send's dead letter replayed by crmctl (header {@value DeadLetterHeaders#REPLAYED_FROM}) is a new attempt of the same
 * send id, once: every ledger entry of it names the dead letter ({@code replayOf}), and the same replay read again
 * finds its own attempt. A replay of a send that is not FAILED (SENT, UNKNOWN, CANCELLED) does nothing.
 */
public class DeliverCampaignMessage {

    private static final Logger log = LoggerFactory.getLogger(DeliverCampaignMessage.class);

    private final DeliveryLedger ledger;
    private final DeliveryConsent consent;
    private final Map<Channel, HandOver> handOvers = new EnumMap<>(Channel.class);
    private final DeliveryRetries retries;
    private final DeliveryDeadLetters deadLetters;
    private final FeedbackTouchpoints touchpoints;
    private final DeliveryMeters meters;
    private final Clock clock;
    private final Duration timeout;
    private final ProviderLimits limits;

    public DeliverCampaignMessage(DeliveryLedger ledger, DeliveryConsent consent, List<HandOver> handOvers,
            DeliveryRetries retries, DeliveryDeadLetters deadLetters, FeedbackTouchpoints touchpoints,
            DeliveryMeters meters, Clock clock, Duration timeout, ProviderLimits limits) {
        this.limits = limits;
        this.ledger = ledger;
        this.consent = consent;
        handOvers.forEach(h -> this.handOvers.put(h.channel(), h));
        this.retries = retries;
        this.deadLetters = deadLetters;
        this.touchpoints = touchpoints;
        this.meters = meters;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** One delivery attempt of a record: which one (the replayed dead letter that started it, or null: the first). */
    private record Attempt(ConsumerRecord<String, CampaignMessage> record, byte[] original, String replayOf) {
        CampaignMessage message() {
            return record.value();
        }
    }

    /** As {@link #deliver(ConsumerRecord, byte[])} for a record whose bytes are not at hand (a dead letter serialises it again). */
    public Optional<DeliveryOutcome> deliver(ConsumerRecord<String, CampaignMessage> record) {
        return deliver(record, null);
    }

    /**
     * @param original the record's value as it was on crm.campaign-messages: a dead letter keeps these bytes
     * @return what became of the message, or empty if there was nothing to do (a suppression, a settled send)
     */
    public Optional<DeliveryOutcome> deliver(ConsumerRecord<String, CampaignMessage> record, byte[] original) {
        CampaignMessage message = record.value();
        if (message == null || message.getDecision() != CampaignDecision.SEND) {
            return Optional.empty();
        }
        String replayOf = replayedFrom(record);
        Optional<LedgerEntry> known = ledger.entry(message.getMessageId());
        // A replayed dead letter of a FAILED send is a new attempt of the same send id, once: its entries name it, so
        // the same replay read again finds its own attempt in the ledger.
        boolean newAttempt = replayOf != null && known.isPresent() && known.get().state() == DeliveryState.FAILED
                && new LedgerEntry(DeliveryState.INTENT, replayOf).attempt() > known.get().attempt();
        if (known.isPresent() && !newAttempt && known.get().settled()) {
            if (replayOf != null) {
                log.info("replayed send {} is already {}: not delivered again", message.getMessageId(), known.get().state());
            } else {
                log.debug("send {} is already {}: not delivered again", message.getMessageId(), known.get().state());
            }
            return Optional.empty();
        }
        boolean resumed = known.isPresent() && !newAttempt; // a crash left it at INTENT
        var attempt = new Attempt(record, original, resumed ? known.get().replayOf() : replayOf);
        HandOver handOver = handOvers.get(message.getChannel());
        if (handOver == null) {
            return Optional.of(failed(attempt, 0, DeliveryFailure.permanent("send " + message.getMessageId()
                    + " is for channel " + message.getChannel() + ", which notifier-service does not deliver", null), false));
        }
        if (resumed && !handOver.idempotent()) {
            return Optional.of(settle(attempt, DeliveryOutcome.UNKNOWN, 0, null, "a crash left this send at INTENT with no "
                    + "outcome: the " + message.getChannel() + " provider may have it and takes no idempotency key, so it is not sent again"));
        }
        boolean granted;
        try {
            granted = retries.attempt(() -> consent.granted(message));
        } catch (DeliveryFailure e) {
            return Optional.of(failed(attempt, 0, e, false));
        }
        if (!granted) {
            return Optional.of(settle(attempt, DeliveryOutcome.CANCELLED, 0, null, "consent " + DeliveryConsent.key(message)
                    + " is withdrawn or missing in the live profile"));
        }
        ledger.write(entry(attempt, DeliveryState.INTENT, 0, null, null));
        var attempts = new AtomicInteger();
        String providerId;
        try {
            providerId = retries.attempt(() -> {
                attempts.incrementAndGet();
                return limits.handOver(message.getChannel(), () -> handOver.handOver(message));
            });
        } catch (DeliveryFailure e) {
            if (e.maybeHandedOver()) {
                return Optional.of(settle(attempt, DeliveryOutcome.UNKNOWN, attempts.get(), null, e.getMessage()));
            }
            return Optional.of(failed(attempt, attempts.get(), e, true));
        }
        awaitTouchpoint(message, TouchpointType.MESSAGE_SENT, Map.of());
        return Optional.of(settle(attempt, DeliveryOutcome.SENT, attempts.get(), providerId, null));
    }

    private static String replayedFrom(ConsumerRecord<String, CampaignMessage> record) {
        Header header = record.headers().lastHeader(DeadLetterHeaders.REPLAYED_FROM);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** FAILED: the dead letter, a bounce touchpoint if the provider refused it, then the ledger. */
    private DeliveryOutcome failed(Attempt attempt, int attempts, DeliveryFailure failure, boolean refusedByProvider) {
        CampaignMessage message = attempt.message();
        deadLetters.deadLetter(attempt.record(), attempt.original(), failure);
        if (refusedByProvider) {
            awaitTouchpoint(message, TouchpointType.MESSAGE_BOUNCED, Map.of("reason",
                    PersonalData.redact(String.valueOf(failure.getMessage()), message.getRecipient())));
        }
        log.warn("send {} of campaign {} failed: {}", message.getMessageId(), message.getCampaignId(),
                PersonalData.redact(failure.getMessage(), message.getRecipient()));
        return settle(attempt, DeliveryOutcome.FAILED, attempts, null, failure.getMessage());
    }

    private DeliveryOutcome settle(Attempt attempt, DeliveryOutcome outcome, int attempts, String providerId, String detail) {
        CampaignMessage message = attempt.message();
        ledger.write(entry(attempt, DeliveryState.valueOf(outcome.name()), attempts, providerId, detail));
        meters.delivered(message.getChannel(), outcome);
        log.info("send {} of campaign {}: {}{}", message.getMessageId(), message.getCampaignId(), outcome,
                attempt.replayOf() == null ? "" : " (an attempt replayed from " + attempt.replayOf() + ")");
        return outcome;
    }

    /**
     * The ledger is compacted and kept: it holds no address (recipient stays empty) and its detail is redacted;
     * the customer id stays, the key every topic about the customer has and what SMS callbacks are attributed by.
     */
    private Delivery entry(Attempt attempt, DeliveryState state, int attempts, String providerId, String detail) {
        CampaignMessage message = attempt.message();
        return Delivery.newBuilder()
                .setSendId(message.getMessageId())
                .setCampaignId(message.getCampaignId())
                .setCustomerId(message.getCustomerId())
                .setChannel(message.getChannel())
                .setState(state)
                .setAttempts(attempts)
                .setAt(clock.instant())
                .setDetail(PersonalData.redact(detail, message.getRecipient()))
                .setProviderMessageId(providerId)
                .setReplayOf(attempt.replayOf())
                .build();
    }

    private void awaitTouchpoint(CampaignMessage message, TouchpointType type, Map<String, String> attributes) {
        TouchpointEvent event = FeedbackTouchpoints.about(LinkSubject.of(message), type, "", clock.instant(), attributes);
        try {
            touchpoints.record(event).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new LedgerUnavailableException("the broker did not acknowledge the " + type + " touchpoint of send "
                    + message.getMessageId() + " within " + timeout + " (" + e + "); the message is taken up again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LedgerUnavailableException("interrupted while writing the " + type + " touchpoint of send "
                    + message.getMessageId(), e);
        }
    }
}
