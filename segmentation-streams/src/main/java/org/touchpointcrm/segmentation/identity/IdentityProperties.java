package org.touchpointcrm.segmentation.identity;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/**
 * The identity graph's merge rules ({@code crm.segmentation.identity}, docs/identity.md).
 *
 * @param priority       the identifier kinds, strongest first: which reference names a new customer and which
 *                       customer survives a merge; every one of {@link IdentityRules#KINDS} exactly once
 * @param neverLink      normalised references that are never linked to anyone (a shop's shared tablet, a
 *                       placeholder address): {@code email:test@example.com}, {@code card:0000}
 * @param maxPerCustomer how many identifiers of each kind one customer may hold; more are not linked
 */
@Validated
@ConfigurationProperties("crm.segmentation.identity")
public record IdentityProperties(@NotNull List<String> priority, @NotNull Set<String> neverLink,
                                 @NotNull @Valid MaxPerCustomer maxPerCustomer) {

    /** segmentation.yml's defaults, for tests and tools. */
    public static final IdentityProperties DEFAULTS = new IdentityProperties(IdentityRules.KINDS, Set.of(),
            new MaxPerCustomer(5, 5, 10, 50));

    /** A web shop's visitors clear cookies and change devices, so anonymous ids get the largest allowance. */
    public record MaxPerCustomer(@Positive int email, @Positive int phone, @Positive int card, @Positive int anon) {
    }

    public IdentityProperties {
        if (priority != null && (priority.size() != IdentityRules.KINDS.size()
                || !Set.copyOf(priority).equals(Set.copyOf(IdentityRules.KINDS)))) {
            throw new IllegalArgumentException("crm.segmentation.identity.priority: " + priority
                    + " must name each of " + IdentityRules.KINDS + " exactly once, strongest first");
        }
        for (String reference : neverLink == null ? Set.<String>of() : neverLink) {
            if (IdentityRules.kindOf(reference).equals(IdentityRules.REGISTER)) {
                throw new IllegalArgumentException("crm.segmentation.identity.never-link: a register id cannot be"
                        + " excluded; give references such as email:test@example.com or card:0000");
            }
        }
    }
}
