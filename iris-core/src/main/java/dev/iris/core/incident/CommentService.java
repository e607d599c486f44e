package dev.iris.core.incident;

import dev.iris.common.http.IrisException;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;

import static java.util.Objects.requireNonNull;

/**
 * Comments on incidents.
 */
public final class CommentService
{
    private final Jdbi jdbi;

    @Inject
    public CommentService(Jdbi jdbi)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
    }

    /**
     * Adds {@code author}'s comment; returns its id.
     */
    public long add(long incidentId, String author, String content)
    {
        if (content == null || content.isEmpty()) {
            throw IrisException.badRequest("Empty comment");
        }
        if (content.length() > 65_535 / 4) {
            throw IrisException.badRequest("Failed to post comment", "The comment is longer than 16383 characters");
        }
        return jdbi.inTransaction(handle -> {
            IncidentDao dao = handle.attach(IncidentDao.class);
            if (!dao.exists(incidentId)) {
                throw IrisException.badRequest("Failed to post comment", "No incident with id " + incidentId);
            }
            long userId = dao.findUserId(author)
                    .orElseThrow(() -> IrisException.badRequest("Failed to post comment", "No user named " + author));
            return dao.insertComment(incidentId, userId, content);
        });
    }
}
