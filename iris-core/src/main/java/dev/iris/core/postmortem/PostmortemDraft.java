package dev.iris.core.postmortem;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Writes a postmortem draft in Markdown from the incidents' real timeline. Blameless by
 * construction: the fixed text speaks of systems, signals and processes, and people appear only as
 * responders (paged, claimed, commented). Sections whose heading says "(internal)" (timeline,
 * figures, action items with owners) are for the team; {@link #publicPart} drops them for the
 * status page.
 */
public final class PostmortemDraft
{
    public static final String INTERNAL = "(internal)";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final Pattern HEADING = Pattern.compile("^#{1,2} .*");

    public record Timeline(List<PostmortemDao.IncidentFacts> incidents, List<PostmortemDao.Event> events, List<PostmortemDao.Page> pages,
            List<PostmortemDao.Comment> comments, List<PostmortemDao.PublicUpdate> updates) {}

    private record Line(Instant at, String text) {}

    private PostmortemDraft() {}

    public static String write(String title, Timeline timeline, Instant now)
    {
        StringBuilder md = new StringBuilder();
        List<Long> ids = timeline.incidents().stream().map(PostmortemDao.IncidentFacts::id).toList();
        md.append("# ").append(title).append("\n\n");
        md.append("_Draft written by Iris on ").append(TIME.format(now)).append(" from incident")
                .append(ids.size() == 1 ? " " : "s ").append(join(ids)).append(". Edit every section; the sections marked ")
                .append(INTERNAL).append(" are not published._\n\n");

        md.append("## Apology\n\n");
        md.append("We are sorry for the disruption this caused to you and to the people who depend on you. ")
                .append("Our service fell short of what we promise, for the period described below, and we are working to make sure ")
                .append("it does not happen again.\n\n");

        md.append("## What happened\n\n");
        Instant start = timeline.incidents().stream().map(PostmortemDao.IncidentFacts::created).min(Comparator.naturalOrder()).orElse(now);
        Instant end = timeline.events().stream().filter(e -> e.kind().equals("resolved")).map(PostmortemDao.Event::at)
                .max(Comparator.naturalOrder()).orElse(null);
        md.append("Our monitoring detected the problem at ").append(TIME.format(start));
        md.append(end == null ? " and it is not resolved yet." : " and it was resolved at " + TIME.format(end)
                + " (" + duration(Duration.between(start, end)) + ").");
        md.append("\n\n_Describe the systems involved, what failed, why the safeguards did not stop it, and how it was detected "
                + "and fixed. Describe systems and processes, not people._\n\n");

        md.append("## Remediation\n\n");
        md.append("_What we change so this does not happen again, and how we will know it worked._\n\n");

        md.append("## Action items ").append(INTERNAL).append("\n\n");
        md.append("| Action item | Owner | Due | Tracking |\n|---|---|---|---|\n| _describe the change_ | _team or person_ | _date_ | _ticket_ |\n\n");

        md.append("## Figures ").append(INTERNAL).append("\n\n");
        md.append(figures(timeline)).append("\n");

        md.append("## Timeline ").append(INTERNAL).append("\n\n");
        for (Line line : lines(timeline)) {
            md.append("- ").append(TIME.format(line.at())).append(" — ").append(line.text()).append("\n");
        }
        return md.toString();
    }

    private static String figures(Timeline timeline)
    {
        StringBuilder md = new StringBuilder("| Incident | Time to claim | Time to resolve | Responders paged | Messages sent |\n|---|---|---|---|---|\n");
        for (PostmortemDao.IncidentFacts incident : timeline.incidents()) {
            Instant claimed = first(timeline.events(), incident.id(), "claimed");
            Instant resolved = first(timeline.events(), incident.id(), "resolved");
            long paged = timeline.pages().stream().filter(p -> p.incidentId() == incident.id() && p.target() != null)
                    .map(PostmortemDao.Page::target).distinct().count();
            long sent = timeline.pages().stream().filter(p -> p.incidentId() == incident.id() && "sent".equals(p.status())).count();
            md.append("| ").append(incident.id())
                    .append(" | ").append(claimed == null ? "not claimed" : duration(Duration.between(incident.created(), claimed)))
                    .append(" | ").append(resolved == null ? "not resolved" : duration(Duration.between(incident.created(), resolved)))
                    .append(" | ").append(paged)
                    .append(" | ").append(sent).append(" |\n");
        }
        return md.toString();
    }

    private static List<Line> lines(Timeline timeline)
    {
        List<Line> lines = new ArrayList<>();
        boolean several = timeline.incidents().size() > 1;
        for (PostmortemDao.IncidentFacts incident : timeline.incidents()) {
            lines.add(new Line(incident.created(), "Incident " + incident.id() + " triggered by " + incident.application()));
        }
        for (PostmortemDao.Event event : timeline.events()) {
            String prefix = several ? "Incident " + event.incidentId() + ": " : "";
            String text = switch (event.kind()) {
                case "created" -> null;
                case "claimed" -> "responder " + event.actor() + " claimed the incident";
                case "unclaimed" -> "the incident was unclaimed; escalation resumed";
                case "resolved" -> "resolved" + (event.actor() == null ? " automatically" : " by " + event.actor())
                        + (blank(event.description()) ? "" : " (" + event.description() + ")");
                case "unresolved" -> "marked unresolved";
                case "escalated" -> "escalated to " + event.description();
                case "deduplicated" -> "the alert repeated (" + event.description() + ")";
                default -> event.kind() + (blank(event.description()) ? "" : ": " + event.description());
            };
            if (text != null) {
                lines.add(new Line(event.at(), prefix + capitalize(text)));
            }
        }
        for (PostmortemDao.Page page : timeline.pages()) {
            String prefix = several ? "Incident " + page.incidentId() + ": " : "";
            String who = page.target() == null ? "a notification" : "responder " + page.target();
            lines.add(new Line(Objects.requireNonNullElse(page.sent(), page.created()), prefix + "Paged " + who
                    + (page.mode() == null ? "" : " by " + page.mode()) + (page.step() == null ? "" : " (step " + page.step() + ")")
                    + " — " + page.status()));
        }
        for (PostmortemDao.Comment comment : timeline.comments()) {
            lines.add(new Line(comment.created(), (several ? "Incident " + comment.incidentId() + ": " : "") + "Responder " + comment.author()
                    + " commented: " + oneLine(comment.content())));
        }
        for (PostmortemDao.PublicUpdate update : timeline.updates()) {
            lines.add(new Line(update.created(), (several ? "Incident " + update.incidentId() + ": " : "") + "Public update ("
                    + update.status() + "): " + oneLine(update.body())));
        }
        lines.sort(Comparator.comparing(Line::at));
        return lines;
    }

    /**
     * The Markdown without the {@value #INTERNAL} sections.
     */
    public static String publicPart(String markdown)
    {
        StringBuilder out = new StringBuilder();
        boolean skipping = false;
        for (String line : markdown.split("\n", -1)) {
            if (HEADING.matcher(line).matches()) {
                skipping = line.toLowerCase().contains(INTERNAL);
            }
            if (!skipping) {
                out.append(line).append("\n");
            }
        }
        return out.toString().strip() + "\n";
    }

    private static Instant first(List<PostmortemDao.Event> events, long incidentId, String kind)
    {
        return events.stream().filter(e -> e.incidentId() == incidentId && e.kind().equals(kind)).map(PostmortemDao.Event::at).findFirst().orElse(null);
    }

    static String duration(Duration duration)
    {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return "%d min %d s".formatted(seconds / 60, seconds % 60);
        }
        return "%d h %d min".formatted(seconds / 3600, (seconds % 3600) / 60);
    }

    private static String oneLine(String text)
    {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }

    private static boolean blank(String text)
    {
        return text == null || text.isBlank();
    }

    private static String capitalize(String text)
    {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String join(List<Long> ids)
    {
        return String.join(", ", ids.stream().map(String::valueOf).toList());
    }
}
