package dev.iris.plugin.ldap;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import dev.iris.spi.Authenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Checks a web UI password by binding to the directory as the user (see
 * {@link LdapAuthenticatorConfig} for how the DN is found). A wrong password or an unknown user
 * is {@code false}; an unreachable or failing directory is an {@link IllegalStateException}. An
 * empty password is always refused, since LDAP treats a bind without password as anonymous and
 * would "succeed". Whether the user exists in Iris is the caller's check.
 */
final class LdapAuthenticator
        implements Authenticator
{
    private static final Logger log = LoggerFactory.getLogger(LdapAuthenticator.class);

    private final LdapAuthenticatorConfig config;

    LdapAuthenticator(LdapAuthenticatorConfig config)
    {
        this.config = requireNonNull(config, "config is null");
    }

    @Override
    public boolean authenticate(String username, char[] password)
    {
        if (username == null || username.isBlank() || password == null || password.length == 0) {
            return false;
        }
        byte[] passwordBytes = utf8(password);
        try (LDAPConnection connection = connect()) {
            Optional<String> dn = userDn(connection, username);
            if (dn.isEmpty()) {
                log.info("LDAP login for {} refused: no such user in the directory", username);
                return false;
            }
            connection.bind(new SimpleBindRequest(dn.get(), passwordBytes));
            return true;
        }
        catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS || e.getResultCode() == ResultCode.INVALID_DN_SYNTAX
                    || e.getResultCode() == ResultCode.NO_SUCH_OBJECT || e.getResultCode() == ResultCode.UNWILLING_TO_PERFORM) {
                log.info("LDAP login for {} refused: {}", username, e.getResultCode());
                return false;
            }
            throw new IllegalStateException("The directory at " + config.server().url().getHost() + " cannot check passwords now: " + e.getResultCode(), e);
        }
        finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
    }

    private LDAPConnection connect()
            throws LDAPException
    {
        LDAPConnection connection = config.server().serverSet().getConnection();
        try {
            PostConnectProcessor postConnect = config.server().postConnect();
            if (postConnect != null) {
                postConnect.processPreAuthenticatedConnection(connection);
            }
            return connection;
        }
        catch (LDAPException e) {
            connection.close();
            throw e;
        }
    }

    private Optional<String> userDn(LDAPConnection connection, String username)
            throws LDAPException
    {
        if (config.server().bindDn().isPresent()) {
            connection.bind(config.server().bindDn().get(), config.server().bindPassword().orElseThrow());
            Filter filter = Filter.create(config.searchFilter().replace("%s", Filter.encodeValue(username)));
            SearchResult result = connection.search(config.searchBase().orElseThrow().toString(), SearchScope.SUB, filter, "1.1");
            // Zero or several matches: no unambiguous user to check the password of.
            return result.getEntryCount() == 1 ? Optional.of(result.getSearchEntries().get(0).getDN()) : Optional.empty();
        }
        if (config.userDnTemplate().isPresent()) {
            // Escaped as a DN value, so a username cannot add RDNs of its own.
            String escaped = new RDN("x", username).toString().substring(2);
            String dn = config.userDnTemplate().get().replace("{0}", escaped);
            return DN.isValidDN(dn) ? Optional.of(dn) : Optional.empty();
        }
        return Optional.of(username + config.userSuffix().orElseThrow());
    }

    private static byte[] utf8(char[] password)
    {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }
}
