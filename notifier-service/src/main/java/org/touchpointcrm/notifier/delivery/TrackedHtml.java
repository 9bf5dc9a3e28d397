package org.touchpointcrm.notifier.delivery;

import java.util.Locale;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.touchpointcrm.notifier.links.LinkSubject;
import org.touchpointcrm.notifier.links.SignedLinks;

/**
 * The HTML part as sent: every http(s) link goes through the signed click redirect and an open pixel is
 * added at the end of the body. Parsed with jsoup, so links in any attribute quoting or case are found and
 * nothing else in the document changes meaning. mailto:, tel: and in-page links are left alone.
 */
final class TrackedHtml {

    private final SignedLinks links;

    TrackedHtml(SignedLinks links) {
        this.links = links;
    }

    String track(String html, LinkSubject subject) {
        Document document = Jsoup.parse(html);
        for (Element anchor : document.select("a[href]")) {
            String target = anchor.attr("href").strip();
            String lower = target.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                anchor.attr("href", links.clickUrl(subject, target));
            }
        }
        document.body().appendElement("img")
                .attr("src", links.openUrl(subject))
                .attr("width", "1").attr("height", "1").attr("alt", "")
                .attr("style", "display:block;border:0;width:1px;height:1px");
        return document.outerHtml();
    }
}
