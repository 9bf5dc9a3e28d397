package org.touchpointcrm.notifier.reactions;

/**
 * The few HTML pages a person sees at the unsubscribe link, in Finnish and English like the messages.
 * Static text only: nothing from the request is echoed back.
 */
final class UnsubscribePages {

    private UnsubscribePages() {
    }

    /** The form posts to the page's own URL ({@code action=""}), so the signed token goes back as it came. */
    static String confirm(String parameter, String value) {
        return page("Peru tilaus / Unsubscribe", """
                <p>Haluatko lopettaa näiden viestien tilauksen? / Do you want to stop receiving these messages?</p>
                <form method="post" action="">
                  <input type="hidden" name="%s" value="%s">
                  <button type="submit">Peru tilaus / Unsubscribe</button>
                </form>""".formatted(parameter, value));
    }

    static String done() {
        return page("Tilaus peruttu / Unsubscribed",
                "<p>Et saa enää näitä viestejä. / You will not receive these messages any more.</p>");
    }

    static String unknownLink() {
        return page("Linkki ei kelpaa / Link not valid",
                "<p>Tämä linkki ei kelpaa. Avaa linkki täsmälleen viestin mukaisena. / This link is not valid: open it"
                        + " exactly as it is in the message.</p>");
    }

    static String notOneClick(String parameter, String value) {
        return page("Peru tilaus / Unsubscribe", "<p>Send " + parameter + "=" + value
                + " as the form body (RFC 8058), or open this link in a browser and confirm.</p>");
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="fi"><head><meta charset="utf-8"><meta name="robots" content="noindex">
                <title>%s</title></head>
                <body>%s</body></html>
                """.formatted(title, body);
    }
}
