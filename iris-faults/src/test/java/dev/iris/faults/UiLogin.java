package dev.iris.faults;

import dev.iris.faults.harness.IrisDeployment;
import dev.iris.faults.harness.Secrets;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first admin's first login on the packaged API jar, as a browser does it: GET the login form
 * (a CSRF token in a cookie and a hidden field), POST it with the one-time password that
 * {@code bootstrap} printed, follow the redirect to the form that replaces it, POST a new password,
 * and open the page the session lands on. Cookies are carried by hand, because the production
 * config marks them Secure and the suite speaks plain HTTP on the loopback.
 */
final class UiLogin
{
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String SESSION_COOKIE = "iris-session";
    private static Result result;

    private UiLogin() {}

    record Result(String username, int loginStatus, String loginBody, int pageStatus, String page)
    {
        @Override
        public String toString()
        {
            return "login " + loginStatus + " " + abbreviate(loginBody) + "; page " + pageStatus;
        }
    }

    static synchronized boolean attempted()
    {
        return result != null;
    }

    /**
     * Logs in once per run (the one-time password works once); later calls return the first result.
     */
    static synchronized Result logIn(IrisDeployment deployment)
    {
        if (result == null) {
            result = firstLogin(deployment.apiUri(), IrisDeployment.ADMIN, deployment.adminOneTimePassword());
        }
        return result;
    }

    /**
     * A first login with the one-time password; the new password is recorded with the suite's secrets.
     */
    static Result firstLogin(URI api, String username, String oneTimePassword)
    {
        Browser browser = new Browser(api);
        HttpResponse<String> loginForm = browser.get("/login");
        Matcher loginToken = CSRF_FIELD.matcher(loginForm.body());
        if (loginForm.statusCode() != 200 || !loginToken.find()) {
            return new Result(username, loginForm.statusCode(), "no login form: " + loginForm.body(), -1, "");
        }
        HttpResponse<String> login = browser.post("/login", Map.of("username", username, "password", oneTimePassword,
                "next", "/incidents", "csrf", loginToken.group(1)));
        String passwordPath = login.headers().firstValue("Location").orElse("");
        if (login.statusCode() != 303 || !passwordPath.contains("/password")) {
            return new Result(username, login.statusCode(), "expected the one-time password to lead to /password: " + passwordPath + " " + login.body(), -1, "");
        }
        HttpResponse<String> passwordForm = browser.get(passwordPath);
        Matcher passwordToken = CSRF_FIELD.matcher(passwordForm.body());
        if (passwordForm.statusCode() != 200 || !passwordToken.find()) {
            return new Result(username, passwordForm.statusCode(), "no password form: " + passwordForm.body(), -1, "");
        }
        String newPassword = Secrets.issue("UI password chosen by " + username, 12);
        HttpResponse<String> changed = browser.post("/password", Map.of("username", username, "current", oneTimePassword,
                "password", newPassword, "repeat", newPassword, "csrf", passwordToken.group(1)));
        String location = changed.headers().firstValue("Location").orElse(null);
        if (changed.statusCode() != 303 || location == null || !browser.has(SESSION_COOKIE)) {
            return new Result(username, changed.statusCode(), changed.body(), -1, "");
        }
        HttpResponse<String> page = browser.get(location);
        return new Result(username, changed.statusCode(), changed.body(), page.statusCode(), page.body());
    }

    /**
     * The cookies a browser would send back, the newest value of each name (the two forms each set
     * their own token cookie, scoped to their path, and are used one after the other).
     */
    private static final class Browser
    {
        private final URI base;
        private final Map<String, String> cookies = new LinkedHashMap<>();

        Browser(URI base)
        {
            this.base = base;
        }

        HttpResponse<String> get(String path)
        {
            return remember(send(withCookies(HttpRequest.newBuilder(base.resolve(path))).GET()));
        }

        HttpResponse<String> post(String path, Map<String, String> form)
        {
            StringBuilder body = new StringBuilder();
            form.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&").append(encode(name)).append('=').append(encode(value)));
            return remember(send(withCookies(HttpRequest.newBuilder(base.resolve(path)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString()))));
        }

        boolean has(String cookie)
        {
            return cookies.containsKey(cookie);
        }

        private HttpRequest.Builder withCookies(HttpRequest.Builder request)
        {
            if (!cookies.isEmpty()) {
                StringBuilder header = new StringBuilder();
                cookies.forEach((name, value) -> header.append(header.isEmpty() ? "" : "; ").append(name).append('=').append(value));
                request.header("Cookie", header.toString());
            }
            return request;
        }

        private HttpResponse<String> remember(HttpResponse<String> response)
        {
            for (String cookie : response.headers().allValues("Set-Cookie")) {
                String[] pair = cookie.split(";", 2)[0].split("=", 2);
                if (pair.length == 2) {
                    if (pair[1].isEmpty()) {
                        cookies.remove(pair[0]);
                    }
                    else {
                        cookies.put(pair[0], pair[1]);
                    }
                }
            }
            return response;
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request)
    {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new IllegalStateException("the UI did not answer: " + e, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text)
    {
        return text == null || text.length() < 600 ? String.valueOf(text) : text.substring(0, 600) + "...";
    }
}
