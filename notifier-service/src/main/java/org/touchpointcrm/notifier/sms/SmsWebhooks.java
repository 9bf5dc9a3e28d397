package org.touchpointcrm.notifier.sms;

/**
 * Where the SMS gateway calls notifier-service back (paths under crm.notifier.links.base-url): the
 * delivery adapter gives the status path as each message's StatusCallback, the gateway is configured
 * with the inbound path for replies (STOP).
 */
public final class SmsWebhooks {

    /** Delivery receipts: MessageSid, MessageStatus (queued, sent, delivered, undelivered, failed), ErrorCode. */
    public static final String STATUS_PATH = "/sms/status";
    /** Replies from customers: MessageSid, From, To, Body. */
    public static final String INBOUND_PATH = "/sms/inbound";
    /** The header a gateway signs its webhook calls with. */
    public static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private SmsWebhooks() {
    }
}
