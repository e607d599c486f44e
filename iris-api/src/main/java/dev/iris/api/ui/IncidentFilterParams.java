package dev.iris.api.ui;

import jakarta.ws.rs.QueryParam;

/**
 * The incident list's query parameters, shared by the page and the change banner htmx polls.
 */
public final class IncidentFilterParams
{
    @QueryParam("state")
    private String state;

    @QueryParam("application")
    private String application;

    @QueryParam("person")
    private String person;

    @QueryParam("from")
    private String from;

    @QueryParam("to")
    private String to;

    @QueryParam("page")
    private String page;

    @QueryParam("dense")
    private String dense;

    IncidentFilter filter()
    {
        return IncidentFilter.of(state, application, person, from, to, page, dense);
    }
}
