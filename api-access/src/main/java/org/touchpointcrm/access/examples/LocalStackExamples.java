package org.touchpointcrm.access.examples;

import java.util.List;

/**
 * The example secrets of the local stack (and of docker-compose.yml), in the one place both the local
 * stack and the services see: the stack configures its services with them, and every service refuses
 * them at start unless {@link org.touchpointcrm.access.ExampleSecretsGuard#SWITCH} allows them, which the local stack alone sets.
 * A new example secret goes into {@link #API_KEYS} or {@link #SECRETS} and is refused from then on.
 */
public final class LocalStackExamples {

    /** ingest-service's key in the local stack: every channel and every operation of ingest (docs/ingest.md). */
    public static final String DEMO_API_KEY = "tp-local-demo-key";
    /** The marketer's key of segmentation-streams and notifier-service in the local stack. */
    public static final String MARKETER_API_KEY = "tp-local-marketer-key";
    /**
     * A read-only analyst's key of segmentation-streams and notifier-service in the local stack: reads segments,
     * profiles and campaigns, changes nothing (the console offers it no publish button).
     */
    public static final String ANALYST_API_KEY = "tp-local-analyst-key";
    /** ingest-service's own key for segmentation's profile query in the local stack (PROFILES_READ). */
    public static final String INGEST_SERVICE_KEY = "tp-local-ingest-service-key";
    /** The notifier's own key for segmentation's profile query in the local stack (PROFILES_READ). */
    public static final String NOTIFIER_SERVICE_KEY = "tp-local-notifier-service-key";
    /** The key the local stack's segmentation instances ask each other with (INSTANCE_QUERIES). */
    public static final String SEGMENTATION_INSTANCE_KEY = "tp-local-segmentation-instance-key";
    /** Signs the links in the local stack's messages. */
    public static final String LINK_SECRET = "local-stack-example-link-secret-0123456789";
    /** The local stack's SMS gateway token (the loopback gateway's). */
    public static final String SMS_AUTH_TOKEN = "local-stack-example-sms-token";
    /** docker-compose.yml's link secret and SMS token: examples too, refused the same way. */
    static final String COMPOSE_LINK_SECRET = "compose-example-link-secret-0123456789";
    static final String COMPOSE_SMS_AUTH_TOKEN = "compose-example-sms-token";

    /** Every example API key: refused as a configured key's SHA-256 and as a configured credential. */
    public static final List<String> API_KEYS = List.of(DEMO_API_KEY, MARKETER_API_KEY, ANALYST_API_KEY, INGEST_SERVICE_KEY,
            NOTIFIER_SERVICE_KEY, SEGMENTATION_INSTANCE_KEY);
    /** Every other example secret: link secrets, gateway tokens. */
    public static final List<String> SECRETS = List.of(LINK_SECRET, SMS_AUTH_TOKEN, COMPOSE_LINK_SECRET,
            COMPOSE_SMS_AUTH_TOKEN);

    private LocalStackExamples() {
    }
}
