package dev.iris.api.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A bare HTTP client for UI tests that need to see redirects, cookies and headers exactly: it
 * follows no redirects, and sends a cookie only to the paths its {@code Path} attribute covers,
 * as a browser does.
 */
public final class UiHttp
{
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Pattern HIDDEN_CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern COOKIE_PATH = Pattern.compile("(?i);\\s*Path=([^;]+)");

    private final URI baseUri;
    // cookie name -> (path -> value)
    private final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();

    public UiHttp(URI baseUri)
    {
        this.baseUri = baseUri;
    }

    public HttpResponse<String> get(String pathAndQuery)
    {
        return getWithHeaders(pathAndQuery, Map.of());
    }

    public HttpResponse<String> getWithHeaders(String pathAndQuery, Map<String, String> headers)
    {
        return send(HttpRequest.newBuilder(baseUri.resolve(pathAndQuery)).GET(), headers);
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields)
    {
        return postForm(path, fields, Map.of());
    }

    public HttpResponse<String> postForm(String path, Map<String, String> fields, Map<String, String> headers)
    {
        String body = fields.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return send(request, headers);
    }

    /**
     * Logs in through the form and keeps the session cookie; returns the session's CSRF token.
     */
    public String login(String username, String password)
    {
        HttpResponse<String> form = get("/login");
        HttpResponse<String> response = postForm("/login", Map.of("username", username, "password", password, "csrf", csrfToken(form.body()), "next", "/incidents"));
        if (response.statusCode() != 303) {
            throw new IllegalStateException("login failed: " + response.statusCode() + " " + response.body());
        }
        // The session cookie carries its CSRF token in the clear: v1.<user>.<expiry>.<csrf>.<mac>.
        return cookie(SessionCookies.SESSION).orElseThrow().split("\\.")[3];
    }

    public void setCookie(String name, String value)
    {
        cookies.computeIfAbsent(name, ignored -> new LinkedHashMap<>()).put("/", value);
    }

    public void clearCookies()
    {
        cookies.clear();
    }

    /**
     * The cookie's value, whatever its path (the one set last when several paths have one).
     */
    public Optional<String> cookie(String name)
    {
        Map<String, String> byPath = cookies.getOrDefault(name, Map.of());
        return byPath.values().stream().reduce((first, second) -> second);
    }

    /**
     * RFC 6265's path match.
     */
    private static boolean pathMatches(String requestPath, String cookiePath)
    {
        return requestPath.equals(cookiePath)
                || (requestPath.startsWith(cookiePath) && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/'));
    }

    public static String csrfToken(String html)
    {
        Matcher matcher = HIDDEN_CSRF.matcher(html);
        if (!matcher.find()) {
            throw new IllegalStateException("no CSRF field in the page: " + html);
        }
        return matcher.group(1);
    }

    static List<String> setCookies(HttpResponse<?> response)
    {
        return response.headers().allValues("Set-Cookie");
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Map<String, String> headers)
    {
        String requestPath = request.build().uri().getPath();
        String header = cookies.entrySet().stream()
                .flatMap(cookie -> cookie.getValue().entrySet().stream()
                        .filter(byPath -> pathMatches(requestPath, byPath.getKey()))
                        .map(byPath -> cookie.getKey() + "=" + byPath.getValue()))
                .collect(Collectors.joining("; "));
        if (!header.isEmpty()) {
            request.header("Cookie", header);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            for (String setCookie : setCookies(response)) {
                String pair = setCookie.split(";", 2)[0];
                int equals = pair.indexOf('=');
                String name = pair.substring(0, equals).trim();
                String value = pair.substring(equals + 1).trim();
                Matcher path = COOKIE_PATH.matcher(setCookie);
                String cookiePath = path.find() ? path.group(1) : "/";
                if (value.isEmpty() || setCookie.toLowerCase().contains("max-age=0")) {
                    cookies.getOrDefault(name, new LinkedHashMap<>()).remove(cookiePath);
                }
                else {
                    cookies.computeIfAbsent(name, ignored -> new LinkedHashMap<>()).put(cookiePath, value);
                }
            }
            return response;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
