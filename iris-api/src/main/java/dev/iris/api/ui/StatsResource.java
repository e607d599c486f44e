package dev.iris.api.ui;

import dev.iris.api.auth.OwnAuthentication;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * {@code /stats} and {@code /stats/{application}}: a range (the last 7, 30 or 90 days, or chosen
 * days) as charts with their numbers written out, and Iris's weekly figures per application.
 */
@Path("/stats")
@OwnAuthentication
@UiPage
@Produces(MediaType.TEXT_HTML)
public final class StatsResource
{
    private final StatsDao stats;
    private final UiPages pages;
    private final Clock clock;

    @Inject
    public StatsResource(Jdbi jdbi, UiPages pages, Clock clock)
    {
        this.stats = requireNonNull(jdbi, "jdbi is null").onDemand(StatsDao.class);
        this.pages = requireNonNull(pages, "pages is null");
        this.clock = requireNonNull(clock, "clock is null");
    }

    @GET
    public PageView all(@BeanParam StatsRange.Params range, @Context ContainerRequestContext request)
    {
        return view(null, range.range(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)), request);
    }

    @GET
    @Path("{application}")
    public PageView application(@PathParam("application") String application, @BeanParam StatsRange.Params range,
            @Context ContainerRequestContext request)
    {
        if (!stats.applicationExists(application)) {
            throw new NotFoundException("No application named " + application);
        }
        return view(application, range.range(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)), request);
    }

    private StatsView view(String application, StatsRange range, ContainerRequestContext request)
    {
        LocalDate first = range.first();
        LocalDate last = range.last();
        Instant since = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, String> charts = new LinkedHashMap<>();
        List<SvgCharts.Bar> incidentsPerDay = perDay(stats.incidentsPerDay(since, application), first, last);
        charts.put("Incidents per day", SvgCharts.bars("Incidents per day", incidentsPerDay, " incidents"));
        charts.put("Messages per day", SvgCharts.bars("Messages per day", perDay(stats.messagesPerDay(since, application), first, last), " messages"));
        charts.put("Minutes to claim (mean)", SvgCharts.bars("Minutes to claim", named(stats.minutesToClaim(since, application)), " min"));
        if (application == null) {
            charts.put("Incidents per application", SvgCharts.bars("Incidents per application", named(stats.incidentsPerApplication(since, null)), " incidents"));
        }
        charts.put("Messages per mode", SvgCharts.bars("Messages per mode", named(stats.messagesPerMode(since, application)), " messages"));
        List<ClaimFigures> figures = ClaimFigures.of(stats.claimCounts(since, until, application), stats.claimTimes(since, until, application));
        return new StatsView(pages.context(request, "stats"), application, range, figures, charts);
    }

    /**
     * One bar per day from {@code first} to {@code last}, zero where nothing happened.
     */
    static List<SvgCharts.Bar> perDay(List<StatsDao.DayCount> counts, LocalDate first, LocalDate last)
    {
        Map<LocalDate, Long> byDay = new LinkedHashMap<>();
        counts.forEach(count -> byDay.put(count.day(), count.total()));
        List<SvgCharts.Bar> bars = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            bars.add(new SvgCharts.Bar(day.toString().substring(5), byDay.getOrDefault(day, 0L)));
        }
        return bars;
    }

    private static List<SvgCharts.Bar> named(List<StatsDao.NamedValue> values)
    {
        return values.stream().map(value -> new SvgCharts.Bar(value.name(), value.value())).toList();
    }

    /**
     * The stats page.
     */
    public static final class StatsView
            extends PageView
    {
        private final String application;
        private final StatsRange range;
        private final List<ClaimFigures> figures;
        private final Map<String, String> charts;

        StatsView(PageContext context, String application, StatsRange range, List<ClaimFigures> figures, Map<String, String> charts)
        {
            super("stats.ftlh", context, application == null ? "Stats" : "Stats: " + application);
            this.application = application;
            this.range = range;
            this.figures = figures;
            this.charts = charts;
        }

        public StatsRange getRange()
        {
            return range;
        }

        /**
         * Iris's weekly figures (incidents, share claimed, median time to claim) for the range.
         */
        public List<ClaimFigures> getFigures()
        {
            return figures;
        }

        public String getApplication()
        {
            return application;
        }

        /**
         * Chart title to SVG markup (built by {@link SvgCharts}, which escapes its text).
         */
        public Map<String, String> getCharts()
        {
            return charts;
        }
    }
}
