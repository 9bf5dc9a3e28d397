package org.touchpointcrm.platform.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Readiness of a producing service: can the broker be reached right now? Asks the cluster for its id and
 * nodes with a short timeout, and keeps the answer for a few seconds, so that a storm of probes (several
 * kubelets, a load balancer, a dashboard) costs the broker one request per interval rather than one each.
 */
public final class KafkaBrokerReadiness implements HealthIndicator, DisposableBean {

    private final Supplier<Admin> adminFactory;
    private final String bootstrapServers;
    private final Duration timeout;
    private final Duration cacheFor;
    private final Clock clock;
    // A lock rather than synchronized: probes run on virtual threads, which Java 21 pins inside synchronized.
    private final ReentrantLock checking = new ReentrantLock();
    private Admin admin;
    private Health last;
    private Instant lastAt = Instant.MIN;

    public KafkaBrokerReadiness(Supplier<Admin> adminFactory, String bootstrapServers, Duration timeout,
                                Duration cacheFor, Clock clock) {
        this.adminFactory = adminFactory;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        this.cacheFor = cacheFor;
        this.clock = clock;
    }

    @Override
    public Health health() {
        checking.lock();
        try {
            Instant now = clock.instant();
            if (last == null || !now.isBefore(lastAt.plus(cacheFor))) {
                last = check();
                lastAt = clock.instant();
            }
            return last;
        } finally {
            checking.unlock();
        }
    }

    private Health check() {
        try {
            if (admin == null) {
                admin = adminFactory.get();
            }
            DescribeClusterResult cluster = admin.describeCluster(
                    new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
            long waitMs = timeout.toMillis() + 500;
            String clusterId = cluster.clusterId().get(waitMs, TimeUnit.MILLISECONDS);
            int nodes = cluster.nodes().get(waitMs, TimeUnit.MILLISECONDS).size();
            return Health.up().withDetails(Map.of("bootstrapServers", bootstrapServers, "clusterId", clusterId,
                    "nodes", nodes)).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unreachable(e);
        } catch (ExecutionException e) {
            return unreachable(e.getCause());
        } catch (Exception e) {
            return unreachable(e);
        }
    }

    private Health unreachable(Throwable cause) {
        return Health.down()
                .withDetail("bootstrapServers", bootstrapServers)
                .withDetail("reason", "the broker did not describe its cluster within " + timeout + " ("
                        + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "); writes would be "
                        + "refused, so no traffic is taken. Check that spring.kafka.bootstrap-servers is reachable "
                        + "from this instance; readiness recovers by itself when it is")
                .build();
    }

    @Override
    public void destroy() {
        checking.lock();
        try {
            if (admin != null) {
                admin.close(Duration.ofSeconds(1));
                admin = null;
            }
        } finally {
            checking.unlock();
        }
    }
}
