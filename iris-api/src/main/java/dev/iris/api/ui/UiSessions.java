package dev.iris.api.ui;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Cookie;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Web UI sessions with a server-side record: a session counts only while its signed cookie is
 * valid and its {@code ui_session} row exists. Logging out deletes the row, so a copied cookie
 * is useless afterwards; an admin (or the user) can end all of a user's sessions at once.
 */
public final class UiSessions
{
    private static final Logger log = LoggerFactory.getLogger(UiSessions.class);

    private final SessionCodec codec;
    private final SessionCookies cookies;
    private final UiSessionDao dao;
    private final Clock clock;

    @Inject
    public UiSessions(SessionCodec codec, SessionCookies cookies, Jdbi jdbi, Clock clock)
    {
        this.codec = requireNonNull(codec, "codec is null");
        this.cookies = requireNonNull(cookies, "cookies is null");
        this.dao = requireNonNull(jdbi, "jdbi is null").onDemand(UiSessionDao.class);
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * A new session for a user who just logged in (their expired sessions are cleared away).
     */
    public UiSession start(String username)
    {
        UiSession session = codec.newSession(username);
        if (dao.startReplacingExpired(hash(session.id()), username, clock.instant(), session.expires()) != 1) {
            // LoginService admits only active Iris users, so this is a user deleted in between.
            throw new IllegalStateException("no Iris user " + username + " to start a session for");
        }
        return session;
    }

    /**
     * The request's session, if its cookie is valid and the session has not been ended.
     */
    public Optional<UiSession> current(Map<String, Cookie> requestCookies)
    {
        return cookies.session(requestCookies)
                .filter(session -> dao.isLive(hash(session.id()), session.username(), clock.instant()));
    }

    public void end(UiSession session)
    {
        dao.delete(hash(session.id()));
    }

    /**
     * Ends every session of {@code username}; returns how many there were.
     */
    public int endAll(String username)
    {
        int ended = dao.deleteAllOf(username);
        log.info("Ended {} web UI sessions of {}", ended, username);
        return ended;
    }

    private static String hash(String id)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
