package dev.iris.plugin.ldap;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldif.LDIFException;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;

import javax.net.ssl.SSLServerSocketFactory;

import java.io.File;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * UnboundID's in-memory directory on a random loopback port, with a small company: people
 * alice, bob, carol, dave and erin; team db-team (alice, bob; manager carol) and web-team (its
 * members are db-team and erin); mailing list db@example.com (alice, dave); a service account.
 */
final class TestingDirectory
        implements AutoCloseable
{
    static final String BASE = "dc=example,dc=com";
    static final String PEOPLE = "ou=people," + BASE;
    static final String SERVICE_DN = "cn=iris-service," + BASE;
    static final String SERVICE_PASSWORD = "service-pa55-secret";

    private final InMemoryDirectoryServer server;

    TestingDirectory()
            throws LDAPException, LDIFException
    {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        config.setListenerConfigs(
                InMemoryListenerConfig.createLDAPConfig("default", InetAddress.getLoopbackAddress(), 0, null),
                InMemoryListenerConfig.createLDAPSConfig("ldaps", InetAddress.getLoopbackAddress(), 0, serverTls(), null));
        config.addAdditionalBindCredentials(SERVICE_DN, SERVICE_PASSWORD);
        // Like a real directory, refuse anonymous searches: the service account must bind.
        config.setAuthenticationRequiredOperationTypes(EnumSet.of(OperationType.SEARCH));
        server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: example");
        server.add("dn: " + PEOPLE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
        server.add("dn: ou=groups," + BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: groups");
        server.add("dn: ou=lists," + BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: lists");
        person("alice", "alice@example.com", "+1 (415) 555-0101");
        person("bob", "bob@example.com", "415.555.0102");
        person("carol", "carol@example.com", null);
        person("dave", null, "+44 20 7946 0958");
        person("erin", "erin@example.com", "not a number");
        server.add("dn: cn=db-team,ou=groups," + BASE, "objectClass: groupOfNames", "cn: db-team",
                "member: uid=alice," + PEOPLE, "member: uid=bob," + PEOPLE, "owner: uid=carol," + PEOPLE);
        server.add("dn: cn=web-team,ou=groups," + BASE, "objectClass: groupOfNames", "cn: web-team",
                "member: cn=db-team,ou=groups," + BASE, "member: uid=erin," + PEOPLE);
        server.add("dn: cn=db-list,ou=lists," + BASE, "objectClass: groupOfNames", "objectClass: extensibleObject", "cn: db-list",
                "mail: db@example.com", "member: uid=alice," + PEOPLE, "member: uid=dave," + PEOPLE);
        server.startListening();
    }

    private void person(String uid, String mail, String mobile)
            throws LDAPException, LDIFException
    {
        List<String> lines = new ArrayList<>(List.of(
                "dn: uid=" + uid + "," + PEOPLE, "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid, "sn: " + uid,
                "userPassword: " + password(uid)));
        if (mail != null) {
            lines.add("mail: " + mail);
        }
        if (mobile != null) {
            lines.add("mobile: " + mobile);
        }
        server.add(lines.toArray(String[]::new));
    }

    // The certificate in ldap-test-localhost.p12 names localhost and 127.0.0.1; ldap-test-ca.pem
    // is that certificate, for clients to trust.
    private static SSLServerSocketFactory serverTls()
            throws LDAPException
    {
        try {
            File keyStore = new File(TestingDirectory.class.getClassLoader().getResource("ldap-test-localhost.p12").toURI());
            return new SSLUtil(new KeyStoreKeyManager(keyStore, "changeit".toCharArray(), "PKCS12", "ldap"), null)
                    .createSSLServerSocketFactory();
        }
        catch (URISyntaxException | GeneralSecurityException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, e);
        }
    }

    static String caCertificatePath()
    {
        try {
            return Path.of(TestingDirectory.class.getClassLoader().getResource("ldap-test-ca.pem").toURI()).toString();
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    String ldapsUrl()
    {
        return "ldaps://localhost:" + server.getListenPort("ldaps");
    }

    static String password(String uid)
    {
        return uid + "-password";
    }

    InMemoryDirectoryServer server()
    {
        return server;
    }

    String url()
    {
        return "ldap://127.0.0.1:" + server.getListenPort("default");
    }

    /**
     * The settings of the role lookup and the sync for this directory.
     */
    Map<String, String> directorySettings()
    {
        Map<String, String> settings = new HashMap<>();
        settings.put("url", url());
        settings.put("bind_dn", SERVICE_DN);
        settings.put("bind_password", SERVICE_PASSWORD);
        settings.put("user_base_dn", PEOPLE);
        settings.put("user_filter", "(objectClass=inetOrgPerson)");
        settings.put("team_base_dn", "ou=groups," + BASE);
        settings.put("list_base_dn", "ou=lists," + BASE);
        return settings;
    }

    @Override
    public void close()
    {
        server.shutDown(true);
    }
}
