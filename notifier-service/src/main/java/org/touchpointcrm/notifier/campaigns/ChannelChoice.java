package org.touchpointcrm.notifier.campaigns;

import java.util.List;

import org.touchpointcrm.avro.Channel;
import org.touchpointcrm.avro.Consent;
import org.touchpointcrm.avro.CustomerProfile;

/**
 * The channel a campaign reaches a customer on: the first of the campaign's channels, in its order, that
 * has an address on the profile and a granted consent {@code CHANNEL/purpose}. When none qualifies, the
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
            String address = address(channel, profile);
            if (address == null || address.isBlank()) {
                continue;
            }
            if (consented(profile, channel, consentPurpose)) {
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

    private static String address(Channel channel, CustomerProfile profile) {
        return switch (channel) {
            case EMAIL -> profile.getEmail();
            case SMS -> profile.getPhone();
            default -> null;   // campaigns are checked to use EMAIL and SMS only
        };
    }

    /** The profile's consents are keyed CHANNEL/purpose and hold the customer's newest word on it. */
    private static boolean consented(CustomerProfile profile, Channel channel, String purpose) {
        Consent consent = profile.getConsents().get(channel.name() + "/" + purpose);
        return consent != null && consent.getGranted();
    }
}
