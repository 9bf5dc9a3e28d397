package org.touchpointcrm.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;

/**
 * The notifier issue's benchmark: decisions/s and e-mails/s to the local SMTP server, on the whole local
 * stack (real broker, registry, ingest, segmentation, notifier, GreenMail), each against a baseline from
 * the same run.
 *
 * <p>N customers each send a marketing consent on e-mail, then (once every profile has it) a first
 * purchase, through ingest's batch API. Segmentation makes each of them enter {@code new}, which starts the local stack's example campaign
 * {@code welcome-new}: one decision per customer (SEND, or CONTROL_GROUP for about 10 %), and an e-mail per
 * SEND, consent checked again at delivery, through the delivery ledger.
 * <ul>
 * <li><b>decisions/s</b> is measured against the segment changes that start them: both counted from the
 * first purchase sent to the last record seen; the ratio says whether the notifier keeps up with
 * segmentation.</li>
 * <li><b>e-mails/s</b> is measured against a plain JavaMailSender sending the same number of multipart
 * messages to the same GreenMail afterwards, one send per message as the notifier does.</li>
 * </ul>
 */
public final class NotifierBenchmark {

    static final String CAMPAIGN = "welcome-new";
    private static final int BATCH = 500; // touchpoints per request: ingest's limit
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    static final String USAGE = """
            usage: NotifierBenchmark [--data DIR] [--customers N] [--max-seconds S]
              --data DIR         the stack's data (emptied at start); default bench/target/bench-notifier-data
              --customers N      customers, each one consent and one first purchase; default 2000
              --max-seconds S    longest wait for decisions and e-mails; default 300
            """;

    record Options(Path data, int customers, int maxSeconds) {
        private static final Set<String> FLAGS = Set.of("--data", "--customers", "--max-seconds");

        static Options parse(String[] args) {
            Map<String, String> given = CommandLineFlags.read(args, FLAGS, USAGE);
            return new Options(Path.of(given.getOrDefault("--data", "bench/target/bench-notifier-data")),
                    (int) CommandLineFlags.number(given, "--customers", 2000, 1, USAGE),
                    (int) CommandLineFlags.number(given, "--max-seconds", 300, 1, USAGE));
        }
    }

    /** When each record of interest was seen by the benchmark's consumer. */
    private record Seen(String customerId, Instant at, boolean send) {
    }

    private final Options options;
    private final LocalStack stack;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    /** Customers whose profile has the marketing consent on e-mail. */
    private final Set<String> consented = ConcurrentHashMap.newKeySet();

    private NotifierBenchmark(Options options, LocalStack stack) {
        this.options = options;
        this.stack = stack;
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLineFlags.parseOrExit(args, Options::parse);
        IngestBenchmark.raiseRateLimit();
        System.out.printf("Starting the local stack (data in %s)...%n", options.data().toAbsolutePath());
        LocalStack stack = LocalStack.start(LocalStackOptions.forTests(options.data(), IngestBenchmark.registryHome()));
        boolean clean;
        try {
            clean = new NotifierBenchmark(options, stack).run();
        } finally {
            stack.close();
        }
        System.exit(clean ? 0 : 1);
    }

