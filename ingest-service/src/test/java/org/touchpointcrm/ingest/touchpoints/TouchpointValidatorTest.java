package org.touchpointcrm.ingest.touchpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.touchpointcrm.ingest.touchpoints.TouchpointRequests.NOW;
import static org.touchpointcrm.ingest.touchpoints.TouchpointRequests.customerId;
import static org.touchpointcrm.ingest.touchpoints.TouchpointRequests.email;
import static org.touchpointcrm.ingest.touchpoints.TouchpointRequests.emailOpened;
import static org.touchpointcrm.ingest.touchpoints.TouchpointRequests.loyaltyCard;
import static org.touchpointcrm.ingest.touchpoints.TouchpointRequests.phone;
import static org.touchpointcrm.ingest.touchpoints.TouchpointRequests.purchase;
import static org.touchpointcrm.ingest.touchpoints.TouchpointRequests.smsReply;
import static org.touchpointcrm.ingest.touchpoints.TouchpointRequests.webVisit;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerIdentifiers;
import org.touchpointcrm.avro.TouchpointEvent;
import org.touchpointcrm.avro.TouchpointType;
import org.touchpointcrm.ingest.input.FieldViolation;
import org.touchpointcrm.ingest.input.IngestProperties;
import org.touchpointcrm.ingest.touchpoints.TouchpointRequest.Customer;

class TouchpointValidatorTest {

