package dev.iris.core.postmortem;

import dev.iris.common.http.IrisException;
import dev.iris.core.request.Names;
import jakarta.inject.Inject;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Postmortems: a draft from incidents, saved versions, publishing on the status page.
 */
public final class PostmortemService
{
    private static final int MAX_MARKDOWN = 200_000;
    private static final int MAX_INCIDENTS = 20;

    private final Jdbi jdbi;
    private final Clock clock;

    @Inject
    public PostmortemService(Jdbi jdbi, Clock clock)
    {
        this.jdbi = requireNonNull(jdbi, "jdbi is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    public record Postmortem(PostmortemDao.Header header, List<Long> incidents, List<PostmortemDao.Version> versions)
    {
        public String markdown()
        {
            return versions.isEmpty() ? "" : versions.get(0).markdown();
        }

        public int version()
        {
            return versions.isEmpty() ? 0 : versions.get(0).version();
        }
    }

    /**
     * Writes a draft from the incidents' timeline and stores it as version 1.
     */
    public long draft(List<Long> incidentIds, String title, String username)
    {
        List<Long> ids = incidentIds == null ? List.of() : incidentIds.stream().distinct().sorted().toList();
        if (ids.isEmpty() || ids.size() > MAX_INCIDENTS) {
            throw IrisException.badRequest("Invalid incidents", "Name between 1 and " + MAX_INCIDENTS + " incidents");
        }
        Instant now = clock.instant();
        return jdbi.inTransaction(handle -> {
            PostmortemDao dao = handle.attach(PostmortemDao.class);
            List<PostmortemDao.IncidentFacts> incidents = dao.incidents(ids);
            if (incidents.size() != ids.size()) {
                throw IrisException.notFound("Incident not found", "No incident among " + ids + " may be missing");
            }
            String name = title == null || title.isBlank() ? "Postmortem: incident" + (ids.size() == 1 ? " " : "s ")
                    + String.join(", ", ids.stream().map(String::valueOf).toList()) : Names.requirePrintable("title", title.strip());
            if (name.length() > 255) {
                throw IrisException.badRequest("Invalid title", "title is longer than 255 characters");
            }
            long user = user(dao, username);
            long id = dao.insert(name, now, user);
            ids.forEach(incident -> dao.link(id, incident));
            String markdown = PostmortemDraft.write(name, new PostmortemDraft.Timeline(incidents, dao.events(ids), dao.pages(ids),
                    dao.comments(ids), dao.publicUpdates(ids)), now);
            dao.insertVersion(id, 1, now, user, markdown);
            return id;
        });
    }

    /**
     * Saves an edit as the next version; returns its number.
     */
    public int save(long id, String markdown, String username)
    {
        if (markdown == null || markdown.isBlank() || markdown.length() > MAX_MARKDOWN) {
            throw IrisException.badRequest("Invalid markdown", "The text is empty or longer than " + MAX_MARKDOWN + " characters");
        }
        return jdbi.inTransaction(handle -> {
            PostmortemDao dao = handle.attach(PostmortemDao.class);
            dao.lock(id).orElseThrow(() -> notFound(id));
            int version = dao.lastVersion(id) + 1;
            dao.insertVersion(id, version, clock.instant(), user(dao, username), markdown.replace("\r\n", "\n"));
            return version;
        });
    }

    public Postmortem get(long id)
    {
        return jdbi.withExtension(PostmortemDao.class, dao -> {
            PostmortemDao.Header header = dao.header(id).orElseThrow(() -> notFound(id));
            return new Postmortem(header, dao.incidentIds(id), dao.versions(id));
        });
    }

    public List<PostmortemDao.Header> list()
    {
        return jdbi.withExtension(PostmortemDao.class, dao -> dao.list(200));
    }

    public List<PostmortemDao.Header> published()
    {
        return jdbi.withExtension(PostmortemDao.class, dao -> dao.published(20));
    }

    /**
     * The published version's public part, if the postmortem is published.
     */
    public Optional<String> publishedMarkdown(long id)
    {
        return jdbi.withExtension(PostmortemDao.class, dao -> dao.header(id)
                .filter(header -> header.publishedVersion() != null)
                .flatMap(header -> dao.versions(id).stream().filter(v -> v.version() == header.publishedVersion()).findFirst())
                .map(version -> PostmortemDraft.publicPart(version.markdown())));
    }

    /**
     * Publishes the latest version on the status page, without its internal sections. Refused
     * while the public part names a person, a plan or an application that Iris knows: the status
     * page shows no internal names.
     */
    public void publish(long id, boolean publish)
    {
        jdbi.useTransaction(handle -> {
            PostmortemDao dao = handle.attach(PostmortemDao.class);
            dao.lock(id).orElseThrow(() -> notFound(id));
            if (!publish) {
                dao.publish(id, null, null);
                return;
            }
            List<PostmortemDao.Version> versions = dao.versions(id);
            String visible = dao.header(id).orElseThrow().title() + "\n" + PostmortemDraft.publicPart(versions.get(0).markdown());
            for (String name : dao.internalNames()) {
                if (name.length() >= 3 && Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])").matcher(visible).find()) {
                    throw IrisException.badRequest("Internal name in the public part",
                            "The published sections mention \"" + name + "\", a name of a person, plan or application in Iris. "
                                    + "Rephrase, or move it to a section marked " + PostmortemDraft.INTERNAL + ".");
                }
            }
            dao.publish(id, versions.get(0).version(), clock.instant());
        });
    }

    private static long user(PostmortemDao dao, String username)
    {
        return dao.userId(username).orElseThrow(() -> IrisException.badRequest("Invalid user", username));
    }

    private static IrisException notFound(long id)
    {
        return IrisException.notFound("Postmortem not found", "No postmortem " + id);
    }
}
