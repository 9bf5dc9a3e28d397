package org.touchpointcrm.notifier.campaigns;

import java.util.List;

import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.schemas.CustomerProfiles;

/**
 * The channel a campaign reaches a customer on: the first of the campaign's channels, in its order, that
 * has an address on the profile and a consent {@code CHANNEL/purpose} granted for that address
 * ({@link CustomerProfiles#consented}, docs/identity.md). When none qualifies, the
 * reason: NO_ADDRESS if no channel has an address, else NO_CONSENT.
 *
 * @param channel   the channel used; when suppressed, the one the message is filed under (the first with an
 *                  address, else the campaign's first)
 * @param recipient the address; null when suppressed
 * @param reason    null when a channel qualifies
 */
public record ChannelChoice(Channel channel, String recipient, SuppressionReason reason) {

    public static ChannelChoice of(List<Channel> channels, String consentPurpose, CustomerProfile profile) {
        Channel firstAddressed = null;
        for (Channel channel : channels) {
            String address = CustomerProfiles.address(profile, channel);   // campaigns use EMAIL and SMS only
            if (address == null || address.isBlank()) {
                continue;
            }
            if (CustomerProfiles.consented(profile, channel, consentPurpose)) {
                return new ChannelChoice(channel, address, null);
            }
            if (firstAddressed == null) {
                firstAddressed = channel;
            }
        }
        return firstAddressed == null
                ? new ChannelChoice(channels.getFirst(), null, SuppressionReason.NO_ADDRESS)
                : new ChannelChoice(firstAddressed, null, SuppressionReason.NO_CONSENT);
    }

    public boolean chosen() {
        return reason == null;
    }

}
