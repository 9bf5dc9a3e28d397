package org.touchpointcrm.notifier.reactions;

import java.util.Locale;
import java.util.Set;

/**
 * The SMS replies that withdraw marketing consent: the carriers' standard opt-out keywords (which
 * gateways such as Twilio honour too) and the Finnish LOPETA. The whole reply must be the word,
 * in any case, with surrounding spaces ignored: "stop" unsubscribes, "don't stop" does not.
 */
final class StopWords {

    private static final Set<String> WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "LOPETA");

    private StopWords() {
    }

    static boolean isStop(String reply) {
        return reply != null && WORDS.contains(reply.strip().toUpperCase(Locale.ROOT));
    }
}
