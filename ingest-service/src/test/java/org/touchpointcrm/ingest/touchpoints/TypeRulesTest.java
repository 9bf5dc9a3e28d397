package org.touchpointcrm.ingest.touchpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.ingest.input.FieldViolation;
import org.touchpointcrm.ingest.input.IngestProperties;

/** The rules that depend on a touchpoint's type, through the validator as ingest runs it. */
class TypeRulesTest {

    private final TouchpointValidator validator = new TouchpointValidator(Clock.fixed(TouchpointRequests.NOW, ZoneOffset.UTC),
            new IngestProperties(Duration.ofSeconds(5), Duration.ofMinutes(5), Duration.ofDays(365), "FI"));

    @Test
    void feedbackKeepsWhatTheCustomerWroteAndTheRating() {
        TouchpointEvent event = accepted(feedback().text("  Toivoisin gluteenittomia tuotteita.  ").rating(4));

        assertThat(event.getText()).isEqualTo("Toivoisin gluteenittomia tuotteita.");
        assertThat(event.getRating()).isEqualTo(4);
    }

    @Test
    void feedbackWithoutTextIsRefused() {
        assertThat(violations(feedback().rating(5))).containsExactly("text");
    }

    @Test
    void aRatingOutsideOneToFiveIsRefusedSayingTheScale() {
        var refused = refused(feedback().text("ok").rating(6));

        assertThat(refused).singleElement().satisfies(v -> {
            assertThat(v.field()).isEqualTo("rating");
            assertThat(v.reason()).contains("1 (poor) to 5 (excellent)");
        });
    }

    @Test
    void aRatingOnAPurchaseIsRefusedAsAMixUp() {
        assertThat(violations(TouchpointRequests.purchase().rating(3))).containsExactly("rating");
    }

    @Test
    void textOverFourThousandCharactersIsRefused() {
        assertThat(violations(feedback().text("x".repeat(TypeRules.MAX_TEXT_LENGTH + 1)))).containsExactly("text");
    }

    @Test
    void consentNeedsAKnownPurposeStoredInLowerCase() {
        assertThat(accepted(consent().consentPurpose("Marketing")).getConsentPurpose()).isEqualTo("marketing");
        assertThat(refused(consent().consentPurpose("spam")).getFirst().reason()).contains("marketing").contains("newsletter");
        assertThat(violations(consent())).containsExactly("consentPurpose");
    }

    @Test
    void aConsentPurposeOnAnotherTypeIsRefused() {
        assertThat(violations(TouchpointRequests.webVisit().consentPurpose("marketing"))).containsExactly("consentPurpose");
    }

    @Test
    void basketLinesAreKeptWithPricesInTheStoredScale() {
        TouchpointEvent event = accepted(TouchpointRequests.purchase().lines(List.of(
                new TouchpointRequest.BasketLine("ruisleipa-500g", 2, new BigDecimal("2.5"), "Ruisleipä"))));

        assertThat(event.getLines()).singleElement().satisfies(line -> {
            assertThat(line.getSku()).isEqualTo("ruisleipa-500g");
            assertThat(line.getQuantity()).isEqualTo(2);
            assertThat(line.getUnitPrice()).isEqualTo(new BigDecimal("2.50"));
        });
    }

    @Test
    void aBadBasketLineIsNamedByItsIndexAndField() {
        var lines = List.of(
                new TouchpointRequest.BasketLine("kahvi-500g", 1, new BigDecimal("6.95"), null),
                new TouchpointRequest.BasketLine(" ", 0, new BigDecimal("-1.00"), null));

        assertThat(violations(TouchpointRequests.purchase().lines(lines)))
                .containsExactly("lines[1].sku", "lines[1].quantity", "lines[1].unitPrice");
    }

    @Test
    void basketLinesOnAWebVisitAreRefused() {
        var lines = List.of(new TouchpointRequest.BasketLine("kahvi-500g", 1, new BigDecimal("6.95"), null));

        assertThat(violations(TouchpointRequests.webVisit().lines(lines))).containsExactly("lines");
    }

    @Test
    void aLoyaltyScanNeedsTheCardOrTheCustomer() {
        var anonymous = TouchpointRequests.purchase().type("LOYALTY_SCAN").amount(null).currency(null)
                .customer(new TouchpointRequest.Customer(null, "aino@example.fi", null, null));

        assertThat(violations(anonymous)).containsExactly("customer.loyaltyCardId");
        assertThat(accepted(anonymous.customer(new TouchpointRequest.Customer(null, null, null, "card-0042")))
                .getCustomer().getLoyaltyCardId()).isEqualTo("card-0042");
    }

    @Test
    void anSmsReplyKeepsItsTextAndTheMessageItAnswers() {
        TouchpointEvent event = accepted(TouchpointRequests.smsReply().text("STOP").messageId("5a4c7228-de11-3837"));

        assertThat(event.getText()).isEqualTo("STOP");
        assertThat(event.getMessageId()).isEqualTo("5a4c7228-de11-3837");
    }

    private static TouchpointRequests.Builder feedback() {
        return TouchpointRequests.webVisit().type("FEEDBACK");
    }

    private static TouchpointRequests.Builder consent() {
        return TouchpointRequests.emailOpened().type("CONSENT_GIVEN");
    }

    private TouchpointEvent accepted(TouchpointRequests.Builder request) {
        return validator.validate(request.build(), "test");
    }

    private List<FieldViolation> refused(TouchpointRequests.Builder request) {
        return catchThrowableOfType(InvalidTouchpointException.class, () -> validator.validate(request.build(), "test")).violations();
    }

    private List<String> violations(TouchpointRequests.Builder request) {
        return refused(request).stream().map(FieldViolation::field).toList();
    }
}
