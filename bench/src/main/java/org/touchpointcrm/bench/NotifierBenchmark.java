package org.touchpointcrm.bench;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.touchpointcrm.avro.CampaignDecision;
import org.touchpointcrm.avro.CampaignMessage;
import org.touchpointcrm.avro.CustomerProfile;
import org.touchpointcrm.avro.SegmentChange;
import org.touchpointcrm.avro.SegmentChangeKind;
import org.touchpointcrm.localstack.CommandLineFlags;
import org.touchpointcrm.localstack.LocalStack;
import org.touchpointcrm.localstack.LocalStackOptions;
import org.touchpointcrm.schemas.CrmSerdes;
import org.touchpointcrm.schemas.Topics;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * The notifier's benchmark: decisions/s against the segment changes that start them, and e-mails/s through the
 * notifier against a plain pooled, concurrent SMTP client sending the same messages to the same SMTP sink, on the
 * whole local stack (real broker, registry, ingest, segmentation, notifier), in the same run.
 *
 * <p>N customers each send a marketing consent on e-mail, then (once every profile has it) a first purchase,
 * through ingest's batch API. Segmentation makes each of them enter {@code new}, which starts the local stack's
 * example campaign {@code welcome-new}: one decision per customer (SEND, or CONTROL_GROUP for about 10 %), and an
 * e-mail per SEND, through the whole delivery (ledger, consent again, SMTP, touchpoint, outcome).
 * <ul>
 * <li>The notifier's e-mails go to {@link SmtpSink} (SubEthaSMTP, no mailbox), not GreenMail, which takes about
 * 50 ms per message and would be what is measured.</li>
 * <li><b>e-mails/s</b> is timed from the first SEND decision (its record's timestamp on crm.campaign-messages)
 * to the last e-mail the sink took. Every SEND must arrive exactly once (by its Message-ID, derived from the send
 * id) and no Message-ID twice, or the run fails.</li>
 * <li><b>The backlog</b>: the same SEND decisions again, with new send ids, written at once; timed from their commit
 * to the last e-mail. The first figure is bounded by the rate at which decisions come; this one is the delivery's
 * own. The same exactly-once check.</li>
 * <li><b>The baseline</b> then sends the same messages (the same decisions' recipients, subjects and texts, as
 * multipart text and HTML) to the same sink with Jakarta Mail (Angus): a pool of connections, each opened once
 * and reused, one thread each; timed from its first send to the last e-mail the sink took.</li>
 * </ul>
 */
public final class NotifierBenchmark {

    static final String CAMPAIGN = "welcome-new";
    private static final int BATCH = 500; // touchpoints per request: ingest's limit
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    static final String USAGE = """
            usage: NotifierBenchmark [--data DIR] [--customers N] [--connections N] [--max-seconds S]
              --data DIR         the stack's data (emptied at start); default bench/target/bench-notifier-data
              --customers N      customers, each one consent and one first purchase; default 10000
              --connections N    SMTP connections of the baseline client; default 8, the notifier's pool
              --max-seconds S    longest wait for decisions and e-mails; default 300
            """;

    record Options(Path data, int customers, int connections, int maxSeconds) {
        private static final Set<String> FLAGS = Set.of("--data", "--customers", "--connections", "--max-seconds");

        static Options parse(String[] args) {
            Map<String, String> given = CommandLineFlags.read(args, FLAGS, USAGE);
            return new Options(Path.of(given.getOrDefault("--data", "bench/target/bench-notifier-data")),
                    (int) CommandLineFlags.number(given, "--customers", 10_000, 1, USAGE),
                    (int) CommandLineFlags.number(given, "--connections", 8, 1, USAGE),
                    (int) CommandLineFlags.number(given, "--max-seconds", 300, 1, USAGE));
        }
    }

    /** When each record of interest was seen by the benchmark's consumer. */
    private record Seen(String customerId, Instant at) {
    }

    /** A SEND decision: its send id, when it was written, and what the baseline sends again. */
    private record Send(String sendId, long writtenAt, String recipient, String subject, String text, String html,
            CampaignMessage message) {
    }

    private final Options options;
    private final LocalStack stack;
    private final SmtpSink sink;
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    /** Customers whose profile has the marketing consent on e-mail. */
    private final Set<String> consented = ConcurrentHashMap.newKeySet();

    private NotifierBenchmark(Options options, LocalStack stack, SmtpSink sink) {
        this.options = options;
        this.stack = stack;
        this.sink = sink;
    }

    public static void main(String[] args) throws Exception {
        Options options = CommandLineFlags.parseOrExit(args, Options::parse);
        IngestBenchmark.raiseRateLimit();
        boolean clean;
        try (SmtpSink sink = SmtpSink.start()) {
            System.out.printf("Starting the local stack (data in %s), e-mail to the sink on port %d...%n",
                    options.data().toAbsolutePath(), sink.port());
            LocalStack stack = LocalStack.start(LocalStackOptions.forTests(options.data(), IngestBenchmark.registryHome()),
                    Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", Integer.toString(sink.port())));
            try {
                clean = new NotifierBenchmark(options, stack, sink).run();
            } finally {
                stack.close();
            }
        }
        System.exit(clean ? 0 : 1);
    }

    private boolean run() throws Exception {
        var changes = new ConcurrentLinkedQueue<Seen>();
        var decisions = new ConcurrentLinkedQueue<Seen>();
        var sends = new ConcurrentHashMap<String, Send>();
        var stop = new AtomicBoolean();
        Thread follower = Thread.ofPlatform().name("bench-follower").start(() -> follow(changes, decisions, sends, stop));
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
        String domain = "@touchpoint.example>";
        awaitSink(() -> sends.keySet().stream().allMatch(id -> sink.byMessageId().containsKey("<" + id + domain)), deadline);
        stop.set(true);
        follower.join(Duration.ofSeconds(10));

        // Exactly once: every SEND's Message-ID once, nothing else, nothing twice.
        long delivered = sends.keySet().stream().filter(id -> count(sink.byMessageId().get("<" + id + domain)) == 1).count();
        long duplicated = sink.byMessageId().values().stream().filter(n -> n.get() > 1).count();
        long strays = sink.received() - sends.size();
        long firstDecision = sends.values().stream().mapToLong(Send::writtenAt).min().orElse(0);
        Rate changeRate = Rate.of(options.customers(), started, changes);
        Rate decisionRate = Rate.of(options.customers(), started, decisions);
        Rate mailRate = new Rate(delivered, Instant.ofEpochMilli(firstDecision), Instant.ofEpochMilli(Math.max(firstDecision, sink.lastMillis())));

        sink.reset();
        List<Send> same = List.copyOf(sends.values());
        Backlog backlog = backlog(same, Instant.now().plusSeconds(options.maxSeconds()));

        sink.reset();
        Rate baseline = pooledClient(same, Instant.now().plusSeconds(options.maxSeconds()));
        long baselineDelivered = sink.byMessageId().values().stream().filter(n -> n.get() == 1).count();
        long baselineDuplicated = sink.byMessageId().values().stream().filter(n -> n.get() > 1).count();

        String report = report(changeRate, decisionRate, sends.size(), mailRate, backlog.rate(), baseline, refused.get())
                + String.format(Locale.ROOT, "notifier: %,d of %,d SEND decisions delivered exactly once, %,d Message-IDs "
                        + "twice, %,d messages not of a SEND decision; baseline: %,d of %,d delivered once, %,d twice%n",
                        delivered, sends.size(), duplicated, strays, baselineDelivered, same.size(), baselineDuplicated)
                + String.format(Locale.ROOT, "backlog: %,d of %,d SEND decisions delivered exactly once, %,d Message-IDs twice, "
                        + "%,d messages not of a SEND decision%n", backlog.once(), same.size(), backlog.twice(), backlog.strays());
        System.out.print(report);
        Path saved = options.data().toAbsolutePath().resolveSibling("notifier-benchmark.txt");
        Files.writeString(saved, report);
        System.out.println("(also written to " + saved + ")");
        return refused.get() == 0 && decisions.size() == options.customers() && delivered == sends.size()
                && duplicated == 0 && strays == 0 && baselineDelivered == same.size() && baselineDuplicated == 0
                && backlog.once() == same.size() && backlog.twice() == 0 && backlog.strays() == 0;
    }

    private static long count(AtomicLong n) {
        return n == null ? 0 : n.get();
    }

    private static void awaitSink(java.util.function.BooleanSupplier done, Instant deadline) {
        while (!done.getAsBoolean() && Instant.now().isBefore(deadline)) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
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
    private void follow(ConcurrentLinkedQueue<Seen> changes, ConcurrentLinkedQueue<Seen> decisions, Map<String, Send> sends,
            AtomicBoolean stop) {
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
                        changes.add(new Seen(record.key(), at));
                    } else if (record.value() instanceof CustomerProfile p && p.getConsents().containsKey("EMAIL/marketing")) {
                        consented.add(record.key());
                    } else if (record.value() instanceof CampaignMessage m && CAMPAIGN.equals(m.getCampaignId())) {
                        decisions.add(new Seen(record.key(), at));
                        if (m.getDecision() == CampaignDecision.SEND) {
                            sends.put(m.getMessageId(), new Send(m.getMessageId(), record.timestamp(), m.getRecipient(),
                                    m.getSubject(), m.getTextBody(), m.getHtmlBody(), m));
                        }
                    }
                }
            }
        }
    }

    /** What the backlog phase measured, and its exactly-once check. */
    private record Backlog(Rate rate, long once, long twice, long strays) {
    }

    /**
     * The delivery alone, at its own pace: the same SEND decisions again, with new send ids, written to
     * crm.campaign-messages at once (one transaction, as the decisions are written) for customers whose profiles the
     * notifier has, so the decisions' own rate does not bound it; from the commit to the last e-mail the sink took.
     */
    private Backlog backlog(List<Send> same, Instant deadline) {
        var serdes = CrmSerdes.withRegistry(stack.registryUrl());
        Map<String, Object> config = new HashMap<>(serdes.producerConfig());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-notifier-backlog-" + run);
        Set<String> ids = ConcurrentHashMap.newKeySet();
        long begun;
        try (var producer = new KafkaProducer<String, CampaignMessage>(config, new StringSerializer(),
                serdes.value(Topics.CAMPAIGN_MESSAGES).serializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (Send send : same) {
                CampaignMessage again = CampaignMessage.newBuilder(send.message())
                        .setMessageId(java.util.UUID.nameUUIDFromBytes(("backlog-" + run + send.sendId()).getBytes(StandardCharsets.UTF_8)).toString())
                        .build();
                ids.add("<" + again.getMessageId() + "@touchpoint.example>");
                producer.send(new ProducerRecord<>(Topics.CAMPAIGN_MESSAGES.name(), again.getCustomerId(), again));
            }
            begun = System.currentTimeMillis();
            producer.commitTransaction();
        }
        awaitSink(() -> ids.stream().allMatch(id -> sink.byMessageId().containsKey(id)), deadline);
        long once = ids.stream().filter(id -> count(sink.byMessageId().get(id)) == 1).count();
        long twice = sink.byMessageId().values().stream().filter(n -> n.get() > 1).count();
        long strays = sink.received() - ids.size();
        return new Backlog(new Rate(once, Instant.ofEpochMilli(begun), Instant.ofEpochMilli(Math.max(begun, sink.lastMillis()))),
                once, twice, strays);
    }

    /**
     * The baseline: the same messages sent by Jakarta Mail over {@code --connections} SMTP connections, each opened
     * once and reused by its own thread; from the first send to the last e-mail the sink took.
     */
    private Rate pooledClient(List<Send> messages, Instant deadline) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(sink.port()));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        Session session = Session.getInstance(props);
        var next = new AtomicInteger();
        var failures = new AtomicLong();
        long begun = System.currentTimeMillis();
        try (var threads = Executors.newFixedThreadPool(options.connections())) {
            for (int c = 0; c < options.connections(); c++) {
                threads.execute(() -> {
                    try (Transport transport = session.getTransport("smtp")) {
                        transport.connect();
                        for (int i = next.getAndIncrement(); i < messages.size(); i = next.getAndIncrement()) {
                            MimeMessage message = baselineMessage(session, messages.get(i), i);
                            transport.sendMessage(message, message.getAllRecipients());
                        }
                    } catch (MessagingException e) {
                        failures.incrementAndGet();
                        System.out.println("baseline connection failed: " + e);
                    }
                });
            }
        }
        awaitSink(() -> sink.received() >= messages.size(), deadline);
        if (failures.get() > 0) {
            System.out.println(failures.get() + " baseline connections failed; the baseline is not valid");
        }
        return new Rate(sink.received(), Instant.ofEpochMilli(begun), Instant.ofEpochMilli(Math.max(begun, sink.lastMillis())));
    }

    private MimeMessage baselineMessage(Session session, Send send, int i) throws MessagingException {
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<baseline-" + run + "-" + i + "@bench.example>");
            }
        };
        message.setFrom(new InternetAddress("asiakaspalvelu@touchpoint.example"));
        message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(send.recipient()));
        message.setSubject(send.subject(), "UTF-8");
        var text = new MimeBodyPart();
        text.setText(send.text() == null ? "" : send.text(), "UTF-8");
        var html = new MimeBodyPart();
        html.setText(send.html() == null ? "" : send.html(), "UTF-8", "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.saveChanges();
        return message;
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

    private String report(Rate changes, Rate decisions, long sends, Rate mails, Rate backlog, Rate raw, long refusedBatches) {
        var out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%nNotifier benchmark, %s, %d customers, %d cores, baseline %d connections%n%n",
                STAMP.format(Instant.now()), options.customers(), Runtime.getRuntime().availableProcessors(), options.connections()));
        out.append("| what | count | seconds | per second | vs baseline |\n|---|---:|---:|---:|---:|\n");
        out.append(row("segment changes (new ENTERED), baseline for decisions", changes, null));
        out.append(row("decisions (" + CAMPAIGN + ")", decisions, changes));
        out.append(row("e-mails through the notifier, first SEND decision to last e-mail (" + sends + " SEND decisions)", mails, raw));
        out.append(row("e-mails through the notifier from a backlog of the same SEND decisions, commit to last e-mail", backlog, raw));
        out.append(row("the same e-mails by a pooled concurrent Jakarta Mail client, baseline for e-mails", raw, null));
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
