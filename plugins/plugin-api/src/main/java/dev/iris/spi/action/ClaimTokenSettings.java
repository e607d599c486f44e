package dev.iris.spi.action;

import dev.iris.spi.PluginConfig;
import dev.iris.spi.PluginConfigException;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * The two settings every vendor that issues {@link ActionToken}s has: {@code action_secret} (the
 * relay's {@code <channel>.actionSecret}, {@value ActionToken#MIN_SECRET_LENGTH}+ characters) and
 * {@code claim_ttl} (how long a claim button works, seconds, default 14400, 60 s to 7 days).
 */
public record ClaimTokenSettings(String actionSecret, Duration claimTtl)
{
    public static final String ACTION_SECRET = "action_secret";
    public static final String CLAIM_TTL = "claim_ttl";

    public ClaimTokenSettings
    {
        requireNonNull(actionSecret, "actionSecret is null");
        requireNonNull(claimTtl, "claimTtl is null");
    }

    /**
     * @throws PluginConfigException naming {@code action_secret} or {@code claim_ttl}
     */
    public static ClaimTokenSettings from(PluginConfig config)
    {
        String secret = config.required(ACTION_SECRET);
        if (secret.length() < ActionToken.MIN_SECRET_LENGTH) {
            throw new PluginConfigException(ACTION_SECRET, "must have at least " + ActionToken.MIN_SECRET_LENGTH + " characters");
        }
        int ttl = config.intValue(CLAIM_TTL, 14_400);
        if (ttl < 60 || ttl > 7 * 86_400) {
            throw new PluginConfigException(CLAIM_TTL, "must be between 60 seconds and 7 days");
        }
        return new ClaimTokenSettings(secret, Duration.ofSeconds(ttl));
    }

    public ActionToken tokens(String channel)
    {
        return new ActionToken(channel, actionSecret);
    }

    @Override
    public String toString()
    {
        return "ClaimTokenSettings{claimTtl=" + claimTtl + "}";
    }
}
