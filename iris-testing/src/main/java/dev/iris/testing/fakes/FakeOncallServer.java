package dev.iris.testing.fakes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iris.common.auth.IrisHmac;
import dev.iris.testing.fakes.FakeHttpServer.Reply;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * A stand-in for LinkedIn Oncall's read API: {@code GET /api/v0/teams/{team}/oncall/{role}} (a
 * JSON list of {@code {"user": name, "role": role, ...}}) and {@code GET /api/v0/teams/{team}/rosters}
 * (an object of rosters, each with {@code users: [{"name": ...}]}). An unknown team gets 422, as
 * Oncall answers. Requests must carry Oncall's application HMAC
 * ({@code Authorization: hmac app:digest}, the same scheme as Iris's); otherwise 401.
 *
 * <p>Teams are set up with {@link #setOncall} and {@link #setRoster}; failures are scripted with
 * {@link #enqueueHttpStatus} and {@link #enqueueDelay}. Every request is recorded. Thread-safe.
 */
public final class FakeOncallServer
        implements AutoCloseable
{
    private static final Pattern ONCALL = Pattern.compile("/api/v0/teams/([^/]+)/oncall/([^/]+)");
    private static final Pattern ROSTERS = Pattern.compile("/api/v0/teams/([^/]+)/rosters");

    private final String application;
    private final String key;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Map<String, List<String>>> oncallByTeam = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<String>>> rostersByTeam = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Reply> scripted = new ConcurrentLinkedQueue<>();
    private final FakeHttpServer server;

    private FakeOncallServer(String application, String key, Clock clock)
    {
        this.application = requireNonNull(application, "application is null");
        this.key = requireNonNull(key, "key is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.server = new FakeHttpServer("fake-oncall", this::handle);
    }

    /**
     * Starts a fake Oncall that accepts requests signed by {@code application} with {@code key}.
     */
    public static FakeOncallServer start(String application, String key)
    {
        return new FakeOncallServer(application, key, Clock.systemUTC());
    }

    /**
     * The base URL, as configured in Iris ({@code oncall-api}), without {@code /api/v0}.
     */
    public String baseUrl()
    {
        return server.baseUrl();
    }

    public List<RecordedRequest> requests()
    {
        return server.requests();
    }

    /**
     * Declares the team (so it exists) and who is on call for {@code role} (primary, secondary,
     * manager, director, shadow...).
     */
    public void setOncall(String team, String role, List<String> users)
    {
        oncallByTeam.computeIfAbsent(team, ignored -> new ConcurrentHashMap<>()).put(role, List.copyOf(users));
        rostersByTeam.computeIfAbsent(team, ignored -> new ConcurrentHashMap<>());
    }

    /**
     * Declares the team and one of its rosters.
     */
    public void setRoster(String team, String roster, List<String> users)
    {
        rostersByTeam.computeIfAbsent(team, ignored -> new ConcurrentHashMap<>()).put(roster, List.copyOf(users));
        oncallByTeam.computeIfAbsent(team, ignored -> new ConcurrentHashMap<>());
    }

    /**
     * Answers the next request with this bare HTTP status.
     */
    public void enqueueHttpStatus(int status)
    {
        scripted.add(new Reply(status, "text/plain", "Oncall is having a bad day", Map.of(), Duration.ZERO));
    }

    /**
     * Answers the next request with a body that is not the JSON Oncall sends.
     */
    public void enqueueGarbage()
    {
        scripted.add(Reply.json(200, "<html>proxy error</html>"));
    }

    /**
     * Answers the next request only after {@code delay}.
     */
    public void enqueueDelay(Duration delay)
    {
        scripted.add(new Reply(200, "application/json", "[]", Map.of(), delay));
    }

    private Reply handle(RecordedRequest request)
    {
        String pathAndQuery = request.path() + (request.query() == null ? "" : "?" + request.query());
        Optional<String> authorization = request.header("Authorization");
        String prefix = IrisHmac.SCHEME + application + ":";
        if (authorization.isEmpty() || !authorization.get().startsWith(prefix)
                || !IrisHmac.verify(authorization.get().substring(prefix.length()), List.of(key), clock.millis() / 1000, request.method(), pathAndQuery, request.body(), null)) {
            return Reply.json(401, "{\"title\":\"Unauthorized\",\"description\":\"Authentication failure\"}");
        }
        Reply reply = scripted.poll();
        if (reply != null) {
            return reply;
        }
        Matcher oncall = ONCALL.matcher(request.path());
        if (oncall.matches()) {
            Map<String, List<String>> team = oncallByTeam.get(decode(oncall.group(1)));
            if (team == null) {
                return unknownTeam();
            }
            String role = decode(oncall.group(2));
            List<Map<String, Object>> events = new ArrayList<>();
            for (String user : team.getOrDefault(role, List.of())) {
                Map<String, Object> event = new LinkedHashMap<>();
                event.put("user", user);
                event.put("role", role);
                event.put("full_name", user);
                event.put("start", clock.millis() / 1000 - 3600);
                event.put("end", clock.millis() / 1000 + 3600);
                events.add(event);
            }
            return Reply.json(200, write(events));
        }
        Matcher rosters = ROSTERS.matcher(request.path());
        if (rosters.matches()) {
            Map<String, List<String>> team = rostersByTeam.get(decode(rosters.group(1)));
            if (team == null) {
                return unknownTeam();
            }
            Map<String, Object> result = new LinkedHashMap<>();
            team.forEach((roster, users) -> result.put(roster, Map.of(
                    "id", Math.abs(roster.hashCode()),
                    "users", users.stream().map(user -> Map.of("name", user, "in_rotation", true)).toList(),
                    "schedules", List.of())));
            return Reply.json(200, write(result));
        }
        return Reply.json(404, "{\"title\":\"404 Not Found\"}");
    }

    private static Reply unknownTeam()
    {
        return Reply.json(422, "{\"title\":\"Unprocessable Entity\",\"description\":\"team not found\"}");
    }

    private static String decode(String text)
    {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private String write(Object value)
    {
        try {
            return json.writeValueAsString(value);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close()
    {
        server.close();
    }
}
