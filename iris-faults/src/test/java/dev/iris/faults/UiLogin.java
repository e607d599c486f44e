package dev.iris.faults;

import dev.iris.core.login.LocalAuthenticator;
import dev.iris.testing.seed.SeedWriter;
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
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logs in to the web UI of the packaged API jar as a browser does: GET the login form (a CSRF
 * token in a cookie and a hidden field), POST it with a local user's password, follow the
 * redirect with the session cookie. Cookies are carried by hand, because the production config
 * marks them Secure and the suite speaks plain HTTP on the loopback.
 */
final class UiLogin
{
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final String USERNAME = "ops-admin";
    private static volatile boolean attempted;

    private UiLogin() {}

    record Result(String username, int loginStatus, String loginBody, int pageStatus, String page)
    {
        @Override
        public String toString()
        {
            return "login " + loginStatus + " " + abbreviate(loginBody) + "; page " + pageStatus;
        }
    }

    static boolean attempted()
    {
        return attempted;
    }

    static Result logIn(IrisDeployment deployment)
    {
        attempted = true;
        String password = Secrets.issue("UI password of " + USERNAME, 12);
        String hash = LocalAuthenticator.hash(password.toCharArray());
        deployment.jdbi().useTransaction(handle -> {
            SeedWriter seed = new SeedWriter(handle);
            long user = seed.user(USERNAME, true, Map.of());
            handle.execute("UPDATE `user` SET password_hash = ? WHERE target_id = ?", hash, user);
        });
        URI base = deployment.apiUri();
        HttpResponse<String> form = send(HttpRequest.newBuilder(base.resolve("/login")).GET());
        String loginCookie = cookie(form, "iris-login");
        Matcher token = CSRF_FIELD.matcher(form.body());
        if (form.statusCode() != 200 || loginCookie == null || !token.find()) {
            return new Result(USERNAME, form.statusCode(), "no login form: " + form.body(), -1, "");
        }
        String body = "username=" + encode(USERNAME) + "&password=" + encode(password) + "&next=" + encode("/incidents") + "&csrf=" + encode(token.group(1));
        HttpResponse<String> login = send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", "iris-login=" + loginCookie)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        String session = cookie(login, "iris-session");
        String location = login.headers().firstValue("Location").orElse(null);
        if (login.statusCode() != 303 || session == null || location == null) {
            return new Result(USERNAME, login.statusCode(), login.body(), -1, "");
        }
        HttpResponse<String> page = send(HttpRequest.newBuilder(base.resolve(location)).header("Cookie", "iris-session=" + session).GET());
        return new Result(USERNAME, login.statusCode(), login.body(), page.statusCode(), page.body());
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

    private static String cookie(HttpResponse<?> response, String name)
    {
        List<String> cookies = response.headers().allValues("Set-Cookie");
        for (String cookie : cookies) {
            String first = cookie.split(";", 2)[0];
            if (first.startsWith(name + "=")) {
                return first.substring(name.length() + 1);
            }
        }
        return null;
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
