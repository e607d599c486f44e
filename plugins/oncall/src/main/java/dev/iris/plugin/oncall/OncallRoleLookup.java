package dev.iris.plugin.oncall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.auth.IrisHmac;
import dev.iris.spi.rolelookup.RoleLookup;
import dev.iris.spi.rolelookup.RoleLookupException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static java.util.Objects.requireNonNull;

/**
 * Expands roles through Oncall's API, as Iris's {@code oncall} lookup does:
 * <ul>
 * <li>{@code team}: every user of every roster of the team ({@code /teams/{t}/rosters});</li>
 * <li>{@code manager}, {@code director}: {@code /teams/{t}/oncall/manager|director};</li>
 * <li>{@code oncall}: the primary; {@code oncall-<type>}: that shift ({@code oncall-secondary},
 * {@code oncall-shadow}...) from {@code /teams/{t}/oncall/<type>}.</li>
 * </ul>
 * Other roles, unknown teams (Oncall's 422) and empty answers are "not mine", so the next lookup
 * (or the plan-creator fallback) takes over. Any other failure is a {@link RoleLookupException}
 * whose message says what failed, without credentials. Answers are kept for
 * {@code cache_seconds}; failures are not cached.
 */
final class OncallRoleLookup
        implements RoleLookup
{
    private record CacheKey(String role, String target) {}

    private record CachedAnswer(Optional<List<String>> users, Instant expiresAt) {}

    private final OncallConfig config;
    // Expires cached answers; Iris's clock, which tests move forward.
    private final Clock clock;
    // Signs requests; always the wall clock, since Oncall checks signatures against its own.
    private final Clock signingClock = Clock.systemUTC();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient client;
    private final Map<CacheKey, CachedAnswer> cache = new ConcurrentHashMap<>();

    OncallRoleLookup(OncallConfig config, Clock clock)
    {
        this.config = requireNonNull(config, "config is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.client = HttpClient.newBuilder()
                .connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Optional<List<String>> lookup(String role, String target)
            throws RoleLookupException
    {
        Optional<String> shift = shiftFor(role);
        if (!role.equals("team") && shift.isEmpty()) {
            return Optional.empty();
        }
        CacheKey key = new CacheKey(role, target);
        Instant now = clock.instant();
        CachedAnswer cached = cache.get(key);
        if (cached != null && now.isBefore(cached.expiresAt())) {
            return cached.users();
        }
        Optional<List<String>> users = role.equals("team") ? rosterUsers(target) : oncallUsers(target, shift.get());
        if (!config.cacheTtl().isZero()) {
            cache.put(key, new CachedAnswer(users, now.plus(config.cacheTtl())));
            evictExpired(now);
        }
        return users;
    }

    private static Optional<String> shiftFor(String role)
    {
        if (role.equals("manager") || role.equals("director")) {
            return Optional.of(role);
        }
        if (role.equals("oncall")) {
            return Optional.of("primary");
        }
        if (role.startsWith("oncall-") && role.length() > "oncall-".length()) {
            return Optional.of(role.substring("oncall-".length()));
        }
        return Optional.empty();
    }

    private Optional<List<String>> oncallUsers(String team, String shift)
            throws RoleLookupException
    {
        Optional<JsonNode> answer = get("/teams/" + encode(team) + "/oncall/" + encode(shift));
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        if (!answer.get().isArray()) {
            throw new RoleLookupException("Oncall sent an unexpected answer for the " + shift + " of team " + team + " (not a list)");
        }
        Set<String> users = new LinkedHashSet<>();
        for (JsonNode event : answer.get()) {
            String user = event.path("user").asText("");
            if (!user.isEmpty()) {
                users.add(user);
            }
        }
        return users.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(users));
    }

    private Optional<List<String>> rosterUsers(String team)
            throws RoleLookupException
    {
        Optional<JsonNode> answer = get("/teams/" + encode(team) + "/rosters");
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        if (!answer.get().isObject()) {
            throw new RoleLookupException("Oncall sent an unexpected answer for the rosters of team " + team + " (not an object)");
        }
        Set<String> users = new LinkedHashSet<>();
        for (Iterator<JsonNode> rosters = answer.get().elements(); rosters.hasNext(); ) {
            for (JsonNode user : rosters.next().path("users")) {
                String name = user.path("name").asText("");
                if (!name.isEmpty()) {
                    users.add(name);
                }
            }
        }
        return users.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(users));
    }

    /**
     * GETs {@code /api/v0 + path}; empty for Oncall's 422 (no such team).
     */
    private Optional<JsonNode> get(String path)
            throws RoleLookupException
    {
        String pathAndQuery = config.apiBaseUrl().getRawPath() + "/api/v0" + path;
        URI url = URI.create(config.apiBaseUrl().getScheme() + "://" + config.apiBaseUrl().getRawAuthority() + pathAndQuery);
        String where = url.getHost() + pathAndQuery;
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(config.timeout())
                .header("Accept", "application/json")
                .header("User-Agent", "iris role lookup")
                .GET();
        if (config.application().isPresent()) {
            // Oncall's application HMAC is Iris's scheme, on the 5-second window.
            request.header("Authorization", IrisHmac.authorization(config.application().get(), config.key().orElseThrow(), signingClock, "GET", pathAndQuery, "", null));
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (HttpTimeoutException e) {
            throw new RoleLookupException("Oncall did not answer within " + config.timeout().toSeconds() + "s for " + where, e);
        }
        catch (IOException e) {
            throw new RoleLookupException("Cannot reach Oncall for " + where + " (" + e.getClass().getSimpleName() + ")", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RoleLookupException("Interrupted while asking Oncall for " + where, e);
        }
        if (response.statusCode() == 422) {
            return Optional.empty();
        }
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new RoleLookupException("Oncall refused Iris's credentials (HTTP " + response.statusCode() + ") for " + where + "; check oncall-app and oncall-key");
        }
        if (response.statusCode() != 200) {
            throw new RoleLookupException("Oncall answered HTTP " + response.statusCode() + " for " + where);
        }
        try {
            return Optional.of(json.readTree(response.body()));
        }
        catch (JsonProcessingException e) {
            throw new RoleLookupException("Oncall sent an answer that is not JSON for " + where);
        }
    }

    private void evictExpired(Instant now)
    {
        List<CacheKey> expired = new ArrayList<>();
        cache.forEach((key, answer) -> {
            if (!now.isBefore(answer.expiresAt())) {
                expired.add(key);
            }
        });
        expired.forEach(cache::remove);
    }

    private static String encode(String segment)
    {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
