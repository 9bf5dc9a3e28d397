package org.touchpointcrm.segmentation.profile;

import java.time.Duration;

import org.touchpointcrm.segmentation.identity.IdentityMeters;
import org.touchpointcrm.segmentation.identity.IdentityRules;
import org.touchpointcrm.segmentation.timeline.CustomerTimelines;

import io.micrometer.core.instrument.Counter;

/**
 * What update-profile needs for the identity graph (docs/identity.md): which identifiers a customer takes in, how
 * two profiles become one, and the dedupe it repeats for a touchpoint handed on from a retired customer.
 *
 * @param dedupeRetention as the store counted-events keeps them
 * @param duplicates      touchpoints dropped because their customer counted them already
 */
public record ProfileIdentity(IdentityRules rules, IdentityMeters meters, ProfileMerger merger,
                              CustomerTimelines timelines, Duration dedupeRetention, Counter duplicates) {
}
