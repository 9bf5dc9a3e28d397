package org.touchpointcrm.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.web.util.HtmlUtils;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * Catches every e-mail the notifier sends: GreenMail's SMTP and IMAP servers in this JVM, plus a
 * small page listing what arrived, for a person with a browser.
 */
final class MailCatcher implements AutoCloseable {

    private final GreenMail greenMail;
    private final HttpServer page;

    private MailCatcher(GreenMail greenMail, HttpServer page) {
        this.greenMail = greenMail;
        this.page = page;
    }

    /** Port 0 picks a free port. */
    static MailCatcher start(int smtpPort, int imapPort, int pagePort) {
        var greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        try {
            HttpServer page = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), pagePort), 0);
            var catcher = new MailCatcher(greenMail, page);
            page.createContext("/", catcher::listPage);
            page.start();
            return catcher;
        } catch (IOException e) {
            greenMail.stop();
            throw new UncheckedIOException("mail catcher page could not listen on port " + pagePort, e);
        }
    }

    int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    int imapPort() {
        return greenMail.getImap().getPort();
    }

    int pagePort() {
        return page.getAddress().getPort();
    }

    List<MimeMessage> received() {
        return List.of(greenMail.getReceivedMessages());
    }

    private void listPage(HttpExchange exchange) throws IOException {
        var rows = received().reversed().stream().map(MailCatcher::row).collect(Collectors.joining("\n"));
        String html = """
                <!doctype html><html><head><meta charset="utf-8"><title>Touchpoint CRM mail catcher</title>
                <style>body{font-family:sans-serif}td,th{padding:4px 8px;border-bottom:1px solid #ddd;text-align:left}
                pre{white-space:pre-wrap;margin:0}</style></head><body>
                <h1>Caught e-mail (%d)</h1><p>Newest first. Reload to refresh.</p>
                <table><tr><th>To</th><th>Subject</th><th>Message-ID</th><th>Text</th><th>Unsubscribe</th></tr>%s</table>
                </body></html>
                """.formatted(received().size(), rows);
        byte[] body = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String row(MimeMessage message) {
        try {
            Address[] to = message.getAllRecipients();
            String recipients = to == null ? "" : Arrays.stream(to).map(Address::toString).collect(Collectors.joining(", "));
            String text = plainText(message);
            String unsubscribe = unsubscribeUrl(message);
            return "<tr><td>%s</td><td>%s</td><td>%s</td><td><pre>%s</pre></td><td>%s</td></tr>".formatted(
                    HtmlUtils.htmlEscape(recipients), HtmlUtils.htmlEscape(String.valueOf(message.getSubject())),
                    HtmlUtils.htmlEscape(String.valueOf(message.getMessageID())),
                    HtmlUtils.htmlEscape(text == null ? "(" + message.getContentType() + ")" : text),
                    unsubscribe == null ? "" : "<a href=\"" + HtmlUtils.htmlEscape(unsubscribe) + "\">unsubscribe</a>");
        } catch (MessagingException | IOException e) {
            return "<tr><td colspan=5>unreadable message: " + HtmlUtils.htmlEscape(e.getMessage()) + "</td></tr>";
        }
    }

    /** The message's text/plain part (the first, in a multipart), or null when it has none. */
    static String plainText(Part part) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            return String.valueOf(part.getContent());
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    /** The URL of the RFC 8058 List-Unsubscribe header (its {@code <...>}), or null. */
    static String unsubscribeUrl(MimeMessage message) throws MessagingException {
        String header = message.getHeader("List-Unsubscribe", ",");
        if (header == null) {
            return null;
        }
        int open = header.indexOf("<http");
        int close = open < 0 ? -1 : header.indexOf('>', open);
        return close < 0 ? null : header.substring(open + 1, close);
    }

    @Override
    public void close() {
        page.stop(0);
        greenMail.stop();
    }
}