    private static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);
    private static final Duration MAX_AGE = Duration.ofDays(365);
    private static final String SOURCE = "pos-gateway";

    private final TouchpointValidator validator = new TouchpointValidator(Clock.fixed(NOW, ZoneOffset.UTC),
            new IngestProperties(Duration.ofSeconds(5), MAX_FUTURE_SKEW, MAX_AGE, "FI"));

    @Nested
    class AnAcceptedRequest {

        @Test
        void purchaseBecomesAnEventCarryingEveryFieldItWasSent() {
            TouchpointEvent event = accepted(purchase()
                    .attributes(Map.of("receipt", "R-2026-000123")));

            assertThat(event.getEventId()).isEqualTo("pos-tampere-000123");
            assertThat(event.getOccurredAt()).isEqualTo(NOW.minusSeconds(3600));
            assertThat(event.getChannel()).isEqualTo(Channel.POS);
            assertThat(event.getType()).isEqualTo(TouchpointType.PURCHASE);
            assertThat(event.getCustomer())
                    .isEqualTo(new CustomerIdentifiers("c-9001", "aino.virtanen@example.fi", null, null, null));
            assertThat(event.getAmount()).isEqualTo(new BigDecimal("49.90"));
            assertThat(event.getCurrency()).isEqualTo("EUR");
            assertThat(event.getStoreId()).isEqualTo("tampere-koskikeskus");
            assertThat(event.getAttributes()).containsExactlyEntriesOf(Map.of("receipt", "R-2026-000123"));
        }

        @Test
        void receivedAtIsTheClocksInstant() {
            assertThat(accepted(purchase()).getReceivedAt()).isEqualTo(NOW);
        }

        @Test
        void sourceIsTheChannelSystemThatSentTheRequest() {
            assertThat(accepted(purchase()).getSource()).isEqualTo(SOURCE);
        }

        @Test
        void webVisitNeedsNoAmountNorCurrency() {
            TouchpointEvent event = accepted(webVisit().amount(null).currency(null));

            assertThat(event.getType()).isEqualTo(TouchpointType.WEB_VISIT);
            assertThat(event.getAmount()).isNull();
            assertThat(event.getCurrency()).isNull();
        }

        @Test
        void missingAttributesBecomeAnEmptyMap() {
            assertThat(accepted(purchase().attributes(null)).getAttributes()).isEmpty();
        }

        @Test
        void blankStoreIdIsLeftOut() {
            assertThat(accepted(purchase().storeId("  ")).getStoreId()).isNull();
        }

        @Test
        void channelAndTypeAreReadWhateverTheirCase() {
            TouchpointEvent event = accepted(purchase().channel(" pos ").type("purchase"));

            assertThat(event.getChannel()).isEqualTo(Channel.POS);
            assertThat(event.getType()).isEqualTo(TouchpointType.PURCHASE);
        }
    }

    @Nested
    class EventId {

        @Test
        void missingEventIdIsRefusedAskingForAUniqueIdToReuseOnRetry() {
            FieldViolation violation = onlyViolationOf(purchase().eventId(null));

            assertThat(violation.field()).isEqualTo("eventId");
            assertThat(violation.reason()).contains("is required", "unique id", "reuse it when you retry");
        }

        @Test
        void blankEventIdIsRefused() {
            assertThat(onlyViolationOf(purchase().eventId("   ")).field()).isEqualTo("eventId");
        }

        @Test
        void eventIdOf128CharactersIsAccepted() {
            String longest = "e".repeat(128);

            assertThat(accepted(purchase().eventId(longest)).getEventId()).isEqualTo(longest);
        }

        @Test
        void eventIdLongerThan128CharactersIsRefusedSayingHowLongItIs() {
            FieldViolation violation = onlyViolationOf(purchase().eventId("e".repeat(129)));

            assertThat(violation.field()).isEqualTo("eventId");
            assertThat(violation.reason()).contains("129 characters", "at most 128");
        }
    }

    @Nested
    class OccurredAt {

        @Test
        void missingOccurredAtIsRefusedShowingTheFormat() {
            FieldViolation violation = onlyViolationOf(purchase().occurredAt((String) null));

            assertThat(violation.field()).isEqualTo("occurredAt");
            assertThat(violation.reason()).contains("is required", "ISO-8601", "2026-11-23T10:15:30Z");
        }

        @Test
        void unparseableOccurredAtIsRefusedQuotingItAndShowingTheFormat() {
            FieldViolation violation = onlyViolationOf(purchase().occurredAt("23.11.2026 10:15"));

            assertThat(violation.field()).isEqualTo("occurredAt");
            assertThat(violation.reason()).contains("'23.11.2026 10:15'", "ISO-8601", "2026-11-23T10:15:30Z");
        }

        @Test
        void occurredAtUpToFiveMinutesInTheFutureIsAcceptedForDriftingTillClocks() {
            assertThat(accepted(purchase().occurredAt(NOW.plus(MAX_FUTURE_SKEW))).getOccurredAt())
                    .isEqualTo(NOW.plus(MAX_FUTURE_SKEW));
        }

        @Test
        void occurredAtMoreThanFiveMinutesInTheFutureIsRefusedPointingAtTheSendersClock() {
            FieldViolation violation = onlyViolationOf(purchase().occurredAt(NOW.plus(MAX_FUTURE_SKEW).plusSeconds(1)));

            assertThat(violation.field()).isEqualTo("occurredAt");
            assertThat(violation.reason()).contains("in the future", "check the sender's clock");
        }

        @Test
        void occurredAtInTheFutureIsRefusedEvenForAnImport() {
            FieldViolation violation = onlyViolationOf(purchase().imported(true).occurredAt(NOW.plus(Duration.ofHours(1))));

            assertThat(violation.field()).isEqualTo("occurredAt");
            assertThat(violation.reason()).contains("in the future");
        }

        @Test
        void occurredAt365DaysAgoIsAccepted() {
            assertThat(accepted(purchase().occurredAt(NOW.minus(MAX_AGE))).getOccurredAt())
                    .isEqualTo(NOW.minus(MAX_AGE));
        }

        @Test
        void occurredAtMoreThan365DaysAgoIsRefusedSuggestingAnImport() {
            FieldViolation violation = onlyViolationOf(purchase().occurredAt(NOW.minus(MAX_AGE).minusSeconds(1)));

            assertThat(violation.field()).isEqualTo("occurredAt");
            assertThat(violation.reason()).contains("in the past", "\"imported\": true");
        }

        @Test
        void occurredAtMoreThan365DaysAgoIsRefusedWhenImportedIsFalse() {
            assertThat(onlyViolationOf(purchase().imported(false).occurredAt(NOW.minus(Duration.ofDays(400)))).field())
                    .isEqualTo("occurredAt");
        }

        @Test
        void occurredAtMoreThan365DaysAgoIsAcceptedWhenImported() {
            var threeYearsAgo = NOW.minus(Duration.ofDays(3 * 365));

            assertThat(accepted(purchase().imported(true).occurredAt(threeYearsAgo)).getOccurredAt())
                    .isEqualTo(threeYearsAgo);
        }
    }

    @Nested
    class ChannelAndType {

        @Test
        void unknownChannelIsRefusedListingTheChannels() {
            FieldViolation violation = onlyViolationOf(purchase().channel("FAX"));

            assertThat(violation.field()).isEqualTo("channel");
            assertThat(violation.reason()).contains("'FAX'", "EMAIL, SMS, WEB, POS").doesNotContain("UNKNOWN");
        }

        @Test
        void channelUnknownIsRefusedThoughTheSchemaHasIt() {
            assertThat(onlyViolationOf(purchase().channel("UNKNOWN")))
                    .isEqualTo(new FieldViolation("channel", "'UNKNOWN' is not one of EMAIL, SMS, WEB, POS"));
        }

        @Test
        void missingChannelIsRefusedListingTheChannels() {
            FieldViolation violation = onlyViolationOf(purchase().channel(null));

            assertThat(violation.field()).isEqualTo("channel");
            assertThat(violation.reason()).contains("is required", "EMAIL, SMS, WEB, POS");
        }

        @Test
        void unknownTypeIsRefusedListingTheTypes() {
            FieldViolation violation = onlyViolationOf(webVisit().type("PAGE_VIEW"));

            assertThat(violation.field()).isEqualTo("type");
            assertThat(violation.reason()).contains("'PAGE_VIEW'", "WEB_VISIT", "PURCHASE", "CONSENT_WITHDRAWN")
                    .doesNotContain("UNKNOWN");
        }

        @Test
        void typeUnknownIsRefusedThoughTheSchemaHasIt() {
            FieldViolation violation = onlyViolationOf(webVisit().type("unknown"));

            assertThat(violation.field()).isEqualTo("type");
            assertThat(violation.reason()).startsWith("'unknown' is not one of");
        }

        @Test
        void missingTypeIsRefused() {
            FieldViolation violation = onlyViolationOf(webVisit().type(" "));

            assertThat(violation.field()).isEqualTo("type");
            assertThat(violation.reason()).contains("is required", "WEB_VISIT");
        }
    }

    @Nested
    class CustomerIdentifiersOfTheRequest {

        @Test
        void missingCustomerIsRefusedNamingTheIdentifiersToGive() {
            FieldViolation violation = onlyViolationOf(purchase().customer(null));

            assertThat(violation.field()).isEqualTo("customer");
            assertThat(violation.reason()).contains("is required", "customerId, email, phone, loyaltyCardId");
        }

        @Test
        void customerWithoutAnyIdentifierIsRefused() {
            FieldViolation violation = onlyViolationOf(purchase().customer(new Customer(null, null, null, null)));

            assertThat(violation.field()).isEqualTo("customer");
            assertThat(violation.reason()).contains("no identifier", "customerId, email, phone, loyaltyCardId");
        }

        @Test
        void customerWithOnlyBlankIdentifiersIsRefused() {
            assertThat(onlyViolationOf(purchase().customer(new Customer("  ", null, null, ""))).field())
                    .isEqualTo("customer");
        }

        @Test
        void loyaltyCardAloneIdentifiesACustomer() {
            assertThat(accepted(purchase().customer(loyaltyCard(" 6001-2345 "))).getCustomer())
                    .isEqualTo(new CustomerIdentifiers(null, null, null, "6001-2345", null));
        }

        @Test
        void emailTouchpointWithoutEmailOrCustomerIdIsRefusedNamingCustomerEmail() {
            FieldViolation violation = onlyViolationOf(emailOpened().customer(phone("+358401234567")));

            assertThat(violation.field()).isEqualTo("customer.email");
            assertThat(violation.reason()).contains("EMAIL", "unless customer.customerId is given");
        }

        @Test
        void emailTouchpointKnownByCustomerIdNeedsNoEmail() {
            assertThat(accepted(emailOpened().customer(customerId("c-9001"))).getCustomer().getCustomerId())
                    .isEqualTo("c-9001");
        }

        @Test
        void smsTouchpointWithoutPhoneOrCustomerIdIsRefusedNamingCustomerPhone() {
            FieldViolation violation = onlyViolationOf(smsReply().customer(email("aino.virtanen@example.fi")));

            assertThat(violation.field()).isEqualTo("customer.phone");
            assertThat(violation.reason()).contains("SMS", "unless customer.customerId is given");
        }

        @Test
        void smsTouchpointKnownByCustomerIdNeedsNoPhone() {
            assertThat(accepted(smsReply().customer(customerId("c-9001"))).getCustomer().getCustomerId())
                    .isEqualTo("c-9001");
        }
    }

    @Nested
    class Email {

        @Test
        void invalidEmailIsRefusedQuotingIt() {
            FieldViolation violation = onlyViolationOf(emailOpened().customer(email("aino.virtanen(at)example.fi")));

            assertThat(violation.field()).isEqualTo("customer.email");
            assertThat(violation.reason()).contains("'aino.virtanen(at)example.fi'", "is not an e-mail address");
        }

        @Test
        void emailWithoutDomainIsRefused() {
            FieldViolation violation = onlyViolationOf(purchase().customer(new Customer("c-9001", "aino.virtanen", null, null)));

            assertThat(violation.field()).isEqualTo("customer.email");
            assertThat(violation.reason()).contains("'aino.virtanen'");
        }

        @Test
        void emailDomainIsLowerCasedButTheLocalPartKeptAsSent() {
            assertThat(accepted(emailOpened().customer(email("Aino.Virtanen@Example.FI"))).getCustomer().getEmail())
                    .isEqualTo("Aino.Virtanen@example.fi");
        }

        @Test
        void emailIsTrimmed() {
            assertThat(accepted(emailOpened().customer(email("  aino.virtanen@example.fi "))).getCustomer().getEmail())
                    .isEqualTo("aino.virtanen@example.fi");
        }
    }

    @Nested
    class Phone {

        @Test
        void nationalNumberIsNormalisedToE164WithTheDefaultRegion() {
            assertThat(accepted(smsReply().customer(phone("040 123 4567"))).getCustomer().getPhone())
                    .isEqualTo("+358401234567");
        }

        @Test
        void internationalNumberKeepsItsCountry() {
            assertThat(accepted(smsReply().customer(phone("+46 70 123 45 67"))).getCustomer().getPhone())
                    .isEqualTo("+46701234567");
        }

        @Test
        void numberTooShortToBeValidIsRefusedShowingE164() {
            FieldViolation violation = onlyViolationOf(smsReply().customer(phone("123")));

            assertThat(violation.field()).isEqualTo("customer.phone");
            assertThat(violation.reason()).contains("'123'", "not a valid phone number", "E.164", "+358401234567");
        }

        @Test
        void textThatIsNoNumberIsRefusedShowingE164() {
            FieldViolation violation = onlyViolationOf(smsReply().customer(phone("call me")));

            assertThat(violation.field()).isEqualTo("customer.phone");
            assertThat(violation.reason()).contains("'call me'", "is not a phone number", "E.164");
        }
    }

    @Nested
    class Amount {

        @ParameterizedTest
        @EnumSource(names = {"PURCHASE", "ORDER_PLACED", "RETURN"})
        void everyMonetaryTypeNeedsAnAmount(TouchpointType type) {
            FieldViolation violation = onlyViolationOf(purchase().type(type.name()).amount(null));

            assertThat(violation.field()).isEqualTo("amount");
            assertThat(violation.reason()).contains("is required for " + type, "49.90");
        }

        @Test
        void purchaseWithoutAmountIsRefusedNamingTheField() {
            assertThat(onlyViolationOf(purchase().amount(null)).field()).isEqualTo("amount");
        }

        @Test
        void negativeAmountIsRefusedPointingToReturns() {
            FieldViolation violation = onlyViolationOf(purchase().amount("-49.90"));

            assertThat(violation.field()).isEqualTo("amount");
            assertThat(violation.reason()).contains("-49.90", "must not be negative", "RETURN");
        }

        @Test
        void returnIsRecordedWithAPositiveAmount() {
            assertThat(accepted(purchase().type("RETURN").amount("19.90")).getAmount())
                    .isEqualTo(new BigDecimal("19.90"));
        }

        @Test
        void zeroAmountIsAccepted() {
            assertThat(accepted(purchase().amount("0")).getAmount()).isEqualTo(new BigDecimal("0.00"));
        }

        @Test
        void amountWithMoreThanTwoDecimalsIsRefused() {
            FieldViolation violation = onlyViolationOf(purchase().amount("49.995"));

            assertThat(violation.field()).isEqualTo("amount");
            assertThat(violation.reason()).contains("more than 2 decimals", "49.995");
        }

        @Test
        void amountIsScaledToTwoDecimals() {
            BigDecimal amount = accepted(purchase().amount("50")).getAmount();

            assertThat(amount.scale()).isEqualTo(2);
            assertThat(amount.toPlainString()).isEqualTo("50.00");
        }

        @Test
        void trailingZerosBeyondTwoDecimalsAreNotDecimalsOfMoney() {
            assertThat(accepted(purchase().amount("49.900")).getAmount().toPlainString()).isEqualTo("49.90");
        }

        @Test
        void largestAmountTheSchemaHoldsIsAccepted() {
            assertThat(accepted(purchase().amount("9999999999999999.99")).getAmount())
                    .isEqualTo(new BigDecimal("9999999999999999.99"));
        }

        @Test
        void amountTooLargeForTheSchemaIsRefused() {
            FieldViolation violation = onlyViolationOf(purchase().amount("12345678901234567"));

            assertThat(violation.field()).isEqualTo("amount");
            assertThat(violation.reason()).contains("12345678901234567", "at most 16 digits before the decimal point");
        }

        @Test
        void amountSentWithAWebVisitIsScaledLikeAnyAmount() {
            assertThat(accepted(webVisit().amount("5")).getAmount().toPlainString()).isEqualTo("5.00");
        }

        @Test
        void amountSentWithAWebVisitIsRefusedWhenItHasMoreThanTwoDecimals() {
            assertThat(onlyViolationOf(webVisit().amount("1.234")).field()).isEqualTo("amount");
        }
    }

    @Nested
    class Currency {

        @ParameterizedTest
        @EnumSource(names = {"PURCHASE", "ORDER_PLACED", "RETURN"})
        void everyMonetaryTypeNeedsACurrency(TouchpointType type) {
            FieldViolation violation = onlyViolationOf(purchase().type(type.name()).currency(null));

            assertThat(violation.field()).isEqualTo("currency");
            assertThat(violation.reason()).contains("is required for " + type, "ISO 4217", "EUR");
        }

        @Test
        void purchaseWithoutCurrencyIsRefusedNamingTheField() {
            assertThat(onlyViolationOf(purchase().currency(" ")).field()).isEqualTo("currency");
        }

        @Test
        void lowerCaseCurrencyIsAcceptedInUpperCase() {
            assertThat(accepted(purchase().currency("eur")).getCurrency()).isEqualTo("EUR");
        }

        @Test
        void currencyThatIsNoIso4217CodeIsRefusedQuotingIt() {
            FieldViolation violation = onlyViolationOf(purchase().currency("EURO"));

            assertThat(violation.field()).isEqualTo("currency");
            assertThat(violation.reason()).contains("'EURO'", "ISO 4217", "EUR");
        }
    }

    @Nested
    class Attributes {

        @Test
        void attributeWithoutValueIsRefusedNamingIt() {
            var attributes = new HashMap<String, String>();
            attributes.put("campaign", null);

            FieldViolation violation = onlyViolationOf(webVisit().attributes(attributes));

            assertThat(violation.field()).isEqualTo("attributes.campaign");
            assertThat(violation.reason()).contains("has no value", "leave the attribute out");
        }
    }

    @Nested
    class SeveralViolations {

        @Test
        void everyViolationIsReportedAtOnce() {
            List<FieldViolation> violations = violationsOf(purchase()
                    .eventId(null).occurredAt("yesterday").channel("FAX").type("SALE").customer(null));

            assertThat(violations).extracting(FieldViolation::field)
                    .containsExactly("eventId", "occurredAt", "channel", "type", "customer");
        }

        @Test
        void everyViolationOfAPurchaseIsReportedAtOnce() {
            List<FieldViolation> violations = violationsOf(purchase()
                    .customer(new Customer(null, "aino.virtanen", "123", null)).amount("49.999").currency("EURO"));

            assertThat(violations).extracting(FieldViolation::field)
                    .containsExactly("customer.email", "customer.phone", "amount", "currency");
        }
    }

    @Nested
    class BoundedTexts {

        @Test
        void aCustomerIdFollowsTheRegistersRule() {
            assertThat(onlyViolationOf(purchase().customer(customerId("c-90\n01")))).satisfies(violation -> {
                assertThat(violation.field()).isEqualTo("customer.customerId");
                assertThat(violation.reason()).contains("control character");
            });
            assertThat(onlyViolationOf(purchase().customer(customerId("c".repeat(129)))).reason())
                    .contains("129 characters long");
            assertThat(onlyViolationOf(purchase().customer(customerId("email:aino@example.fi"))).field())
                    .isEqualTo("customer.customerId");
        }

        @Test
        void storeLoyaltyCardAndMessageIdAreBoundedAndOnOneLine() {
            assertThat(onlyViolationOf(purchase().storeId("s".repeat(129))).field()).isEqualTo("storeId");
            assertThat(onlyViolationOf(purchase().storeId("tampere\u0000")).field()).isEqualTo("storeId");
            assertThat(onlyViolationOf(webVisit().customer(loyaltyCard("LC\r\n1"))).field()).isEqualTo("customer.loyaltyCardId");
            assertThat(onlyViolationOf(emailOpened().messageId("m\u001b[31m")).field()).isEqualTo("messageId");
        }

        @Test
        void attributesAreBoundedInNumberNameAndValue() {
            Map<String, String> many = new HashMap<>();
            for (int i = 0; i <= TouchpointValidator.MAX_ATTRIBUTES; i++) {
                many.put("a" + i, "v");
            }
            assertThat(onlyViolationOf(webVisit().attributes(many)).reason()).contains("at most 50");
            assertThat(onlyViolationOf(webVisit().attributes(Map.of("note", "x".repeat(1001)))).field())
                    .isEqualTo("attributes.note");
            assertThat(onlyViolationOf(webVisit().attributes(Map.of("n\nx", "v"))).field()).isEqualTo("attributes");
        }

        @Test
        void basketLinesAreBoundedInNumberAndText() {
            var line = new TouchpointRequest.BasketLine("SKU-1", 1, new BigDecimal("4.95"), "Kah\nvi");
            assertThat(onlyViolationOf(purchase().lines(List.of(line))).field()).isEqualTo("lines[0].description");
            var fine = new TouchpointRequest.BasketLine("SKU-1", 1, new BigDecimal("4.95"), "Kahvi");
            assertThat(onlyViolationOf(purchase().lines(Collections.nCopies(TypeRules.MAX_LINES + 1, fine)))
                    .reason()).contains("at most 500");
        }

        @Test
        void feedbackMayBreakLinesButHoldsNoOtherControlCharacter() {
            assertThat(accepted(smsReply().text("Kiitos!\nHyvä palvelu.")).getText()).isEqualTo("Kiitos!\nHyvä palvelu.");
            assertThat(onlyViolationOf(smsReply().text("STOP\u0007")).field()).isEqualTo("text");
        }

        @Test
        void aHugeExponentIsRefusedFromScaleAndPrecisionAloneAndQuotedShort() {
            FieldViolation violation = onlyViolationOf(purchase().amount("1e600000000"));

            assertThat(violation.field()).isEqualTo("amount");
            assertThat(violation.reason()).contains("'1E+600000000'", "at most 16 digits").hasSizeLessThan(200);
        }

        @Test
        void aBadValueIsQuotedByAShortPrefix() {
            assertThat(onlyViolationOf(purchase().currency("E".repeat(100_000))).reason()).hasSizeLessThan(200)
                    .contains("(100000 characters)");
        }
    }

    private TouchpointEvent accepted(TouchpointRequests.Builder request) {
        return validator.validate(request.build(), SOURCE);
    }

    private List<FieldViolation> violationsOf(TouchpointRequests.Builder request) {
        InvalidTouchpointException refused = catchThrowableOfType(InvalidTouchpointException.class,
                () -> validator.validate(request.build(), SOURCE));
        assertThat(refused).as("the request should have been refused").isNotNull();
        return refused.violations();
    }

    private FieldViolation onlyViolationOf(TouchpointRequests.Builder request) {
        List<FieldViolation> violations = violationsOf(request);
        assertThat(violations).hasSize(1);
        return violations.get(0);
    }
}
