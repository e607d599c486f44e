package dev.iris.plugin.ldap;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Reads people and groups from a directory, as {@link LdapDirectoryConfig} describes them.
 * Thread-safe (a pooled connection per operation).
 */
final class LdapDirectory
        implements AutoCloseable
{
    private static final int MAX_NESTING = 5;

    /** A person in the directory. */
    record Person(DN dn, String username, Optional<String> email, Optional<String> mobile) {}

    /** A team or mailing list: its name in Iris, members' DNs, managers' DNs. */
    record Group(DN dn, String name, List<DN> memberDns, List<DN> managerDns) {}

    private static final int PAGE_SIZE = 500;

    private final LdapDirectoryConfig config;
    private final LDAPConnectionPool pool;
    private final int pageSize;

    LdapDirectory(LdapDirectoryConfig config)
            throws LDAPException
    {
        this(config, PAGE_SIZE);
    }

    LdapDirectory(LdapDirectoryConfig config, int pageSize)
            throws LDAPException
    {
        this.config = requireNonNull(config, "config is null");
        this.pool = config.server().pool(4);
        this.pageSize = pageSize;
    }

    LdapDirectoryConfig config()
    {
        return config;
    }

    Optional<Group> team(String name)
            throws LDAPException
    {
        if (config.teamBaseDn().isEmpty()) {
            return Optional.empty();
        }
        return group(config.teamBaseDn().get(), config.teamFilter(), config.teamNameAttribute(), name);
    }

    Optional<Group> mailingList(String name)
            throws LDAPException
    {
        if (config.listBaseDn().isEmpty()) {
            return Optional.empty();
        }
        return group(config.listBaseDn().get(), config.listFilter(), config.listNameAttribute(), name);
    }

    List<Group> allTeams()
            throws LDAPException
    {
        return config.teamBaseDn().isEmpty() ? List.of() : groups(config.teamBaseDn().get(), config.teamFilter(), config.teamNameAttribute());
    }

    List<Group> allMailingLists()
            throws LDAPException
    {
        return config.listBaseDn().isEmpty() ? List.of() : groups(config.listBaseDn().get(), config.listFilter(), config.listNameAttribute());
    }

    List<Person> allPeople()
            throws LDAPException
    {
        List<SearchResultEntry> entries = searchAll(new SearchRequest(config.userBaseDn().toString(), SearchScope.SUB, config.userFilter(),
                config.usernameAttribute(), config.emailAttribute(), config.mobileAttribute()));
        List<Person> people = new ArrayList<>();
        for (SearchResultEntry entry : entries) {
            person(entry).ifPresent(people::add);
        }
        return people;
    }

    /**
     * The usernames of a group's members, following nested groups; DNs that are neither people
     * nor groups are skipped.
     */
    List<String> usernames(List<DN> memberDns)
            throws LDAPException
    {
        Set<String> usernames = new LinkedHashSet<>();
        Set<DN> seen = new HashSet<>();
        Deque<DnAtDepth> pending = new ArrayDeque<>();
        memberDns.forEach(dn -> pending.add(new DnAtDepth(dn, 0)));
        while (!pending.isEmpty()) {
            DnAtDepth next = pending.poll();
            if (!seen.add(next.dn())) {
                continue;
            }
            Optional<String> fromRdn = usernameFromRdn(next.dn());
            if (fromRdn.isPresent()) {
                usernames.add(fromRdn.get());
                continue;
            }
            SearchResultEntry entry = pool.getEntry(next.dn().toString(), config.usernameAttribute(), config.memberAttribute());
            if (entry == null) {
                continue;
            }
            String username = entry.getAttributeValue(config.usernameAttribute());
            if (username != null) {
                usernames.add(username);
            }
            else if (next.depth() < MAX_NESTING) {
                for (DN member : dns(entry, config.memberAttribute())) {
                    pending.add(new DnAtDepth(member, next.depth() + 1));
                }
            }
        }
        return List.copyOf(usernames);
    }

    private record DnAtDepth(DN dn, int depth) {}

    // A person's DN usually starts with uid=<username> under the people base: no lookup needed.
    private Optional<String> usernameFromRdn(DN dn)
    {
        RDN rdn = dn.getRDN();
        if (rdn == null || !dn.isDescendantOf(config.userBaseDn(), false)) {
            return Optional.empty();
        }
        String[] names = rdn.getAttributeNames();
        if (names.length == 1 && names[0].equalsIgnoreCase(config.usernameAttribute())) {
            return Optional.of(rdn.getAttributeValues()[0]);
        }
        return Optional.empty();
    }

    private Optional<Group> group(DN base, Filter filter, String nameAttribute, String name)
            throws LDAPException
    {
        Filter query = Filter.createANDFilter(filter, Filter.createEqualityFilter(nameAttribute, name));
        SearchResult result = pool.search(new SearchRequest(base.toString(), SearchScope.SUB, query,
                nameAttribute, config.memberAttribute(), config.teamManagerAttribute()));
        if (result.getEntryCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(group(result.getSearchEntries().get(0), nameAttribute, name));
    }

    private List<Group> groups(DN base, Filter filter, String nameAttribute)
            throws LDAPException
    {
        List<SearchResultEntry> entries = searchAll(new SearchRequest(base.toString(), SearchScope.SUB, filter,
                nameAttribute, config.memberAttribute(), config.teamManagerAttribute()));
        List<Group> groups = new ArrayList<>();
        for (SearchResultEntry entry : entries) {
            String name = entry.getAttributeValue(nameAttribute);
            if (name != null && !name.isBlank()) {
                groups.add(group(entry, nameAttribute, name));
            }
        }
        return groups;
    }

    /**
     * Every entry a search matches, fetched in pages: directories cap plain searches (Active
     * Directory at 1000 entries), which would silently cut a sync short.
     */
    private List<SearchResultEntry> searchAll(SearchRequest request)
            throws LDAPException
    {
        List<SearchResultEntry> entries = new ArrayList<>();
        ASN1OctetString cookie = null;
        do {
            request.setControls(new SimplePagedResultsControl(pageSize, cookie));
            SearchResult result = pool.search(request);
            entries.addAll(result.getSearchEntries());
            SimplePagedResultsControl response = SimplePagedResultsControl.get(result);
            cookie = response == null || !response.moreResultsToReturn() ? null : response.getCookie();
        }
        while (cookie != null);
        return entries;
    }

    private Group group(SearchResultEntry entry, String nameAttribute, String fallbackName)
            throws LDAPException
    {
        String name = entry.getAttributeValue(nameAttribute);
        return new Group(entry.getParsedDN(), name == null ? fallbackName : name,
                dns(entry, config.memberAttribute()), dns(entry, config.teamManagerAttribute()));
    }

    private static List<DN> dns(SearchResultEntry entry, String attribute)
    {
        List<DN> dns = new ArrayList<>();
        String[] values = entry.getAttributeValues(attribute);
        if (values == null) {
            return dns;
        }
        for (String value : values) {
            try {
                dns.add(new DN(value));
            }
            catch (LDAPException e) {
                // Not a DN (a bare uid in memberUid style): ignored, as the schema asks for DNs.
            }
        }
        return dns;
    }

    private Optional<Person> person(SearchResultEntry entry)
            throws LDAPException
    {
        String username = entry.getAttributeValue(config.usernameAttribute());
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Person(entry.getParsedDN(), username.trim(),
                Optional.ofNullable(entry.getAttributeValue(config.emailAttribute())).map(String::trim).filter(value -> !value.isEmpty()),
                Optional.ofNullable(entry.getAttributeValue(config.mobileAttribute())).map(String::trim).filter(value -> !value.isEmpty())));
    }

    /**
     * Maps DNs to usernames with the people already read, for the sync.
     */
    static List<String> usernamesOf(List<DN> dns, Map<DN, String> usernameByDn)
    {
        Set<String> usernames = new LinkedHashSet<>();
        for (DN dn : dns) {
            String username = usernameByDn.get(dn);
            if (username != null) {
                usernames.add(username);
            }
        }
        return List.copyOf(usernames);
    }

    @Override
    public void close()
    {
        pool.close();
    }
}
