package org.touchpointcrm.access;

import java.net.URI;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

/**
 * A rule (a segment's, a campaign audience's) reads contact data and the key may not
 * ({@link Operation#CONTACTS_READ}): a rule such as {@code profile.email == 'aino@example.fi'} would
 * tell its writer whether a person is a customer. An {@link ErrorResponseException}, so that every
 * service answers it as the same 403 problem without a handler of its own.
 */
public final class ContactFieldsRefusedException extends ErrorResponseException {

    static final URI FORBIDDEN = URI.create("https://touchpointcrm.org/problems/forbidden");

    private ContactFieldsRefusedException(ApiClient client, String rule, Set<String> fields) {
        super(HttpStatus.FORBIDDEN);
        getBody().setType(FORBIDDEN);
        getBody().setTitle("Not allowed for this key");
        getBody().setDetail("the " + rule + " reads contact data (" + String.join(", ", fields) + "); API key '"
                + client.name() + "' may not " + Operation.CONTACTS_READ.description() + ": ask the CRM team for the "
                + Operation.CONTACTS_READ + " scope, or write the rule without them (has(...) tests presence only)");
        getBody().setProperty("fields", fields);
        getBody().setProperty("scope", Operation.CONTACTS_READ.name());
    }

    /**
     * @param rule          what the rule is, for the message, e.g. {@code audience rule}
     * @param contactFields the contact fields the rule reads the value of
     * @throws ContactFieldsRefusedException when there are some and the client may not read them
     */
    public static void check(ApiClient client, String rule, Set<String> contactFields) {
        // A peer instance's key reaches a rule only on a forwarded preview, whose caller this check passed first.
        if (!contactFields.isEmpty() && !client.may(Operation.CONTACTS_READ) && !client.may(Operation.INSTANCE_QUERIES)) {
            throw new ContactFieldsRefusedException(client, rule, new TreeSet<>(contactFields));
        }
    }
}
