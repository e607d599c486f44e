package dev.iris.faults.harness;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * What the suite changes in {@code configs/iris-sender.yaml}, through its environment hooks.
 *
 * <p>The production timings are scaled down with their ratios kept: a send is taken over after
 * {@code sendDeadline} (10 s instead of 60 s), well above the vendor's timeout (2 s), as the
 * production config requires; retries back off from 1 s up to 4 s instead of 5 s up to 2 min, so
 * a flaky vendor's retries fit in a test.
 *
 * @param vendorTimeout the webhook vendor's request timeout (whole seconds)
 */
public record SenderSettings(String webhookSecret, Duration vendorTimeout, Duration sendDeadline, Duration retryBackoff, Duration maxBackoff)
{
    public SenderSettings
    {
        requireNonNull(webhookSecret, "webhookSecret is null");
        if (vendorTimeout.compareTo(sendDeadline) >= 0) {
            throw new IllegalArgumentException("the vendor timeout must be shorter than sendDeadline");
        }
    }

    public static SenderSettings forTests(String webhookSecret)
    {
        return new SenderSettings(webhookSecret, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(4));
    }

    /**
     * The production defaults: the webhook vendor's own timeout (10 s) and
     * {@code configs/iris-sender.yaml}'s deadline and backoff. For the benchmark, which measures
     * the sender as deployed: with the suite's 2 s vendor timeout, three senders on two cores
     * timed their own calls out (bench/README.md).
     */
    public static SenderSettings production(String webhookSecret)
    {
        return new SenderSettings(webhookSecret, Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(5), Duration.ofMinutes(1));
    }

    /**
     * The webhook vendor serving every mode the seeded users have contacts in, as a YAML flow
     * sequence for {@code IRIS_VENDORS}.
     */
    String vendorsYaml()
    {
        return "[{type: webhook, name: hook, config: {secret: \"" + webhookSecret + "\", modes: \"sms,call,email,webhook\", "
                + "allow_http: \"true\", timeout: \"" + vendorTimeout.toSeconds() + "\"}}]";
    }

    static String duration(Duration duration)
    {
        return duration.toMillis() + "ms";
    }
}