    private boolean run() throws Exception {
        var changes = new ConcurrentLinkedQueue<Seen>();
        var decisions = new ConcurrentLinkedQueue<Seen>();
        var stop = new AtomicBoolean();
        Thread follower = Thread.ofPlatform().name("bench-follower").start(() -> follow(changes, decisions, stop));
        Instant started;
        AtomicLong refused = new AtomicLong();
        Instant deadline = Instant.now().plusSeconds(options.maxSeconds());
        try (var http = HttpClient.newHttpClient()) {
            // Consents travel on crm.touchpoints.email, purchases on .pos: all consents must be in the profiles
            // before the purchases, or some decisions would find none.
            send(http, this::consents, refused);
            while (consented.size() < options.customers() && Instant.now().isBefore(deadline)) {
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
            System.out.printf("%,d customers consented; sending their first purchases...%n", consented.size());
            started = Instant.now();
            send(http, this::purchases, refused);
        }
        while (decisions.size() < options.customers() && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        long sends = decisions.stream().filter(Seen::send).count();
        var mailTimes = new ArrayList<Instant>(); // the first and the last e-mail's arrival
        int mails = awaitMails(sends, deadline, mailTimes);
        stop.set(true);
        follower.join(Duration.ofSeconds(10));

        Rate changeRate = Rate.of(options.customers(), started, changes);
        Rate decisionRate = Rate.of(options.customers(), started, decisions);
        Rate mailRate = mailTimes.isEmpty() ? new Rate(0, started, started) : new Rate(mails, mailTimes.getFirst(), mailTimes.getLast());
        Rate rawMail = rawSmtp((int) Math.max(sends, 1));

        String report = report(changeRate, decisionRate, sends, mailRate, rawMail, refused.get());
        System.out.print(report);
        Path saved = options.data().toAbsolutePath().resolveSibling("notifier-benchmark.txt");
        Files.writeString(saved, report);
        System.out.println("(also written to " + saved + ")");
        return refused.get() == 0 && decisions.size() == options.customers() && mails == sends;
    }

    /** Customers {@code first} to {@code end - 1}: a marketing consent on e-mail each. */
    private String consents(int first, int end) {
        var lines = new StringBuilder();
        Instant now = Instant.now();
        for (int i = first; i < end; i++) {
            lines.append("""
                    {"eventId":"bench-consent-%s-%d","occurredAt":"%s","channel":"EMAIL","type":"CONSENT_GIVEN","consentPurpose":"marketing","customer":{"customerId":"%s","email":"bench-%s-%d@example.fi"}}
                    """.formatted(run, i, now, customerId(i), run, i));
        }
        return lines.toString();
    }

    /** Customers {@code first} to {@code end - 1}: the first purchase each. */
    private String purchases(int first, int end) {
        var lines = new StringBuilder();
        Instant now = Instant.now();
        for (int i = first; i < end; i++) {
            lines.append("""
                    {"eventId":"bench-purchase-%s-%d","occurredAt":"%s","channel":"POS","type":"PURCHASE","customer":{"customerId":"%s"},"amount":19.90,"currency":"EUR","storeId":"tampere-koskikeskus"}
                    """.formatted(run, i, now, customerId(i)));
        }
        return lines.toString();
    }

    private interface Batch {
        String of(int first, int end);
    }

    private void send(HttpClient http, Batch batch, AtomicLong refused) throws Exception {
        for (int first = 0; first < options.customers(); first += BATCH) {
            var response = http.send(HttpRequest.newBuilder(stack.ingestUrl().resolve("/v1/touchpoints:batch"))
                    .header("Authorization", "Bearer " + LocalStack.DEMO_API_KEY)
                    .header("Content-Type", "application/x-ndjson")
                    .POST(HttpRequest.BodyPublishers.ofString(batch.of(first, Math.min(options.customers(), first + BATCH))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202 || !response.body().contains("\"rejected\":[]")) {
                refused.incrementAndGet();
                System.out.println("batch at customer " + first + " answered " + response.statusCode() + ": " + response.body());
            }
        }
    }

    private String customerId(int i) {
        return "c-bench-" + run + "-" + i;
    }

    /** Follows crm.segment-changes (entering {@code new}) and crm.campaign-messages (the campaign's decisions). */
    private void follow(ConcurrentLinkedQueue<Seen> changes, ConcurrentLinkedQueue<Seen> decisions, AtomicBoolean stop) {
        var serdes = CrmSerdes.withRegistry(stack.registryUrl());
        Map<String, Object> config = new HashMap<>(serdes.consumerConfig());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-notifier-" + run);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        String prefix = "c-bench-" + run + "-";
        try (var consumer = new KafkaConsumer<String, Object>(config)) {
            consumer.subscribe(List.of(Topics.SEGMENT_CHANGES.name(), Topics.CAMPAIGN_MESSAGES.name(), Topics.CUSTOMER_PROFILES.name()));
            while (!stop.get()) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    Instant at = Instant.now();
                    if (record.key() == null || !record.key().startsWith(prefix)) {
                        continue;
                    }
                    if (record.value() instanceof SegmentChange c && "new".equals(c.getSegmentId()) && c.getKind() == SegmentChangeKind.ENTERED) {
                        changes.add(new Seen(record.key(), at, false));
                    } else if (record.value() instanceof CustomerProfile p && p.getConsents().containsKey("EMAIL/marketing")) {
                        consented.add(record.key());
                    } else if (record.value() instanceof CampaignMessage m && CAMPAIGN.equals(m.getCampaignId())) {
                        decisions.add(new Seen(record.key(), at, m.getDecision() == CampaignDecision.SEND));
                    }
                }
            }
        }
    }

    private int awaitMails(long expected, Instant deadline, List<Instant> firstAndLast) {
        int seen = 0;
        Instant first = null;
        Instant last = null;
        while (seen < expected && Instant.now().isBefore(deadline)) {
            int now = (int) stack.mail().received().stream().filter(m -> recipient(m).startsWith("bench-" + run)).count();
            if (now > seen) {
                seen = now;
                last = Instant.now();
                first = first == null ? last : first;
            }
            // GreenMail copies every message per look: often enough to time, not so often it steals the notifier's CPU.
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        if (first != null) {
            firstAndLast.add(first);
            firstAndLast.add(last);
        }
        return seen;
    }

    private static String recipient(MimeMessage message) {
        try {
            var to = message.getAllRecipients();
            return to == null || to.length == 0 ? "" : ((InternetAddress) to[0]).getAddress();
        } catch (MessagingException e) {
            return "";
        }
    }

    /** The baseline: the same number of multipart e-mails sent straight to the same SMTP server, one send each. */
    private Rate rawSmtp(int count) throws Exception {
        var sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(stack.mail().smtpPort());
        Properties props = new Properties();
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        sender.setJavaMailProperties(props);
        Instant begun = Instant.now();
        for (int i = 0; i < count; i++) {
            MimeMessage message = sender.createMimeMessage();
            message.setFrom(new InternetAddress("asiakaspalvelu@touchpoint.example"));
            message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("raw-" + run + "-" + i + "@example.fi"));
            message.setSubject("Tervetuloa!", "UTF-8");
            var text = new MimeBodyPart();
            text.setText("Hei, kiitos ensimmäisestä ostoksestasi.", "UTF-8");
            var html = new MimeBodyPart();
            html.setContent("<p>Hei, kiitos ensimmäisestä ostoksestasi.</p>", "text/html; charset=UTF-8");
            message.setContent(new MimeMultipart("alternative", text, html));
            sender.send(message);
        }
        return new Rate(count, begun, Instant.now());
    }

    record Rate(long count, Instant from, Instant to) {

        static Rate of(long expected, Instant from, ConcurrentLinkedQueue<Seen> seen) {
            Instant last = seen.stream().map(Seen::at).max(Instant::compareTo).orElse(from);
            return new Rate(Math.min(expected, seen.size()), from, last);
        }

        double perSecond() {
            double seconds = Math.max(1, Duration.between(from, to).toMillis()) / 1000.0;
            return count / seconds;
        }

        double seconds() {
            return Duration.between(from, to).toMillis() / 1000.0;
        }
    }

    private String report(Rate changes, Rate decisions, long sends, Rate mails, Rate raw, long refusedBatches) {
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nNotifier benchmark, %s, %d customers, %d cores%n%n",
                STAMP.format(Instant.now()), options.customers(), Runtime.getRuntime().availableProcessors()));
        out.append("| what | count | seconds | per second | vs baseline |\n|---|---:|---:|---:|---:|\n");
        out.append(row("segment changes (new ENTERED), baseline for decisions", changes, null));
        out.append(row("decisions (" + CAMPAIGN + ")", decisions, changes));
        out.append(row("e-mails to GreenMail through the notifier, first to last (" + sends + " SEND decisions)", mails, raw));
        out.append(row("e-mails sent straight to GreenMail, baseline for e-mails", raw, null));
        if (refusedBatches > 0) {
            out.append(refusedBatches).append(" batches were not accepted whole; the figures are not valid\n");
        }
        return out.toString();
    }

    private static String row(String what, Rate rate, Rate baseline) {
        return String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %s |%n", what, rate.count(), rate.seconds(), rate.perSecond(),
                baseline == null ? "" : String.format(Locale.ROOT, "%.1f %%", 100.0 * rate.perSecond() / baseline.perSecond()));
    }
}
